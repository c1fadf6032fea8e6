// The README's keys table, generated from the key map: a row for each binding, its keys and its
// help line, in sections by where it works.
import { BINDINGS, isCharacterKey, type Binding, type Condition, type KeyName, type Mode } from './keymap.js';

// The sections' order: the modes as a user meets them, then the keys that work in several.
const MODES: readonly Mode[] = [
  'input',
  'confirm',
  'pane',
  'search-prompt',
  'filter-prompt',
  'detail',
  'file',
  'peers',
  'help',
];

const MODE_NAMES: Record<Mode, string> = {
  input: 'writer input line',
  confirm: 'long-paste question',
  pane: 'pane',
  'search-prompt': 'search prompt',
  'filter-prompt': 'filter prompt',
  detail: 'block view',
  file: 'file view',
  peers: 'peers view',
  help: 'help',
};

// Said before the help line of a binding that works only then.
const CONDITION_WORDS: Record<Condition, string> = {
  paged: 'with more panes than fit',
  'search-active': 'after a search',
  'search-partial': 'that left blocks out',
  'filter-active': 'while filtered',
  'has-key-order': 'on a bee or a drive',
  log: 'in the log',
  'key-order': 'in key order',
};

// Where a binding works: its modes named, or all but a few.
function whereOf(binding: Binding): string {
  const missing = MODES.filter((mode) => !binding.modes.includes(mode));
  if (missing.length === 0) return 'everywhere';
  if (missing.length < binding.modes.length)
    return `everywhere but the ${missing.map((mode) => MODE_NAMES[mode]).join(', ')}`;
  return MODES.filter((mode) => binding.modes.includes(mode))
    .map((mode) => MODE_NAMES[mode])
    .join(', ');
}

// A binding of one mode goes with that mode; one of several after all those.
const sectionRank = (binding: Binding): number =>
  binding.modes.length === 1 ? MODES.indexOf(binding.modes[0]) : MODES.length + binding.modes.length;

// Printable keys in code spans, as Markdown shows keys you type.
function markdownKey(name: KeyName): string {
  if (name === '1–9') return '`1`–`9`';
  return isCharacterKey(name) ? `\`${name}\`` : name;
}

function does(binding: Binding): string {
  const when = (binding.needs ?? []).map((condition) => CONDITION_WORDS[condition]).join(' ');
  return when ? `${when}: ${binding.description}` : binding.description;
}

export function keysTableMarkdown(): string {
  const sections = new Map<string, Binding[]>();
  for (const binding of [...BINDINGS].sort((a, b) => sectionRank(a) - sectionRank(b))) {
    const where = whereOf(binding);
    sections.set(where, [...(sections.get(where) ?? []), binding]);
  }
  const rows = [...sections].flatMap(([where, bindings]) =>
    bindings.map(
      (binding, index) =>
        `| ${index === 0 ? where : ''} | ${binding.keys.map(markdownKey).join(' ')} | ${does(binding)} |`,
    ),
  );
  return ['| where | key | does |', '| --- | --- | --- |', ...rows].join('\n');
}
