// Waiting, for tests and the bench alike: one sleep, one polling wait, one way to stop a child.

// How long a test waits for what a user would see before it gives up.
export const DEADLINE_MS = 20_000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// True if the promise settled within ms; the timer never outlives it (no idle wait at the end of a file).
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls until check() returns something other than undefined/false, or throws at the deadline
// with describe()'s account of what there was instead.
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEADLINE_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const detail = options.describe ? `\n${options.describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(options.intervalMs ?? 20);
  }
}

// SIGTERM, then SIGKILL if the process has not exited within graceMs.
export async function stopProcess(
  signal: (name: NodeJS.Signals) => void,
  exited: Promise<unknown>,
  graceMs = 5000,
): Promise<void> {
  signal('SIGTERM');
  if (await settlesWithin(exited, graceMs)) return;
  signal('SIGKILL');
  await settlesWithin(exited, 5000);
}

// Sends a signal to a process that may already be gone.
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

// Resolves once the process is gone (or after timeoutMs, whichever is first).
export async function processGone(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
}
