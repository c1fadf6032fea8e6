// Waits for a promise, but never longer than `milliseconds`: quitting must not hang on a DHT
// that is still bootstrapping (swarm.destroy() can take 9-40 s offline).
export async function settleWithin(promise: Promise<unknown>, milliseconds: number): Promise<'settled' | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), milliseconds);
    timer.unref();
  });
  try {
    return await Promise.race([
      promise.then(
        () => 'settled' as const,
        () => 'settled' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
