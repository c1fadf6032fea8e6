// How soon the panes are drawn again after a frame, from how many blocks that frame brought.
// Blocks that come one at a time are drawn as each arrives (a frame costs a few milliseconds);
// a flood (hundreds a second) is drawn at a steady 10 frames a second: more lines than anyone reads,
// and the CPU is left to the replication it shows.
export const FRAME_GAP_MS = 16;
export const FLOOD_GAP_MS = 100;
// More blocks than this in one frame, and the stream is a flood.
export const FLOOD_BLOCKS = 3;

export function isFlood(blocksInLastFrame: number): boolean {
  return blocksInLastFrame > FLOOD_BLOCKS;
}

export function frameGap(blocksInLastFrame: number): number {
  return isFlood(blocksInLastFrame) ? FLOOD_GAP_MS : FRAME_GAP_MS;
}

// When the next frame may be drawn: at once after a quiet spell, otherwise one gap after the last.
export function frameDelay(now: number, lastFrameAt: number, gap: number): number {
  return Math.max(0, lastFrameAt + gap - now);
}
