import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encode } from 'hypercore-id-encoding';
import { parseArgs, parseBootstrap, USAGE, type Command } from '../../source/cli/args.js';

const KEY = Buffer.from('fedcba9876543210'.repeat(4), 'hex');
const HEX = KEY.toString('hex');

function command(argv: string[]): Command {
  const parsed = parseArgs(argv);
  assert.ok(parsed.ok, parsed.ok ? '' : `unexpected refusal: ${parsed.reason}`);
  return parsed.command;
}

function refused(argv: string[], pattern?: RegExp): string {
  const parsed = parseArgs(argv);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(argv)} to be refused`);
  const reason = parsed.ok ? '' : parsed.reason;
  assert.doesNotMatch(reason, /\n/, 'a reason is one line');
  if (pattern) assert.match(reason, pattern);
  return reason;
}

function writer(argv: string[]) {
  const parsed = command(['writer', ...argv]);
  assert.equal(parsed.kind, 'writer');
  return parsed;
}

function reader(argv: string[]) {
  const parsed = command(['reader', ...argv]);
  assert.equal(parsed.kind, 'reader');
  return parsed;
}

test('no arguments at all is an error', () => {
  refused([], /no command/);
});

test('--help and -h, alone or after a command', () => {
  for (const argv of [['--help'], ['-h'], ['writer', '--help'], ['reader', '-h'], ['reader', HEX, '--help']]) {
    assert.deepEqual(command(argv), { kind: 'help' });
  }
});

test('--version and -v', () => {
  for (const argv of [['--version'], ['-v'], ['writer', '--version']]) {
    assert.deepEqual(command(argv), { kind: 'version' });
  }
});

test('the usage text lists every flag', () => {
  for (const flag of [
    '--storage',
    '--bootstrap',
    '--local',
    '--plain',
    '--json',
    '--timeout',
    '--seed',
    '--no-mouse',
    '--help',
    '--version',
  ]) {
    assert.ok(USAGE.includes(flag), flag);
  }
});

test('an unknown command is an error, echoed printable', () => {
  const reason = refused(['wrtier'], /unknown command "wrtier"/);
  assert.ok(reason);
  const hostile = refused(['\x1b[2Jx']);
  assert.doesNotMatch(hostile, /\x1b/);
});

test('writer defaults: ./writer-storage, public DHT, auto output', () => {
  assert.deepEqual(writer([]), {
    kind: 'writer',
    storage: './writer-storage',
    network: { kind: 'public' },
    output: 'auto',
    mouse: true,
  });
});

test('reader defaults: ./reader-storage, public DHT, auto output, no timeout', () => {
  const parsed = reader([HEX]);
  assert.deepEqual(parsed.keys, [KEY]);
  assert.equal(parsed.storage, './reader-storage');
  assert.deepEqual(parsed.network, { kind: 'public' });
  assert.equal(parsed.output, 'auto');
  assert.equal(parsed.timeoutSeconds, null);
});

test('the reader takes a z-base-32 key', () => {
  assert.deepEqual(reader([encode(KEY)]).keys, [KEY]);
});

test('--storage DIR and --storage=DIR', () => {
  assert.equal(writer(['--storage', '/tmp/a']).storage, '/tmp/a');
  assert.equal(writer(['--storage=/tmp/b']).storage, '/tmp/b');
  assert.equal(reader([HEX, '--storage', 'rel dir']).storage, 'rel dir');
  assert.equal(reader(['--storage=x=y', HEX]).storage, 'x=y', 'only the first = splits');
  assert.equal(writer(['--storage=--plain']).storage, '--plain', 'a folder named like an option, with =');
  assert.equal(writer(['--storage', '--folder']).storage, '--folder', 'a value that is no option of ours is a value');
});

test('--storage without a value is an error', () => {
  refused(['writer', '--storage'], /--storage needs a value/);
  refused(['writer', '--storage='], /--storage needs a value/);
  refused(['writer', '--storage', '--plain'], /--storage needs a value before --plain/);
  refused(['reader', HEX, '--storage', '--plain'], /--storage needs a value before --plain/);
  refused(['reader', HEX, '--storage', '--seed'], /--storage needs a value before --seed/);
  refused(['reader', HEX, '--bootstrap', '--timeout=5'], /--bootstrap needs a value before --timeout/);
});

test('--local', () => {
  assert.deepEqual(writer(['--local']).network, { kind: 'local' });
  assert.deepEqual(reader([HEX, '--local']).network, { kind: 'local' });
});

test('--local with --bootstrap is rejected, in either order', () => {
  refused(['writer', '--local', '--bootstrap', '127.0.0.1:49737'], /--local and --bootstrap/);
  refused(['reader', HEX, '--bootstrap=127.0.0.1:49737', '--local'], /--local and --bootstrap/);
});

test('--plain and --json', () => {
  assert.equal(writer(['--plain']).output, 'plain');
  assert.equal(writer(['--json']).output, 'json');
  assert.equal(reader([HEX, '--json']).output, 'json');
});

test('--plain with --json is rejected', () => {
  refused(['writer', '--plain', '--json'], /--plain and --json/);
  refused(['reader', HEX, '--json', '--plain'], /--plain and --json/);
});

test('switches take no value', () => {
  refused(['writer', '--local=yes'], /--local takes no value/);
  refused(['writer', '--plain=1'], /--plain takes no value/);
  refused(['writer', '--json='], /--json takes no value/);
});

test('unknown options are errors', () => {
  refused(['writer', '--verbose'], /unknown option "--verbose"/);
  refused(['writer', '-x'], /unknown option "-x"/);
  refused(['writer', '--verbose=1'], /unknown option "--verbose"/);
  refused(['reader', HEX, '--time-out', '5'], /unknown option/);
});

test('the writer takes no positional argument', () => {
  refused(['writer', HEX], /writer takes no argument/);
});

// Eight different keys, the first being KEY.
const EIGHT = [KEY, ...Array.from({ length: 7 }, (_, index) => Buffer.alloc(32, index + 1))];

test('the reader needs a key', () => {
  refused(['reader'], /needs the writer's main core key/);
  refused(['reader', '--local'], /needs the writer's main core key/);
});

test('the reader takes up to 8 keys, in the order given, options anywhere among them', () => {
  const hex = EIGHT.map((key) => key.toString('hex'));
  assert.deepEqual(reader([hex[1], '--local', encode(EIGHT[2]), HEX]).keys, [EIGHT[1], EIGHT[2], KEY]);
  assert.deepEqual(reader(hex).keys, EIGHT);
});

test('a 9th key is refused, saying the limit', () => {
  const nine = [...EIGHT, Buffer.alloc(32, 9)].map((key) => key.toString('hex'));
  assert.equal(refused(['reader', ...nine]), 'reader takes at most 8 keys, got 9');
  refused(['reader', ...nine, ...nine], /at most 8 keys, got 18/);
});

test('a repeated key is refused, in any spelling, naming both places', () => {
  assert.equal(refused(['reader', HEX, HEX]), `key 2 repeats key 1 (${HEX.slice(0, 8)}…)`);
  const other = Buffer.alloc(32, 3).toString('hex');
  refused(['reader', other, HEX, ` ${encode(KEY)} `], /^key 3 repeats key 2 /);
  refused(['reader', HEX, HEX.toUpperCase()], /key 2 repeats key 1/);
});

test('a bad key among several says which one', () => {
  const reason = refused(['reader', HEX, 'nothex', '--local']);
  assert.match(reason, /^key 2: "nothex" is not a key: expected 64 hex or 52 z-base-32 characters$/);
  assert.doesNotMatch(refused(['reader', 'nothex']), /^key 1/, 'one key alone is not numbered');
});

test("a bad key is an error with the key parser's reason", () => {
  refused(['reader', HEX.slice(1)], /64 hex or 52 z-base-32/);
  refused(['reader', `pear://${encode(KEY)}`], /not a key/);
});

