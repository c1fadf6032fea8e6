// A command in a pseudo-terminal, read to its last byte. node-pty reports an exit as soon as the
// process is reaped and drops what it has not read yet 200 ms later (microsoft/node-pty#72): on a
// busy machine that lost an app's last bytes, the very ones a test judges (the terminal restored, a
// final message). So the terminal's own process is pty-wrapper.mjs, which runs the command as its
// child, marks where the command's output ends, and keeps the terminal open until that mark is read.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pty, { type IPty } from '@lydell/node-pty';
import { signalProcess } from './wait.js';

const WRAPPER = fileURLToPath(new URL('./pty-wrapper.mjs', import.meta.url));

export interface ExitStatus {
  exitCode: number;
  // The number of the signal that ended the process (0 or undefined if it exited by itself).
  signal: number | undefined;
}

export interface PtyProcess {
  // The command's process (the wrapper's child), known before any of its output is delivered.
  readonly pid: number;
  // The terminal's own process: the wrapper, leader of the terminal's session.
  readonly wrapperPid: number;
  // Resolves once the command has ended and everything it wrote has been delivered (unless the
  // terminal was hung up first), and the wrapper is gone.
  readonly exited: Promise<ExitStatus>;
  write(data: string | Uint8Array): void;
  resize(cols: number, rows: number): void;
  // Sends a signal to the command; SIGKILL to the wrapper too, so that nothing is left.
  signal(name: NodeJS.Signals): void;
  // Closes the master side under the command: end of input and EIO for it, a SIGHUP for the session leader.
  hangUp(): void;
}

export interface PtyProcessOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
  // Everything the command writes, in order, with the wrapper's marks taken out.
  onData: (data: string) => void;
  // The command as the terminal's own process, no wrapper: its output may then be cut at its exit.
  direct?: boolean;
}

export function spawnPtyProcess(command: string[], options: PtyProcessOptions): PtyProcess {
  if (options.direct) return spawnDirect(command, options);
  // Unique per terminal, so that nothing the command writes can pass for a mark.
  const markPrefix = `\x1b]6973;${randomBytes(8).toString('hex')};`;
  const wrapper = pty.spawn(process.execPath, [WRAPPER, markPrefix, ...command], {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: options.env,
  });
  let pid: number | undefined;
  let ended: ExitStatus | undefined;
  // Output that came before the pid mark (a wrap's shell may write first), so that a test that
  // has seen output can always signal the command.
  let beforePid = '';
  // The start of what may be a mark, until the next chunk tells.
  let carry = '';

  const deliver = (text: string) => {
    if (pid === undefined && ended === undefined) beforePid += text;
    else if (text !== '') options.onData(text);
  };
  const flushBeforePid = () => {
    const text = beforePid;
    beforePid = '';
    if (text !== '') options.onData(text);
  };
  const onMark = (body: string) => {
    const [key, value] = body.split('=');
    if (key === 'pid') {
      pid = Number(value);
    } else {
      ended =
        key === 'signal'
          ? { exitCode: 0, signal: os.constants.signals[value as NodeJS.Signals] }
          : { exitCode: Number(value), signal: 0 };
      // Every byte before the end mark is in: the wrapper may go.
      wrapper.kill('SIGUSR2');
    }
    flushBeforePid();
  };

  wrapper.onData((chunk) => {
    if (ended) return;
    let text = carry + chunk;
    carry = '';
    for (;;) {
      const at = text.indexOf(markPrefix);
      const close = at === -1 ? -1 : text.indexOf('\x07', at + markPrefix.length);
      if (close === -1) break;
      deliver(text.slice(0, at));
      onMark(text.slice(at + markPrefix.length, close));
      if (ended) return;
      text = text.slice(close + 1);
    }
    // A mark has no ESC after its first byte: only the last ESC can start one not yet whole.
    const esc = text.lastIndexOf('\x1b');
    const tail = esc === -1 ? '' : text.slice(esc);
    if (tail !== '' && (markPrefix.startsWith(tail) || tail.startsWith(markPrefix))) {
      carry = tail;
      text = text.slice(0, esc);
    }
    deliver(text);
  });

  const exited = new Promise<ExitStatus>((resolve) => {
    wrapper.onExit(({ exitCode, signal }) => {
      // Without an end mark (the terminal was hung up), what arrived is all there is; the wrapper
      // then ended as the command did.
      if (!ended) {
        flushBeforePid();
        if (carry !== '') options.onData(carry);
      }
      resolve(ended ?? { exitCode, signal });
    });
  });

  return {
    get pid() {
      if (pid === undefined) throw new Error(`the command in pty ${wrapper.pid} has not started yet`);
      return pid;
    },
    wrapperPid: wrapper.pid,
    exited,
    write: (data) => writeTo(wrapper, data),
    resize: (cols, rows) => wrapper.resize(cols, rows),
    signal(name) {
      signalProcess(pid ?? wrapper.pid, name);
      if (name === 'SIGKILL') signalProcess(wrapper.pid, name);
    },
    hangUp: () => hangUp(wrapper),
  };
}

// The command as the terminal's own process: it starts sooner (no node wrapper first), but node-pty
// may drop what it writes as it exits.
function spawnDirect(command: string[], options: PtyProcessOptions): PtyProcess {
  const terminal = pty.spawn(command[0], command.slice(1), {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: options.env,
  });
  terminal.onData(options.onData);
  return {
    pid: terminal.pid,
    wrapperPid: terminal.pid,
    exited: new Promise<ExitStatus>((resolve) =>
      terminal.onExit(({ exitCode, signal }) => resolve({ exitCode, signal })),
    ),
    write: (data) => writeTo(terminal, data),
    resize: (cols, rows) => terminal.resize(cols, rows),
    signal: (name) => signalProcess(terminal.pid, name),
    hangUp: () => hangUp(terminal),
  };
}

// node-pty declares strings only, but hands what it is given to a socket, which takes bytes.
function writeTo(terminal: IPty, data: string | Uint8Array): void {
  if (typeof data === 'string') terminal.write(data);
  else (terminal as unknown as { write(bytes: Buffer): void }).write(Buffer.from(data));
}

// node-pty's destroy() closes the master, then sends SIGHUP as the kernel would; its typings omit it.
function hangUp(terminal: IPty): void {
  (terminal as unknown as { destroy(): void }).destroy();
}
