// What the decode figure times (bench/decode.ts), bundled by buildChildren as dist/ is bundled, and
// imported from there: through tsx, every function made while a row is drawn would be named at run
// time (its transform keeps names), which the product does not do.
export { blockRow } from '../../source/components/block-rows.js';
export { decodeUncached } from '../../source/decode/decode-block.js';
export { decodedLine } from '../../source/decode/decoded-line.js';
export { blockLine } from '../../source/text/block-encoding.js';