test('--timeout SEC on the reader', () => {
  assert.equal(reader([HEX, '--timeout', '5']).timeoutSeconds, 5);
  assert.equal(reader([HEX, '--timeout=2.5']).timeoutSeconds, 2.5);
  assert.equal(reader(['--timeout', '30', HEX]).timeoutSeconds, 30);
});

test('--timeout on the writer is rejected', () => {
  refused(['writer', '--timeout', '5'], /--timeout is for the reader only/);
  refused(['writer', '--timeout=5'], /--timeout is for the reader only/);
});

test('bad --timeout values are rejected', () => {
  for (const value of ['0', '0.0', '-1', 'abc', '1e3', 'Infinity', 'NaN', '5s', ' 5', '0x10', '.5', '1.']) {
    refused(['reader', HEX, `--timeout=${value}`], /--timeout needs a positive number of seconds/);
  }
  refused(['reader', HEX, '--timeout'], /--timeout needs a value/);
});

test('a --timeout too long for a timer is rejected rather than firing at once', () => {
  // setTimeout clamps anything over 2^31-1 ms to 1 ms: `--timeout 3000000` would give up at once.
  const parsed = parseArgs(['reader', HEX, '--timeout', '3000000']);
  if (parsed.ok) {
    assert.equal(parsed.command.kind, 'reader');
    const seconds = parsed.command.timeoutSeconds ?? 0;
    assert.ok(seconds * 1000 <= 2 ** 31 - 1, `${seconds} s does not fit a Node timer`);
  }
});

test('--seed on the reader', () => {
  assert.equal(reader([HEX]).seed, false);
  assert.equal(reader([HEX, '--seed']).seed, true);
  assert.equal(reader(['--seed', HEX, '--plain']).seed, true);
  assert.equal(reader(['--seed', HEX, '--plain']).output, 'plain');
});

test('--no-mouse leaves the mouse to the terminal, for either role', () => {
  assert.equal(writer(['--no-mouse']).mouse, false);
  assert.equal(reader([HEX, '--no-mouse']).mouse, false);
  refused(['writer', '--no-mouse=1'], /--no-mouse takes no value/);
});

