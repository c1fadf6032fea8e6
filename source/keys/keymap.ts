// The one key map, as data: input handling, the footer, the help overlay and the README's keys
// table are all derived from BINDINGS, so they cannot disagree.

// What a key press looks like once parsed (Ink's Key plus the function keys Ink does not report).
export interface KeyPress {
  input: string;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  escape: boolean;
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  enter: boolean;
  // Backspace, or DEL (which Ink reports as delete).
  backspace: boolean;
  // The Delete key (ESC[3~), which deletes forward.
  delete: boolean;
  // Alt (or Meta, or Esc before the key).
  meta: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  f1: boolean;
}

export type NamedKey =
  | 'Tab'
  | 'Shift+Tab'
  | 'Esc'
  | 'Enter'
  | '↑'
  | '↓'
  | '←'
  | '→'
  | 'PgUp'
  | 'PgDn'
  | 'Home'
  | 'End'
  | 'F1'
  | 'Backspace'
  | 'Delete'
  | 'Ctrl+←'
  | 'Ctrl+→'
  | 'Alt+B'
  | 'Alt+F'
  | 'Alt+Backspace'
  | 'Ctrl+A'
  | 'Ctrl+E'
  | 'Ctrl+U'
  | 'Ctrl+W'
  | 'Ctrl+C'
  | 'Ctrl+K'
  | 'Ctrl+Z';

// A printable key: text while a text field has the focus. '1–9' stands for each digit.
export type CharacterKey =
  'a' | 'c' | 'y' | 'g' | 'G' | 'n' | 'N' | 'p' | 'q' | 'r' | 't' | 'w' | 'z' | '?' | '/' | '&' | '[' | ']' | '1–9';

// A key as the footer, the help overlay and the README name it.
export type KeyName = NamedKey | CharacterKey;

export interface KeyContext {
  role: 'writer' | 'reader';
  // Where Tab has put the focus: the writer's input line, or a pane.
  focus: 'input' | 'pane';
  helpOpen: boolean;
  // More panes than fit on the screen: they are shown a page at a time.
  paged?: boolean;
  // A block shown whole (Enter on a pane) over the panes.
  detailOpen?: boolean;
  // A drive's file shown whole (Enter on its row) over the panes.
  fileOpen?: boolean;
  // The search query is being typed (after /): printable keys are text.
  searchTyping?: boolean;
  // A search has run on the focused pane (n/N step through its matches).
  searchActive?: boolean;
  // That search read only the blocks on disk, and some are not.
  searchPartial?: boolean;
  // The filter is being typed (after &): printable keys are text.
  filterTyping?: boolean;
  // The panes are filtered (Esc clears it).
  filterActive?: boolean;
  // The peers view is shown over the panes.
  peersOpen?: boolean;
  // Enter on a long paste asked whether to append its lines.
  confirming?: boolean;
  // The focused pane's core has a key order (a bee, a drive's file table).
  hasKeyOrder?: boolean;
  // The focused pane shows its contents in key order rather than its log.
  keyOrder?: boolean;
}

// What has the keys, one at a time: the question before a long paste is appended, the help
// overlay, the search or filter prompt, the peers view, the block view, a drive's file view, the
// writer's input line, or a pane.
export type Mode =
  'confirm' | 'help' | 'search-prompt' | 'filter-prompt' | 'peers' | 'detail' | 'file' | 'input' | 'pane';

// Facts about the screen a binding may also need.
export type Condition =
  'paged' | 'search-active' | 'search-partial' | 'filter-active' | 'has-key-order' | 'log' | 'key-order';

// A binding with its action named; `Binding` once the actions are known.
interface BindingOf<Name extends string> {
  action: Name;
  // The keys named wherever the binding is listed.
  keys: readonly KeyName[];
  // Keys that do the same but are not listed (the description mentions them).
  alsoKeys?: readonly KeyName[];
  modes: readonly Mode[];
  needs?: readonly Condition[];
  // The help overlay's line, and the README keys table's.
  description: string;
  // The footer's word, for the bindings the footer shows.
  footer?: string;
}

const NOT_HELP: readonly Mode[] = ['search-prompt', 'filter-prompt', 'peers', 'detail', 'file', 'input', 'pane'];
const EVERYWHERE: readonly Mode[] = ['confirm', 'help', ...NOT_HELP];

