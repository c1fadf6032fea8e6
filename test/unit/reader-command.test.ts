import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseArgs } from '../../source/cli/args.js';
import type { Network } from '../../source/model/network.js';
import { readerCommandLine } from '../../source/cli/reader-command.js';

const HEX = 'ab'.repeat(32);

// What a POSIX shell makes of the command line: its argv.
function shellWords(commandLine: string): string[] {
  const output = execFileSync('sh', ['-c', `for word in ${commandLine}; do printf '%s\\0' "$word"; done`], {
    encoding: 'utf8',
  });
  return output.split('\0').slice(0, -1);
}

test('installed as many-cores: the bare program name', () => {
  assert.equal(readerCommandLine([HEX], { kind: 'public' }, '/usr/local/bin/many-cores'), `many-cores reader ${HEX}`);
});

test('run as a script: node and its path', () => {
  assert.equal(
    readerCommandLine([HEX], { kind: 'public' }, '/opt/many-cores/dist/cli.js'),
    `node /opt/many-cores/dist/cli.js reader ${HEX}`,
  );
});

test('--local is carried over', () => {
  assert.equal(readerCommandLine([HEX], { kind: 'local' }, 'many-cores'), `many-cores reader ${HEX} --local`);
});

test('--bootstrap nodes are carried over, IPv6 in brackets', () => {
  const network: Network = {
    kind: 'bootstrap',
    nodes: [
      { host: '127.0.0.1', port: 49737 },
      { host: '::1', port: 10001 },
      { host: 'dht.example.com', port: 1 },
    ],
  };
  assert.equal(
    readerCommandLine([HEX], network, 'many-cores'),
    `many-cores reader ${HEX} --bootstrap 127.0.0.1:49737,[::1]:10001,dht.example.com:1`,
  );
});

test('a script path with spaces or quotes survives the shell', { skip: process.platform === 'win32' }, () => {
  for (const path of ['/tmp/my dir/cli.js', "/tmp/it's/cli.js", '/tmp/$HOME/`x`/cli.js']) {
    const line = readerCommandLine([HEX], { kind: 'local' }, path);
    assert.deepEqual(shellWords(line), ['node', path, 'reader', HEX, '--local']);
  }
});

test('the command line parses back to the same key and network', () => {
  const networks: Network[] = [
    { kind: 'public' },
    { kind: 'local' },
    {
      kind: 'bootstrap',
      nodes: [
        { host: '::1', port: 5 },
        { host: '10.1.2.3', port: 65535 },
      ],
    },
  ];
  for (const network of networks) {
    const words = readerCommandLine([HEX], network, '/usr/bin/many-cores').split(' ');
    assert.equal(words[0], 'many-cores');
    const parsed = parseArgs(words.slice(1));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    assert.equal(parsed.command.kind, 'reader');
    if (parsed.command.kind !== 'reader') return;
    assert.equal(parsed.command.keys[0].toString('hex'), HEX);
    assert.deepEqual(parsed.command.network, network);
  }
});
