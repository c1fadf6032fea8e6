// The README's keys table is generated from the key map the app runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BINDINGS } from '../../source/keys/keymap.js';
import { KEYS_TABLE, keysTableMarkdown } from '../../source/keys/keys-table.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README keys table is the one generated from the key map', () => {
  const section = README.split('\n## Keys\n')[1]?.split('\n## ')[0] ?? '';
  const table = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');
  assert.equal(table, keysTableMarkdown(), `paste this table into README.md:\n${keysTableMarkdown()}`);
});

test('every binding is in exactly one row of the keys table', () => {
  const listed = KEYS_TABLE.flatMap((row) => row.actions);
  assert.deepEqual([...listed].sort(), BINDINGS.map((binding) => binding.action).sort());
});
