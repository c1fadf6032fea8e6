// node --import tsx --import ./scripts/register-ink-swaps.mjs …: see scripts/ink-swaps.mjs.
import { register } from 'node:module';

register('./ink-swaps.mjs', import.meta.url);
