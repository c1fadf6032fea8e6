// The README's keys table is generated from the key map the app runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BINDINGS } from '../../source/keys/keymap.js';
import { keysTableMarkdown } from '../../source/keys/keys-table.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README keys table is the one generated from the key map', () => {
  const section = README.split('\n## Keys\n')[1]?.split('\n## ')[0] ?? '';
  const table = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');
  assert.equal(table, keysTableMarkdown(), `paste this table into README.md:\n${keysTableMarkdown()}`);
});

test('every binding is one row of the keys table, with its help line', () => {
  const rows = keysTableMarkdown().split('\n').slice(2);
  assert.equal(rows.length, BINDINGS.length);
  for (const binding of BINDINGS) {
    assert.ok(
      rows.some((row) => row.endsWith(`${binding.description} |`)),
      `no row for ${binding.action}`,
    );
  }
});