// Order matters twice: the first binding that applies to a key wins (help and the block view take
// q before quit does), and the footer lists entries in this order, help and quit last.
const BINDING_LIST = [
  {
    action: 'confirm-append',
    keys: ['Enter', 'y'],
    modes: ['confirm'],
    description: 'append the pasted lines, each as its own block',
    footer: 'append',
  },
  {
    action: 'cancel-append',
    keys: ['Esc', 'n'],
    modes: ['confirm'],
    description: 'append nothing: back to the input line, its text kept',
    footer: 'back',
  },
  {
    action: 'close-overlay',
    keys: ['Esc'],
    alsoKeys: ['?', 'q', 'F1'],
    modes: ['help'],
    description: 'close this help (? q and F1 too)',
    footer: 'close',
  },
  {
    action: 'search-submit',
    keys: ['Enter'],
    modes: ['search-prompt'],
    description: 'search for what was typed',
    footer: 'search',
  },
  {
    action: 'search-cancel',
    keys: ['Esc'],
    modes: ['search-prompt'],
    description: 'cancel the search',
    footer: 'cancel',
  },
  {
    action: 'filter-submit',
    keys: ['Enter'],
    modes: ['filter-prompt'],
    description: 'filter by what was typed (nothing typed: no filter)',
    footer: 'filter',
  },
  {
    action: 'filter-cancel',
    keys: ['Esc'],
    modes: ['filter-prompt'],
    description: 'leave the filter as it was',
    footer: 'cancel',
  },
  {
    action: 'close-peers',
    keys: ['Esc'],
    alsoKeys: ['p'],
    modes: ['peers'],
    description: 'close the peers view (p too)',
    footer: 'close',
  },
  {
    action: 'close-detail',
    keys: ['Esc'],
    alsoKeys: ['Enter', 'q'],
    modes: ['detail'],
    description: 'close the block view (Enter and q too)',
    footer: 'close',
  },
  {
    action: 'detail-previous',
    keys: ['←'],
    modes: ['detail'],
    description: 'show the previous block',
    footer: 'previous',
  },
  { action: 'detail-next', keys: ['→'], modes: ['detail'], description: 'show the next block', footer: 'next' },
  { action: 'detail-line-up', keys: ['↑'], modes: ['detail'], description: 'scroll the block view up a line' },
  { action: 'detail-line-down', keys: ['↓'], modes: ['detail'], description: 'scroll the block view down a line' },
  { action: 'detail-page-up', keys: ['PgUp'], modes: ['detail'], description: 'scroll the block view up a page' },
  { action: 'detail-page-down', keys: ['PgDn'], modes: ['detail'], description: 'scroll the block view down a page' },
  {
    action: 'copy-block',
    keys: ['c'],
    modes: ['detail'],
    description: 'copy the block as shown, with real newlines and tabs',
    footer: 'copy text',
  },
  {
    action: 'close-file',
    keys: ['Esc'],
    alsoKeys: ['Enter', 'q'],
    modes: ['file'],
    description: "close a drive's file view (Enter and q too)",
    footer: 'close',
  },
  { action: 'file-line-up', keys: ['↑'], modes: ['file'], description: 'scroll the file view up a line' },
  { action: 'file-line-down', keys: ['↓'], modes: ['file'], description: 'scroll the file view down a line' },
  { action: 'file-page-up', keys: ['PgUp'], modes: ['file'], description: 'scroll the file view up a page' },
  { action: 'file-page-down', keys: ['PgDn'], modes: ['file'], description: 'scroll the file view down a page' },
  { action: 'copy-path', keys: ['c'], modes: ['file'], description: "copy the file's path", footer: 'copy path' },
  {
    action: 'copy-main-key',
    keys: ['Ctrl+K'],
    modes: EVERYWHERE,
    description: 'copy the main key (a reader: every key)',
    footer: 'copy key',
  },
  { action: 'cursor-left', keys: ['←'], modes: ['input'], description: 'move back a character' },
  { action: 'cursor-right', keys: ['→'], modes: ['input'], description: 'move forward a character' },
  { action: 'word-left', keys: ['Ctrl+←', 'Alt+B'], modes: ['input'], description: 'move back a word' },
  { action: 'word-right', keys: ['Ctrl+→', 'Alt+F'], modes: ['input'], description: 'move forward a word' },
  { action: 'line-start', keys: ['Home', 'Ctrl+A'], modes: ['input'], description: 'go to the start of the line' },
  { action: 'line-end', keys: ['End', 'Ctrl+E'], modes: ['input'], description: 'go to the end of the line' },
  { action: 'delete-before', keys: ['Backspace'], modes: ['input'], description: 'delete the character before' },
  { action: 'delete-under', keys: ['Delete'], modes: ['input'], description: 'delete the character under the cursor' },
  {
    action: 'delete-to-space',
    keys: ['Ctrl+W'],
    modes: ['input'],
    description: 'delete back to the previous space',
  },
  {
    action: 'delete-word-before',
    keys: ['Alt+Backspace'],
    modes: ['input'],
    description: 'delete the word before the cursor',
  },
  { action: 'delete-to-start', keys: ['Ctrl+U'], modes: ['input'], description: 'delete everything before the cursor' },
  {
    action: 'history-older',
    keys: ['↑'],
    modes: ['input'],
    description: 'recall the previous line sent (kept across restarts)',
  },
  { action: 'history-newer', keys: ['↓'], modes: ['input'], description: 'recall the next line sent, then the draft' },
  {
    action: 'focus-next',
    keys: ['Tab'],
    modes: ['input', 'pane'],
    description: 'focus the next pane (or the input line)',
    footer: 'focus',
  },
  {
    action: 'focus-previous',
    keys: ['Shift+Tab'],
    modes: ['input', 'pane'],
    description: 'focus the previous pane (or the input line)',
  },
  {
    action: 'next-page',
    keys: [']'],
    modes: ['pane'],
    needs: ['paged'],
    description: 'show the next page of panes',
    footer: 'more panes',
  },
  {
    action: 'previous-page',
    keys: ['['],
    modes: ['pane'],
    needs: ['paged'],
    description: 'show the previous page of panes',
  },
  { action: 'focus-pane', keys: ['1–9'], modes: ['pane'], description: 'focus pane 1 to 9' },
  { action: 'search', keys: ['/'], modes: ['pane'], description: 'search the focused pane', footer: 'search' },
  {
    action: 'search-next',
    keys: ['n'],
    modes: ['pane'],
    needs: ['search-active'],
    description: 'next match (towards the newest)',
    footer: 'next match',
  },
  {
    action: 'search-previous',
    keys: ['N'],
    modes: ['pane'],
    needs: ['search-active'],
    description: 'previous match',
  },
  {
    action: 'search-all',
    keys: ['a'],
    modes: ['pane'],
    needs: ['search-active', 'search-partial'],
    description: 'search every block, downloading those not here yet',
    footer: 'search all',
  },
  { action: 'search-clear', keys: ['Esc'], modes: ['pane'], needs: ['search-active'], description: 'clear the search' },
  {
    action: 'filter',
    keys: ['&'],
    modes: ['pane'],
    description: 'filter every pane: blocks holding a text, or /re/',
    footer: 'filter',
  },
  {
    action: 'filter-clear',
    keys: ['Esc'],
    modes: ['pane'],
    needs: ['filter-active'],
    description: 'clear the filter (once no search is shown)',
  },
  {
    action: 'toggle-wrap',
    keys: ['w'],
    modes: ['pane'],
    description: 'wrap long blocks in the focused pane, or cut them',
    footer: 'wrap',
  },
  {
    action: 'open-detail',
    keys: ['Enter'],
    modes: ['pane'],
    needs: ['log'],
    description: "show the pane's bottom block (a drive's file) whole",
    footer: 'show block',
  },
  {
    action: 'scroll-up',
    keys: ['↑'],
    modes: ['pane'],
    needs: ['log'],
    description: 'scroll up one block (stops following)',
  },
  { action: 'scroll-down', keys: ['↓'], modes: ['pane'], needs: ['log'], description: 'scroll down one block' },
  { action: 'page-up', keys: ['PgUp'], modes: ['pane'], needs: ['log'], description: 'scroll up one page' },
  { action: 'page-down', keys: ['PgDn'], modes: ['pane'], needs: ['log'], description: 'scroll down one page' },
  { action: 'top', keys: ['Home', 'g'], modes: ['pane'], needs: ['log'], description: 'go to the first block' },
  {
    action: 'bottom',
    keys: ['End', 'G'],
    modes: ['pane'],
    needs: ['log'],
    description: 'go to the newest block and follow',
    footer: 'follow',
  },
  {
    action: 'open-entry',
    keys: ['Enter'],
    modes: ['pane'],
    needs: ['key-order'],
    description: 'show the selected entry whole (key, value, block)',
    footer: 'show entry',
  },
  {
    action: 'entry-up',
    keys: ['↑'],
    modes: ['pane'],
    needs: ['key-order'],
    description: 'select the entry before',
  },
  { action: 'entry-down', keys: ['↓'], modes: ['pane'], needs: ['key-order'], description: 'select the entry after' },
  {
    action: 'entries-page-up',
    keys: ['PgUp'],
    modes: ['pane'],
    needs: ['key-order'],
    description: 'show the page of entries before',
  },
  {
    action: 'entries-page-down',
    keys: ['PgDn'],
    modes: ['pane'],
    needs: ['key-order'],
    description: 'show the page of entries after',
  },
  {
    action: 'entries-first',
    keys: ['Home', 'g'],
    modes: ['pane'],
    needs: ['key-order'],
    description: 'go to the first key',
  },
  {
    action: 'entries-last',
    keys: ['End', 'G'],
    modes: ['pane'],
    needs: ['key-order'],
    description: 'go to the last key (and the keys put after it)',
  },
  {
    action: 'show-key-order',
    keys: ['t'],
    modes: ['pane'],
    needs: ['has-key-order', 'log'],
    description: "show a bee's or drive's contents in key order, live",
    footer: 'key order',
  },
  {
    action: 'show-log',
    keys: ['t'],
    modes: ['pane'],
    needs: ['key-order'],
    description: "show the pane's log again",
    footer: 'log',
  },
  {
    action: 'copy-core-key',
    keys: ['c'],
    modes: ['pane'],
    description: "copy the focused pane's core key",
    footer: 'copy core key',
  },
  {
    action: 'copy-reader-command',
    keys: ['r'],
    modes: ['pane'],
    description: 'copy a reader command line for the main key(s)',
    footer: 'copy reader cmd',
  },
  { action: 'toggle-key-format', keys: ['z'], modes: ['pane'], description: 'show keys in hex or z-base-32' },
  {
    action: 'peers',
    keys: ['p'],
    modes: ['pane'],
    description: 'show each peer, and how far each core is synced',
    footer: 'peers',
  },
  { action: 'help', keys: ['?', 'F1'], modes: NOT_HELP, description: 'show this help', footer: 'help' },
  {
    action: 'suspend',
    keys: ['Ctrl+Z'],
    modes: EVERYWHERE,
    description: 'stop, back to the shell (fg brings the screen back)',
  },
  { action: 'quit', keys: ['q', 'Ctrl+C'], modes: EVERYWHERE, description: 'quit', footer: 'quit' },
] as const satisfies readonly BindingOf<string>[];