test('--seed on the writer is rejected', () => {
  refused(['writer', '--seed'], /--seed is for the reader only/);
  refused(['writer', '--local', '--seed'], /--seed is for the reader only/);
  refused(['reader', HEX, '--seed=yes'], /--seed takes no value/);
});

test('the usage text is one synopsis line per command, from the same definitions', () => {
  const synopsis = USAGE.split('\n').filter((line) => line.startsWith('  many-cores '));
  assert.deepEqual(synopsis, [
    '  many-cores writer                 [--storage DIR] [--bootstrap HOST:PORT[,...] | --local] [--plain | --json] [--no-mouse]',
    '  many-cores reader <KEY> [KEY...]  [--storage DIR] [--bootstrap HOST:PORT[,...] | --local] [--plain | --json] [--no-mouse] [--timeout SEC] [--seed] [--filter TEXT]',
    '  many-cores --help | --version',
  ]);
});

test("the README's command line is the usage text's synopsis", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const line of USAGE.split('\n').filter((text) => text.startsWith('  many-cores '))) {
    assert.ok(readme.includes(line.trim().replaceAll('...', '…')), `README.md should hold:\n${line.trim()}`);
  }
});

test('--bootstrap with one and several HOST:PORT', () => {
  assert.deepEqual(writer(['--bootstrap', '127.0.0.1:49737']).network, {
    kind: 'bootstrap',
    nodes: [{ host: '127.0.0.1', port: 49737 }],
  });
  assert.deepEqual(reader([HEX, '--bootstrap=node1.example.com:1,10.0.0.2:65535']).network, {
    kind: 'bootstrap',
    nodes: [
      { host: 'node1.example.com', port: 1 },
      { host: '10.0.0.2', port: 65535 },
    ],
  });
});

test('--bootstrap with IPv6 in brackets', () => {
  assert.deepEqual(parseBootstrap('[::1]:49737,[fe80::1:2]:10001'), [
    { host: '::1', port: 49737 },
    { host: 'fe80::1:2', port: 10001 },
  ]);
});

test('--bootstrap tolerates spaces around commas', () => {
  assert.deepEqual(parseBootstrap('a:1, b:2'), [
    { host: 'a', port: 1 },
    { host: 'b', port: 2 },
  ]);
});

test('bad --bootstrap values are rejected', () => {
  for (const value of [
    'localhost',
    'localhost:',
    ':49737',
    'host:0',
    'host:65536',
    'host:123456',
    'host:-1',
    'host:port',
    '::1:49737',
    '[::1]',
    '[::1]49737',
    'a:1,',
    ',a:1',
    'a:1,,b:2',
    'ho st:1',
    'host:1:2',
  ]) {
    const nodes = parseBootstrap(value);
    assert.equal(typeof nodes, 'string', `${value} should be refused`);
    refused(['writer', '--bootstrap', value], /--bootstrap needs HOST:PORT/);
  }
  refused(['writer', '--bootstrap'], /--bootstrap needs a value/);
});

test('a refused --bootstrap is echoed without control characters', () => {
  const reason = refused(['writer', '--bootstrap', 'a:1,\x1b]52;c;eA==\x07:2']);
  assert.doesNotMatch(reason, /[\x00-\x1f\x7f]/);
});

test('--filter: a text, or /re/; a bad expression is refused in one line', () => {
  assert.deepEqual(reader([HEX, '--filter', 'Needle']).filter, { kind: 'substring', text: 'Needle', needle: 'needle' });
  const regex = reader([HEX, '--filter=/a+b/']).filter;
  assert.equal(regex?.kind, 'regex');
  assert.ok(regex?.kind === 'regex' && regex.regex.test('xAAB'), 'a regular expression ignoring case');
  refused(['reader', HEX, '--filter', '/(/'], /^--filter: bad regular expression: .+/);
  refused(
    ['reader', HEX, '--filter', `/${'a'.repeat(300)}/`],
    /^--filter: a regular expression may be 256 characters at most$/,
  );
  refused(['reader', HEX, '--filter'], /--filter needs a value/);
  refused(['writer', '--filter', 'x'], /--filter is for the reader only/);
});

test('a value flag at the end of the line is missing its value', () => {
  refused(['reader', HEX, '--storage'], /--storage needs a value/);
});

test('all flags together', () => {
  const parsed = reader(['--storage', 'dir', HEX, '--bootstrap', '[::1]:1', '--json', '--timeout', '9']);
  assert.deepEqual(parsed, {
    kind: 'reader',
    keys: [KEY],
    timeoutSeconds: 9,
    seed: false,
    filter: null,
    storage: 'dir',
    network: { kind: 'bootstrap', nodes: [{ host: '::1', port: 1 }] },
    output: 'json',
    mouse: true,
  });
  assert.deepEqual(reader(['--seed', '--storage=s', '--local', HEX, '--plain', '--timeout=1']), {
    kind: 'reader',
    keys: [KEY],
    timeoutSeconds: 1,
    seed: true,
    filter: null,
    storage: 's',
    network: { kind: 'local' },
    output: 'plain',
    mouse: true,
  });
});
