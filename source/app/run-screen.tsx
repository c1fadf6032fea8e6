import { render } from 'ink';
import goodbye from 'graceful-goodbye';
import type { Command } from '../cli/args.js';
import { describeFailure } from '../model/messages.js';
import type { AlternateScreen } from '../terminal/alternate-screen.js';
import { hasHungUp, isHangUp } from '../terminal/hang-up.js';
import { installJobControl } from '../terminal/job-control.js';
import { settlePendingCloses } from '../net/pending-closes.js';
import type { WriterOpening } from './open-writer-first.js';
import { ReaderApp } from './ReaderApp.js';
import { WriterApp } from './WriterApp.js';

// Ink holds a frame that comes within 1000 / maxFps ms of its last one until that time has passed:
// at 120 a block's frame drawn 4 ms after a title's count waited 10 ms more (7 % of blocks in the
// latency figure). Block frames are paced by source/model/frame-pacing.ts, and keys and the other
// redraws come far slower, so Ink only needs to merge the commits of one burst: 1 ms.
const FRAMES_PER_SECOND = 1000;

// Sessions get most of the 2 s quit budget (docs/untrusted-input.md#quitting); the rest is for leaving the screen.
const CLOSE_BUDGET_MS = 1800;

// Full screen, on the alternate screen the caller entered: Ink renders, and every way out (q,
// Ctrl+C, signals, a fatal error) unmounts, closes the sessions (bounded) and restores the
// terminal. Ctrl+Z and SIGTSTP leave the screen while the job is stopped. A writer's session is
// already opening (`writer`, see open-writer-first.ts).
export async function runScreen(
  command: Extract<Command, { kind: 'writer' | 'reader' }>,
  screen: AlternateScreen,
  writer: WriterOpening | null,
): Promise<void> {
  const jobControl = installJobControl(screen);
  let failure: string | undefined;
  let exiting = false;

  // Loading corestore and hyperswarm blocks the process for a few hundred milliseconds: a reader's
  // session opens once the app's first frame, which shows its key, is on its way to the terminal
  // (Ink calls onRender just before it writes the frame).
  let appMounted = false;
  let firstFrameDrawn = () => {};
  const firstFrame = new Promise<void>((resolve) => (firstFrameDrawn = resolve));
  // Not incrementalRendering: Ink 6.8's incremental writes drew every frame after the first one
  // line lower (seen in test/e2e/frame-widths.test.ts).
  const instance = render(<></>, {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: FRAMES_PER_SECOND,
    onRender: () => {
      if (appMounted) setImmediate(firstFrameDrawn);
    },
  });
  const exit = (reason?: string) => {
    if (exiting) return;
    exiting = true;
    // A fatal error sets the failure before the quit it starts comes through here without one.
    failure = reason ?? failure;
    instance.unmount();
  };
  const scriptPath = process.argv[1] ?? 'many-cores';
  appMounted = true;
  instance.rerender(
    command.kind === 'writer' ? (
      <WriterApp
        storage={command.storage}
        network={command.network}
        scriptPath={scriptPath}
        onExit={exit}
        jobControl={jobControl}
        mouse={command.mouse}
        openSession={(onMainKey) =>
          writer
            ? writer.openSession(onMainKey)
            : firstFrame
                .then(() => import('../net/writer-session.js'))
                .then(({ WriterSession }) => WriterSession.open({ ...command, onMainKey }))
        }
      />
    ) : (
      <ReaderApp
        mainKeys={command.keys}
        storage={command.storage}
        network={command.network}
        timeoutSeconds={command.timeoutSeconds}
        filter={command.filter}
        scriptPath={scriptPath}
        onExit={exit}
        jobControl={jobControl}
        mouse={command.mouse}
        openSession={() =>
          firstFrame
            .then(() => import('../net/reader-session.js'))
            .then(({ ReaderSession }) => ReaderSession.open(command))
        }
      />
    ),
  );

  const finish = async () => {
    exit();
    await instance.waitUntilExit().catch(() => {});
    await settlePendingCloses(CLOSE_BUDGET_MS);
    jobControl.uninstall();
    screen.leave();
    if (failure) {
      if (!hasHungUp(process.stderr)) process.stderr.write(`many-cores: ${failure}\n`);
      // graceful-goodbye exits with its own status; a failure must still say 1.
      process.exit(1);
    }
  };
  goodbye(finish);
  // graceful-goodbye drops its own SIGINT/SIGTERM listener when one arrives; Ink's signal-exit
  // then sees itself alone and re-raises the signal before our cleanup ran. Listeners of our
  // own keep the process alive until the screen is restored.
  for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) process.on(signal, () => goodbye.exit());
  const fail = (error: unknown) => {
    failure ??= describeFailure(error);
    goodbye.exit();
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // A terminal that hung up (its window closed, ssh dropped) sends SIGHUP, ends stdin and fails
  // every write with EIO, in any order, or without the SIGHUP when the app is not the session's
  // leader. Each of them is the user leaving, as with q: status 0.
  const hangUp = () => goodbye.exit();
  process.stdin.on('end', hangUp);
  for (const stream of [process.stdin, process.stdout, process.stderr]) {
    stream.on('error', (error) => (isHangUp(error, stream) ? hangUp() : fail(error)));
  }

  await instance.waitUntilExit().catch(() => {});
  goodbye.exit();
}