// What a key can do: exactly the actions the bindings name, so each has a key and the reducer
// (which handles every action) cannot miss one.
export type Action = (typeof BINDING_LIST)[number]['action'];

export type Binding = BindingOf<Action>;

export const BINDINGS: readonly Binding[] = BINDING_LIST;

export function modeOf(context: KeyContext): Mode {
  if (context.confirming) return 'confirm';
  if (context.helpOpen) return 'help';
  if (context.searchTyping) return 'search-prompt';
  if (context.filterTyping) return 'filter-prompt';
  if (context.peersOpen) return 'peers';
  if (context.fileOpen) return 'file';
  if (context.detailOpen) return 'detail';
  return context.role === 'writer' && context.focus === 'input' ? 'input' : 'pane';
}

const CONDITIONS: Record<Condition, (context: KeyContext) => boolean> = {
  paged: (context) => context.paged === true,
  'search-active': (context) => context.searchActive === true,
  'search-partial': (context) => context.searchPartial === true,
  'filter-active': (context) => context.filterActive === true,
  'has-key-order': (context) => context.hasKeyOrder === true,
  log: (context) => context.keyOrder !== true,
  'key-order': (context) => context.keyOrder === true,
};

export function appliesIn(binding: Binding, context: KeyContext): boolean {
  return (
    binding.modes.includes(modeOf(context)) &&
    (binding.needs ?? []).every((condition) => CONDITIONS[condition](context))
  );
}

