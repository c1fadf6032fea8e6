#!/usr/bin/env node
import goodbye from 'graceful-goodbye';
import { parseArgs, USAGE, type Command } from './source/cli/args.js';
import { VERSION } from './source/cli/version.js';
import { UserFacingError } from './source/model/user-facing-error.js';
import type { OutputEvent } from './source/plain/output.js';
import { openWriterFirst } from './source/app/open-writer-first.js';
import { enterAlternateScreen } from './source/terminal/alternate-screen.js';
import { isClosedOutput, releaseHungUpTerminal } from './source/terminal/hang-up.js';
import { probeTerminalWidths } from './source/terminal/width-probe.js';
import type { DisputedKind } from './source/text/terminal-width.js';

// Swarm then store get this long to close when plain mode ends by itself.
const SESSION_CLOSE_MS = 2000;

// With --json, scripts read a failure from stdout too, as an error event.
let jsonOutput = false;

// No stack trace reaches a user: anything unexpected becomes one line and exit status 1.
function printErrorEvent(message: string): void {
  const event: OutputEvent = { event: 'error', message };
  if (jsonOutput) process.stdout.write(`${JSON.stringify(event)}\n`);
}

// Loaded on a failure only: it brings the text sanitizer and string-width, which take tens of ms
// to load and which the writer's first frame does without.
async function describeFailure(error: unknown): Promise<string> {
  return (await import('./source/model/messages.js')).describeFailure(error);
}

async function failAndExit(error: unknown): Promise<never> {
  const message = await describeFailure(error);
  printErrorEvent(message);
  process.stderr.write(`many-cores: ${message}\n`);
  process.exit(1);
}

let closeSession: () => Promise<void> = async () => {};
// `last` runs just before the exit.
function closeAndExit(status: number, last: () => void = () => {}): void {
  const exit = () => {
    last();
    process.exit(status);
  };
  setTimeout(exit, SESSION_CLOSE_MS);
  // Exit once closing settles, whether it failed or not; the timer above bounds a close that hangs.
  void closeSession().finally(exit);
}

// An error thrown later, from an event, in plain mode: one line, then the session closes as on
// any quit, and status 1 (goodbye.exit() would end with its own status, 0). With --json the error
// event comes after the peers leaving as the session closes: it is the last event.
let failing = false;
function failAfterClosing(error: unknown): void {
  if (failing || stopping) return;
  failing = true;
  void describeFailure(error).then((message) => {
    process.stderr.write(`many-cores: ${message}\n`);
    closeAndExit(1, () => printErrorEvent(message));
  });
}

// Nobody reads the output any more (`| head -3`): stop as `cat` does, quietly, with status 0.
// What the session does while it closes is no failure then.
let stopping = false;
function stopQuietly(): void {
  if (failing || stopping) return;
  stopping = true;
  closeAndExit(0);
}

async function runPlain(command: Extract<Command, { kind: 'writer' | 'reader' }>): Promise<void> {
  process.on('uncaughtException', failAfterClosing);
  process.on('unhandledRejection', failAfterClosing);
  const format = command.output === 'json' ? 'json' : 'plain';
  jsonOutput = format === 'json';
  // Messages to a closed stderr are lost, nothing more: stdout decides when to stop.
  process.stderr.on('error', (error) => {
    if (!isClosedOutput(error, process.stderr)) throw error;
  });
  if (command.kind === 'writer') {
    const { WriterSession } = await import('./source/net/writer-session.js');
    const { runPlainWriter } = await import('./source/plain/writer-plain.js');
    const session = await WriterSession.open({ ...command, panes: false });
    closeSession = () => session.close();
    goodbye(() => session.close());
    process.on('SIGHUP', () => goodbye.exit());
    await runPlainWriter(session, format, process.stdin, process.stdout, process.stderr, stopQuietly);
    return;
  }
  const { ReaderSession } = await import('./source/net/reader-session.js');
  const { runPlainReader } = await import('./source/plain/reader-plain.js');
  const session = await ReaderSession.open(command);
  closeSession = () => session.close();
  goodbye(() => session.close());
  process.on('SIGHUP', () => goodbye.exit());
  // A reader that can store no more blocks can neither print nor seed them: it says why and ends.
  session.once('disk-full', (message: string) => failAfterClosing(new UserFacingError(message)));
  try {
    await runPlainReader(
      session,
      format,
      command.timeoutSeconds,
      process.stdout,
      process.stderr,
      stopQuietly,
      command.filter,
    );
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`many-cores: ${parsed.reason}\n`);
    process.exit(2);
  }
  const { command } = parsed;
  if (command.kind === 'help') {
    process.stdout.write(`many-cores ${VERSION}: write and watch many Hypercores of one Corestore\n\n${USAGE}\n`);
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  process.on('exit', releaseHungUpTerminal);
  const interactive = command.output === 'auto' && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (!interactive) return runPlain(command);
  const screen = enterAlternateScreen(process.stdout, process.stdin, { mouse: command.mouse });
  // Keys typed before Ink is up wait for it, unechoed: Ctrl+C among them quits once it reads them.
  process.stdin.setRawMode(true);
  // On the blank screen, before anything is drawn; the frame is drawn again when the answer comes.
  // The widths module loads with the answer, which comes through Ink's input, after the key is shown.
  const drawWhole = async (kinds: DisputedKind[]) => (await import('./source/text/terminal-width.js')).drawWhole(kinds);
  probeTerminalWidths(process.stdout, process.stdin, (kinds) => void drawWhole(kinds));
  const writer = command.kind === 'writer' ? await openWriterFirst(command, process.stdout) : null;
  // Imported only when needed: --help, --version and usage errors answer at once.
  await (await import('./source/app/run-screen.js')).runScreen(command, screen, writer);
}

main().catch((error: unknown) => {
  if (!stopping) void failAndExit(error);
});
