import { parseArgs as parseTokens } from 'node:util';
import { parseFilter, type TextFilter } from '../model/filter.js';
import { parseKey } from '../model/keys.js';
import type { HostPort, Network } from '../model/network.js';
import { printableArgument as printable } from '../text/printable.js';

// 'auto' becomes 'screen' or 'plain' once we know whether stdout is a terminal.
export type OutputMode = 'auto' | 'plain' | 'json';

export interface CommonOptions {
  storage: string;
  network: Network;
  output: OutputMode;
  // The full screen takes the mouse (wheel, clicks); `--no-mouse` leaves it to the terminal.
  mouse: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'writer' } & CommonOptions)
  | ({
      kind: 'reader';
      keys: Buffer[];
      timeoutSeconds: number | null;
      seed: boolean;
      // --filter: only the blocks it takes are shown (docs/command-line.md#filter).
      filter: TextFilter | null;
    } & CommonOptions);

export type ArgsParse = { ok: true; command: Command } | { ok: false; reason: string };

type CommandName = 'writer' | 'reader';

interface OptionDefinition {
  type: 'string' | 'boolean';
  short?: string;
  // The value's name in the usage text, for string options, and its shape where the synopsis
  // spells it out.
  value?: string;
  shape?: string;
  // The commands that take it; none for --help and --version, which stand alone.
  commands: readonly CommandName[];
  // An option that cannot be used with this one; the usage text shows the two as alternatives.
  conflictsWith?: string;
  help: string;
}

const BOTH: readonly CommandName[] = ['writer', 'reader'];

// The one list of options: node:util parses by it, and the usage text is generated from it.
const OPTIONS: Readonly<Record<string, OptionDefinition>> = {
  storage: {
    type: 'string',
    value: 'DIR',
    commands: BOTH,
    help: 'Corestore folder (default ./writer-storage or ./reader-storage)',
  },
  bootstrap: {
    type: 'string',
    value: 'LIST',
    shape: 'HOST:PORT[,...]',
    commands: BOTH,
    help: 'DHT bootstrap nodes, HOST:PORT separated by commas (default: the public HyperDHT)',
  },
  local: {
    type: 'boolean',
    commands: BOTH,
    conflictsWith: 'bootstrap',
    help: "use a DHT on this machine's loopback (127.0.0.1:49737); the first process hosts it",
  },
  plain: {
    type: 'boolean',
    commands: BOTH,
    conflictsWith: 'json',
    help: 'line output instead of the full screen (the default when stdout is not a terminal)',
  },
  json: { type: 'boolean', commands: BOTH, help: 'newline-delimited JSON events instead of the full screen' },
  'no-mouse': {
    type: 'boolean',
    commands: BOTH,
    help: 'full screen: leave the mouse to the terminal (its own selection) instead of wheel and clicks',
  },
  timeout: {
    type: 'string',
    value: 'SEC',
    commands: ['reader'],
    help: "reader: give up with exit status 1 if no key's writer is found in SEC seconds",
  },
  seed: {
    type: 'boolean',
    commands: ['reader'],
    help: 'reader: download every block of every core, keep them, and serve them to other peers',
  },
  filter: {
    type: 'string',
    value: 'TEXT',
    commands: ['reader'],
    help: 'reader: only blocks whose text holds TEXT (ignoring case), or matches /RE/ written so',
  },
  help: { type: 'boolean', short: 'h', commands: [], help: 'show this help' },
  version: { type: 'boolean', short: 'v', commands: [], help: 'show the version' },
};

const OPERANDS: Record<CommandName, string> = { writer: '', reader: '<KEY> [KEY...]' };

// One screen holds at most this many main keys (docs/command-line.md#several-keys).
export const MAX_KEYS = 8;

function flagOf(name: string, inSynopsis = false): string {
  const { value, shape } = OPTIONS[name];
  const shown = inSynopsis ? (shape ?? value) : value;
  return shown ? `--${name} ${shown}` : `--${name}`;
}

// `[--storage DIR] [--bootstrap HOST:PORT[,...] | --local] …`: conflicting options as alternatives.
function synopsisOf(command: CommandName): string {
  const names = Object.keys(OPTIONS).filter((name) => OPTIONS[name].commands.includes(command));
  const shown = new Set<string>();
  const groups: string[] = [];
  for (const name of names) {
    if (shown.has(name)) continue;
    const partners = names.filter(
      (other) => other !== name && (OPTIONS[name].conflictsWith === other || OPTIONS[other].conflictsWith === name),
    );
    const group = [name, ...partners];
    for (const member of group) shown.add(member);
    groups.push(`[${group.map((member) => flagOf(member, true)).join(' | ')}]`);
  }
  return groups.join(' ');
}

function usageText(): string {
  const commands = Object.keys(OPERANDS) as CommandName[];
  const heads = commands.map((command) => `many-cores ${command} ${OPERANDS[command]}`.trimEnd());
  const headWidth = Math.max(...heads.map((head) => head.length)) + 2;
  const synopsis = commands.map((command, index) => `  ${heads[index].padEnd(headWidth)}${synopsisOf(command)}`);
  const flags = Object.entries(OPTIONS).map(([name, option]) => ({
    flag: option.short ? `-${option.short}, ${flagOf(name)}` : `    ${flagOf(name)}`,
    help: option.help,
  }));
  const flagWidth = Math.max(...flags.map(({ flag }) => flag.length)) + 2;
  return [
    'Usage:',
    ...synopsis,
    '  many-cores --help | --version',
    '',
    'Options:',
    ...flags.map(({ flag, help }) => `  ${flag.padEnd(flagWidth)}${help}`),
    '',
    "KEY is the writer's main core key: 64 hex or 52 z-base-32 characters; a reader takes up to " +
      `${MAX_KEYS}, each a different core.`,
  ].join('\n');
}

