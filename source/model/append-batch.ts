// Lines in one batch at most. Hypercore stored 100,000 short lines in batches of 1,000-5,000 about
// a quarter faster than in batches of 10,000 or more (docs/speed.md#piped-writer): a big batch's
// buffers outlive V8's young generation, and collecting them from the old one costs more than the
// extra appends.
export const MAX_BATCH_LINES = 2048;
