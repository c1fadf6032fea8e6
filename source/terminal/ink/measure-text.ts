// In place of Ink's measure-text.js (scripts/ink-swaps.mjs): the same figures, a bounded cache.
export { measureText as default } from './measures.js';