export const USAGE = usageText();

// Node timers hold at most 2^31-1 ms; a longer one fires at once.
const MAX_TIMEOUT_SECONDS = 2_147_483;

type Parsed = { values: Map<string, string>; switches: Set<string>; positionals: string[] };

// node:util in its lenient mode reports every token, so that each mistake gets our own one-line
// reason rather than its multi-line one.
function readTokens(argv: readonly string[]): Parsed | string {
  const { tokens } = parseTokens({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(OPTIONS).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const parsed: Parsed = { values: new Map(), switches: new Set(), positionals: [] };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(OPTIONS, token.name) ? OPTIONS[token.name] : undefined;
    if (!option) return `unknown option "${printable(token.rawName)}" (see --help)`;
    const flag = `--${token.name}`;
    if (option.type === 'boolean') {
      if (token.value !== undefined) return `${flag} takes no value`;
      parsed.switches.add(token.name);
      continue;
    }
    const value = token.value;
    if (value === undefined || value === '') return `${flag} needs a value`;
    // `--storage --plain` is a forgotten value far more often than a folder named --plain
    // (which `--storage=--plain` still allows).
    const swallowed = /^--([^=]*)/.exec(value)?.[1];
    if (!token.inlineValue && swallowed !== undefined && Object.hasOwn(OPTIONS, swallowed)) {
      return `${flag} needs a value before --${printable(swallowed)}`;
    }
    parsed.values.set(token.name, value);
  }
  return parsed;
}

export function parseArgs(argv: readonly string[]): ArgsParse {
  if (argv.length === 0) return fail('no command given: use "writer" or "reader <KEY>" (see --help)');
  if (argv.includes('--help') || argv.includes('-h')) return { ok: true, command: { kind: 'help' } };
  if (argv.includes('--version') || argv.includes('-v')) return { ok: true, command: { kind: 'version' } };

  const [commandName, ...rest] = argv;
  if (commandName !== 'writer' && commandName !== 'reader') {
    return fail(`unknown command "${printable(commandName ?? '')}": use "writer" or "reader <KEY>"`);
  }

  const parsed = readTokens(rest);
  if (typeof parsed === 'string') return fail(parsed);
  const { values, switches, positionals } = parsed;
  const given = (name: string) => values.has(name) || switches.has(name);

  for (const [name, option] of Object.entries(OPTIONS)) {
    if (!given(name)) continue;
    if (!option.commands.includes(commandName))
      return fail(`--${name} is for the ${option.commands.join(' and ')} only`);
    if (option.conflictsWith && given(option.conflictsWith)) {
      return fail(`--${name} and --${option.conflictsWith} cannot be used together`);
    }
  }

  let network: Network = { kind: 'public' };
  if (switches.has('local')) network = { kind: 'local' };
  const bootstrapText = values.get('bootstrap');
  if (bootstrapText !== undefined) {
    const nodes = parseBootstrap(bootstrapText);
    if (typeof nodes === 'string') return fail(nodes);
    network = { kind: 'bootstrap', nodes };
  }

  const output: OutputMode = switches.has('json') ? 'json' : switches.has('plain') ? 'plain' : 'auto';
  const mouse = !switches.has('no-mouse');

  if (commandName === 'writer') {
    if (positionals.length > 0) return fail(`writer takes no argument, got "${printable(positionals[0])}"`);
    return {
      ok: true,
      command: { kind: 'writer', storage: values.get('storage') ?? './writer-storage', network, output, mouse },
    };
  }

  if (positionals.length === 0) return fail("reader needs the writer's main core key: many-cores reader <KEY>");
  const keys = parseKeys(positionals);
  if (typeof keys === 'string') return fail(keys);

  let timeoutSeconds: number | null = null;
  const timeoutText = values.get('timeout');
  if (timeoutText !== undefined) {
    timeoutSeconds = Number(timeoutText);
    if (!/^\d+(\.\d+)?$/.test(timeoutText) || !(timeoutSeconds > 0) || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      return fail(
        `--timeout needs a positive number of seconds (at most ${MAX_TIMEOUT_SECONDS}), got "${printable(timeoutText)}"`,
      );
    }
  }

  let filter: TextFilter | null = null;
  const filterText = values.get('filter');
  if (filterText !== undefined) {
    const parsedFilter = parseFilter(filterText);
    if (!parsedFilter.ok) return fail(`--filter: ${parsedFilter.reason}`);
    filter = parsedFilter.filter;
  }

  return {
    ok: true,
    command: {
      kind: 'reader',
      keys,
      timeoutSeconds,
      seed: switches.has('seed'),
      filter,
      storage: values.get('storage') ?? './reader-storage',
      network,
      output,
      mouse,
    },
  };
}

// The reader's keys, each parsed, none twice (the same key in hex and z-base-32 is the same key);
// or the one line that says which argument is wrong.
function parseKeys(texts: readonly string[]): Buffer[] | string {
  if (texts.length > MAX_KEYS) return `reader takes at most ${MAX_KEYS} keys, got ${texts.length}`;
  const keys: Buffer[] = [];
  for (const [index, text] of texts.entries()) {
    const parsed = parseKey(text);
    const which = texts.length > 1 ? `key ${index + 1}: ` : '';
    if (!parsed.ok) return `${which}${parsed.reason}`;
    const first = keys.findIndex((key) => key.equals(parsed.key));
    if (first !== -1) return `key ${index + 1} repeats key ${first + 1} (${parsed.key.toString('hex').slice(0, 8)}…)`;
    keys.push(parsed.key);
  }
  return keys;
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
