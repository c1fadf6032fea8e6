// The pseudo-terminal's own process for harness/pty-process.ts: runs the command given as its
// child on the same terminal, then marks where the command's output ends and holds the terminal
// open until the harness has read that far. node-pty reports an exit as soon as the process is
// reaped and drops whatever it has not read 200 ms later (microsoft/node-pty#72); holding the
// terminal here means the process node-pty waits for outlives the last byte of the command.
//
// usage: node pty-wrapper.mjs <mark-prefix> <command> [args...]
// Marks, each `<mark-prefix><body>\x07` on the terminal: `pid=<n>` once the command runs, then
// `exit=<code>` or `signal=<name>` once it has ended. The harness strips them from what it shows.
//
// The command must not notice the wrapper: it gets the terminal as its stdio and stays in the
// terminal's foreground process group (Ctrl+C and SIGWINCH reach it from the terminal itself), and
// what the terminal sends the session leader (SIGHUP when the terminal closes) is passed on to it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const [markPrefix, command, ...args] = process.argv.slice(2);

// If the harness never acknowledges (it died while something else kept the terminal open),
// do not hold the terminal forever.
const HOLD_LIMIT_MS = 60_000;

let ended;

// The terminal's interrupt and quit keys signal its whole foreground group: they are the command's to act on.
for (const signal of ['SIGINT', 'SIGQUIT']) process.on(signal, () => {});
// A hang-up (or the harness's stop) goes to the command as it would have without the wrapper; once
// the command has ended, it releases the terminal.
for (const signal of ['SIGHUP', 'SIGTERM']) {
  process.on(signal, () => {
    if (ended) finish();
    else child.kill(signal);
  });
}
// The harness's acknowledgement: it has read the end mark.
process.on('SIGUSR2', () => {
  if (ended) finish();
});

const child = spawn(command, args, { stdio: 'inherit' });
if (child.pid !== undefined) writeMark(`pid=${child.pid}`);
child.on('error', (error) => {
  fs.writeSync(2, `pty-wrapper: ${command}: ${error.message}\r\n`);
  end(127, null);
});
child.on('exit', end);

function end(code, signal) {
  if (ended) return;
  ended = { code, signal };
  if (writeMark(signal ? `signal=${signal}` : `exit=${code}`)) setTimeout(finish, HOLD_LIMIT_MS);
  else finish();
}

// Writes a whole mark; false if the terminal is gone (closed under the command: nothing will read it).
function writeMark(body) {
  let rest = Buffer.from(`${markPrefix}${body}\x07`);
  while (rest.length > 0) {
    try {
      rest = rest.subarray(fs.writeSync(1, rest));
    } catch (error) {
      if (error.code !== 'EAGAIN') return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  return true;
}

// Ends as the command did, so that the status node-pty reports is the command's even when the
// end mark could not be delivered.
function finish() {
  const { code, signal } = ended;
  // Node 20 puts the terminal's modes back at exit and aborts when it cannot (a hung-up terminal):
  // it skips closed descriptors, and the wrapper is done with the terminal.
  for (const fd of [0, 1, 2]) {
    try {
      fs.closeSync(fd);
    } catch {
      // Closed by an earlier call.
    }
  }
  if (signal) {
    // Back to the default action (node ignores SIGPIPE, and the handlers above catch others).
    process.removeAllListeners(signal);
    try {
      process.on(signal, () => {});
      process.removeAllListeners(signal);
    } catch {
      // SIGKILL takes no handler and has no other action.
    }
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}
