import { settleWithin } from './limit.js';

// Sessions close when their hook unmounts; React cannot await that, so the closes are kept
// here for the process to wait on (bounded) before it exits.
const pending = new Set<Promise<unknown>>();

export function trackClose(closing: Promise<unknown>): void {
  pending.add(closing);
  closing.finally(() => pending.delete(closing)).catch(() => {});
}

export async function settlePendingCloses(milliseconds: number): Promise<void> {
  await settleWithin(Promise.allSettled([...pending]), milliseconds);
}
