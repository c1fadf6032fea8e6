// The README's keys table and the key map the app runs on must name the same keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BINDINGS } from '../../source/keys/keymap.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function readmeKeys(): Set<string> {
  const section = README.split('\n## Keys\n')[1]?.split('\n## ')[0] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| key') && !line.startsWith('| ---'));
  assert.ok(rows.length > 5, 'the README has a keys table');
  const keys = new Set<string>();
  for (const row of rows) {
    const cell = row.split('|')[1] ?? '';
    for (const token of cell.replaceAll('`', '').split(/[\s,]+/)) if (token) keys.add(token);
  }
  return keys;
}

test('every key in the key map is in the README keys table, and nothing else is', () => {
  const mapped = new Set(BINDINGS.flatMap((binding) => binding.label.split(' ')));
  assert.deepEqual([...readmeKeys()].sort(), [...mapped].sort());
});
