import { parseKey } from '../model/keys.js';
import type { HostPort, Network } from '../model/network.js';
import { printableArgument as printable } from '../text/printable.js';

// 'auto' becomes 'screen' or 'plain' once we know whether stdout is a terminal.
export type OutputMode = 'auto' | 'plain' | 'json';

export interface CommonOptions {
  storage: string;
  network: Network;
  output: OutputMode;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'writer' } & CommonOptions)
  | ({ kind: 'reader'; key: Buffer; timeoutSeconds: number | null } & CommonOptions);

export type ArgsParse = { ok: true; command: Command } | { ok: false; reason: string };

export const USAGE = `Usage:
  many-cores writer        [--storage DIR] [--bootstrap HOST:PORT[,...] | --local] [--plain | --json]
  many-cores reader <KEY>  [--storage DIR] [--bootstrap HOST:PORT[,...] | --local] [--plain | --json] [--timeout SEC]
  many-cores --help | --version

Options:
  --storage DIR        Corestore folder (default ./writer-storage or ./reader-storage)
  --bootstrap LIST     DHT bootstrap nodes, HOST:PORT separated by commas (default: the public HyperDHT)
  --local              use a DHT on this machine's loopback (127.0.0.1:49737); the first process hosts it
  --plain              line output instead of the full screen (the default when stdout is not a terminal)
  --json               newline-delimited JSON events instead of the full screen
  --timeout SEC        reader: give up with exit status 1 if the writer is not found in SEC seconds
  -h, --help           show this help
  -v, --version        show the version

KEY is the writer's main core key: 64 hex or 52 z-base-32 characters.`;

// Node timers hold at most 2^31-1 ms; a longer one fires at once.
const MAX_TIMEOUT_SECONDS = 2_147_483;

const VALUE_FLAGS = new Set(['--storage', '--bootstrap', '--timeout']);
const SWITCH_FLAGS = new Set(['--local', '--plain', '--json']);

export function parseArgs(argv: readonly string[]): ArgsParse {
  if (argv.length === 0) return fail('no command given: use "writer" or "reader <KEY>" (see --help)');
  if (argv.includes('--help') || argv.includes('-h')) return { ok: true, command: { kind: 'help' } };
  if (argv.includes('--version') || argv.includes('-v')) return { ok: true, command: { kind: 'version' } };

  const [commandName, ...rest] = argv;
  if (commandName !== 'writer' && commandName !== 'reader') {
    return fail(`unknown command "${printable(commandName ?? '')}": use "writer" or "reader <KEY>"`);
  }

  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const flag = equals === -1 ? argument : argument.slice(0, equals);
    if (SWITCH_FLAGS.has(flag)) {
      if (equals !== -1) return fail(`${flag} takes no value`);
      switches.add(flag);
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) return fail(`unknown option "${printable(flag)}" (see --help)`);
    let value: string | undefined;
    if (equals !== -1) value = argument.slice(equals + 1);
    else value = rest[++index];
    if (value === undefined || value === '') return fail(`${flag} needs a value`);
    // `--storage --plain` is a forgotten value far more often than a folder named --plain
    // (which `--storage=--plain` still allows).
    const optionName = value.split('=')[0];
    if (equals === -1 && (SWITCH_FLAGS.has(optionName) || VALUE_FLAGS.has(optionName))) {
      return fail(`${flag} needs a value before ${printable(optionName)}`);
    }
    values.set(flag, value);
  }

  if (switches.has('--plain') && switches.has('--json')) return fail('--plain and --json cannot be used together');
  if (switches.has('--local') && values.has('--bootstrap'))
    return fail('--local and --bootstrap cannot be used together');

  let network: Network = { kind: 'public' };
  if (switches.has('--local')) network = { kind: 'local' };
  const bootstrapText = values.get('--bootstrap');
  if (bootstrapText !== undefined) {
    const nodes = parseBootstrap(bootstrapText);
    if (typeof nodes === 'string') return fail(nodes);
    network = { kind: 'bootstrap', nodes };
  }

  const output: OutputMode = switches.has('--json') ? 'json' : switches.has('--plain') ? 'plain' : 'auto';

  if (commandName === 'writer') {
    if (positionals.length > 0) return fail(`writer takes no argument, got "${printable(positionals[0])}"`);
    if (values.has('--timeout')) return fail('--timeout is for the reader only');
    return {
      ok: true,
      command: { kind: 'writer', storage: values.get('--storage') ?? './writer-storage', network, output },
    };
  }

  if (positionals.length === 0) return fail("reader needs the writer's main core key: many-cores reader <KEY>");
  if (positionals.length > 1) return fail(`reader takes one key, got ${positionals.length} arguments`);
  const parsedKey = parseKey(positionals[0]);
  if (!parsedKey.ok) return fail(parsedKey.reason);

  let timeoutSeconds: number | null = null;
  const timeoutText = values.get('--timeout');
  if (timeoutText !== undefined) {
    timeoutSeconds = Number(timeoutText);
    if (!/^\d+(\.\d+)?$/.test(timeoutText) || !(timeoutSeconds > 0) || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      return fail(
        `--timeout needs a positive number of seconds (at most ${MAX_TIMEOUT_SECONDS}), got "${printable(timeoutText)}"`,
      );
    }
  }

  return {
    ok: true,
    command: {
      kind: 'reader',
      key: parsedKey.key,
      timeoutSeconds,
      storage: values.get('--storage') ?? './reader-storage',
      network,
      output,
    },
  };
}

export function parseBootstrap(text: string): HostPort[] | string {
  const nodes: HostPort[] = [];
  for (const part of text.split(',')) {
    const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(part.trim());
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      return `--bootstrap needs HOST:PORT[,HOST:PORT...], got "${printable(part)}"`;
    }
    nodes.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return nodes;
}

function fail(reason: string): ArgsParse {
  return { ok: false, reason };
}
