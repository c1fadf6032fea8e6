// In place of the widest-line package in Ink's renderer (scripts/ink-swaps.mjs).
export { widestLine as default } from './measures.js';