// In a text field printable keys are text: only named keys (Ctrl-, Tab-, F-keys, Enter, Esc) act.
function isTyping(context: KeyContext): boolean {
  const mode = modeOf(context);
  return mode === 'input' || mode === 'search-prompt' || mode === 'filter-prompt';
}

const ARROWS: ReadonlySet<KeyName> = new Set(['↑', '↓', '←', '→']);

export const isCharacterKey = (name: KeyName): name is CharacterKey =>
  name === '1–9' || (name.length === 1 && !ARROWS.has(name));

// Ctrl+letter keys are matched by their letter (keyMatches); these by what the terminal sent.
type MatchedKey = Exclude<NamedKey, 'Ctrl+A' | 'Ctrl+C' | 'Ctrl+E' | 'Ctrl+K' | 'Ctrl+U' | 'Ctrl+W' | 'Ctrl+Z'>;

const NAMED: Record<MatchedKey, (press: KeyPress) => boolean> = {
  Tab: (press) => press.tab && !press.shift,
  'Shift+Tab': (press) => press.tab && press.shift,
  Esc: (press) => press.escape,
  Enter: (press) => press.enter,
  '↑': (press) => press.upArrow,
  '↓': (press) => press.downArrow,
  '←': (press) => press.leftArrow && !press.ctrl && !press.meta,
  '→': (press) => press.rightArrow && !press.ctrl && !press.meta,
  'Ctrl+←': (press) => press.leftArrow && (press.ctrl || press.meta),
  'Ctrl+→': (press) => press.rightArrow && (press.ctrl || press.meta),
  'Alt+B': (press) => press.meta && !press.escape && press.input === 'b',
  'Alt+F': (press) => press.meta && !press.escape && press.input === 'f',
  Backspace: (press) => press.backspace && !press.meta,
  'Alt+Backspace': (press) => press.backspace && press.meta,
  Delete: (press) => press.delete,
  PgUp: (press) => press.pageUp,
  PgDn: (press) => press.pageDown,
  Home: (press) => press.home,
  End: (press) => press.end,
  F1: (press) => press.f1,
};

