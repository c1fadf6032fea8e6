// What & and --filter take: a substring ignoring case, or /re/, bounded in length and in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PATTERN_LENGTH, matchEach, parseFilter, type TextFilter } from '../../source/model/filter.js';

function filterOf(text: string): TextFilter {
  const parsed = parseFilter(text);
  assert.ok(parsed.ok, `"${text}" parses`);
  return parsed.filter;
}

test('text matches as a substring, ignoring case; /re/ is a regular expression, ignoring case', () => {
  assert.deepEqual(matchEach(filterOf('NeedLe'), ['a needle here', 'NEEDLES', 'need le', '']), [
    true,
    true,
    false,
    false,
  ]);
  assert.deepEqual(matchEach(filterOf('/^entry (1|2)3$/'), ['entry 13', 'ENTRY 23', 'entry 33', 'entry 130']), [
    true,
    true,
    false,
    false,
  ]);
  assert.deepEqual(matchEach(filterOf('/'), ['a/b', 'ab']), [true, false], '/ alone is text');
  assert.deepEqual(matchEach(filterOf('/x'), ['a/xb', 'x']), [true, false], 'a / not closed is text');
});

test('a bad regular expression, or one too long, is refused with a one-line reason', () => {
  const bad = parseFilter('/entry (1|2/');
  assert.ok(!bad.ok);
  assert.equal(bad.reason, 'bad regular expression: Unterminated group');
  const long = parseFilter(`/${'a'.repeat(MAX_PATTERN_LENGTH + 1)}/`);
  assert.ok(!long.ok);
  assert.equal(long.reason, `a regular expression may be ${MAX_PATTERN_LENGTH} characters at most`);
  assert.ok(parseFilter(`/${'a'.repeat(MAX_PATTERN_LENGTH)}/`).ok);
});

test('a regular expression that backtracks without end is stopped, not waited for', () => {
  const started = performance.now();
  assert.equal(matchEach(filterOf('/(a+)+b/'), ['ok', `${'a'.repeat(40)}c`]), null);
  assert.ok(performance.now() - started < 10_000, 'stopped within its bound');
  assert.deepEqual(matchEach(filterOf('/(a+)+b/'), ['aab']), [true], 'the same expression works on the next texts');
});