export function keyMatches(name: KeyName, press: KeyPress): boolean {
  if (name in NAMED) return NAMED[name as MatchedKey](press);
  if (name.startsWith('Ctrl+')) return press.ctrl && press.input === name.slice('Ctrl+'.length).toLowerCase();
  if (name === '1–9') return !press.ctrl && /^[1-9]$/.test(press.input);
  return isCharacterKey(name) && !press.ctrl && !press.meta && press.input === name;
}

// Typed text, as a text field takes it: anything but Ctrl-, Alt-, Tab-, F-keys, Enter and Esc.
function typedText(press: KeyPress): boolean {
  return (
    !press.ctrl && !press.meta && !press.tab && !press.f1 && !press.enter && !press.escape && press.input.length > 0
  );
}

const allKeys = (binding: Binding): readonly KeyName[] => [...binding.keys, ...(binding.alsoKeys ?? [])];

export function resolveAction(press: KeyPress, context: KeyContext): Action | null {
  if (isTyping(context) && typedText(press)) return null;
  for (const binding of BINDINGS) {
    if (appliesIn(binding, context) && allKeys(binding).some((name) => keyMatches(name, press))) return binding.action;
  }
  return null;
}

// The binding's keys that do its action in this context: a printable key is text in a text
// field, and a key an earlier binding takes (q closing help or the block view) is not listed.
function keysIn(binding: Binding, context: KeyContext): KeyName[] {
  const earlier = BINDINGS.slice(0, BINDINGS.indexOf(binding)).filter((other) => appliesIn(other, context));
  return binding.keys.filter(
    (name) => !(isTyping(context) && isCharacterKey(name)) && !earlier.some((other) => allKeys(other).includes(name)),
  );
}

export interface KeyEntry {
  action: Action;
  label: string;
  description: string;
}

// What the help overlay lists: every binding that works where the user was, as it works there.
export function helpEntries(context: KeyContext): KeyEntry[] {
  return BINDINGS.filter((binding) => appliesIn(binding, context) && binding.action !== 'close-overlay').map(
    (binding) => ({
      action: binding.action,
      label: keysIn(binding, context).join(' '),
      description: binding.description,
    }),
  );
}

export function footerEntries(context: KeyContext): Array<{ label: string; description: string }> {
  return BINDINGS.filter((binding) => binding.footer !== undefined && appliesIn(binding, context)).map((binding) => ({
    label: keysIn(binding, context).join(' '),
    description: binding.footer as string,
  }));
}

// The keys that quit right now: q and Ctrl+C, or Ctrl+C alone while q is text (the too-small screen says it).
export function quitKeysIn(context: KeyContext): string[] {
  const quit = BINDINGS.find((binding) => binding.action === 'quit') as Binding;
  const keys = keysIn(quit, context);
  return keys.length > 0 ? keys : ['Ctrl+C'];
}
