// The one key map: input handling, the footer and the help overlay all read it, so they agree.

export type Action =
  | 'copy-main-key'
  | 'focus-next'
  | 'focus-previous'
  | 'next-page'
  | 'focus-pane'
  | 'previous-page'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'copy-core-key'
  | 'copy-reader-command'
  | 'toggle-key-format'
  | 'help'
  | 'close-overlay'
  | 'open-detail'
  | 'close-detail'
  | 'detail-previous'
  | 'detail-next'
  | 'detail-line-up'
  | 'detail-line-down'
  | 'detail-page-up'
  | 'detail-page-down'
  | 'copy-block'
  | 'search'
  | 'search-submit'
  | 'search-cancel'
  | 'search-next'
  | 'search-previous'
  | 'search-all'
  | 'search-clear'
  | 'quit';

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
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  f1: boolean;
}

export interface KeyContext {
  role: 'writer' | 'reader';
  // Where Tab has put the focus: the writer's input line, or a pane.
  focus: 'input' | 'pane';
  helpOpen: boolean;
  // More panes than fit on the screen: they are shown a page at a time.
  paged?: boolean;
  // A block shown whole (Enter on a pane) over the panes.
  detailOpen?: boolean;
  // The search query is being typed (after /): printable keys are text.
  searchTyping?: boolean;
  // A search has run on the focused pane (n/N step through its matches).
  searchActive?: boolean;
  // That search read only the blocks on disk, and some are not.
  searchPartial?: boolean;
}

export interface Binding {
  action: Action;
  label: string;
  description: string;
  // Shown in the footer when it applies (the overlay lists every binding that applies).
  inFooter: boolean;
  matches: (press: KeyPress) => boolean;
  appliesTo: (context: KeyContext) => boolean;
}

const always = () => true;
const paneFocused = (context: KeyContext) =>
  !context.helpOpen && !context.detailOpen && !context.searchTyping && context.focus === 'pane';
const searchShown = (context: KeyContext) => paneFocused(context) && context.searchActive === true;
const detailShown = (context: KeyContext) => !context.helpOpen && context.detailOpen === true;
const noOverlay = (context: KeyContext) => !context.helpOpen && !context.detailOpen && !context.searchTyping;
const noHelp = (context: KeyContext) => !context.helpOpen;
const key = (text: string) => (press: KeyPress) => !press.ctrl && press.input === text;

export const BINDINGS: readonly Binding[] = [
  {
    action: 'close-overlay',
    label: 'Esc',
    description: 'close this help',
    inFooter: true,
    matches: (press) => press.escape || press.f1 || (!press.ctrl && (press.input === '?' || press.input === 'q')),
    appliesTo: (context) => context.helpOpen,
  },
  {
    action: 'search-submit',
    label: 'Enter',
    description: 'search for what was typed',
    inFooter: true,
    matches: (press) => press.enter,
    appliesTo: (context) => !context.helpOpen && context.searchTyping === true,
  },
  {
    action: 'search-cancel',
    label: 'Esc',
    description: 'cancel the search',
    inFooter: true,
    matches: (press) => press.escape,
    appliesTo: (context) => !context.helpOpen && context.searchTyping === true,
  },
  {
    action: 'close-detail',
    label: 'Esc',
    description: 'close the block view (Enter and q too)',
    inFooter: true,
    matches: (press) => press.escape || press.enter || key('q')(press),
    appliesTo: detailShown,
  },
  {
    action: 'detail-previous',
    label: '←',
    description: 'show the previous block',
    inFooter: true,
    matches: (press) => press.leftArrow,
    appliesTo: detailShown,
  },
  {
    action: 'detail-next',
    label: '→',
    description: 'show the next block',
    inFooter: true,
    matches: (press) => press.rightArrow,
    appliesTo: detailShown,
  },
  {
    action: 'detail-line-up',
    label: '↑',
    description: 'scroll the block view up a line',
    inFooter: false,
    matches: (press) => press.upArrow,
    appliesTo: detailShown,
  },
  {
    action: 'detail-line-down',
    label: '↓',
    description: 'scroll the block view down a line',
    inFooter: false,
    matches: (press) => press.downArrow,
    appliesTo: detailShown,
  },
  {
    action: 'detail-page-up',
    label: 'PgUp',
    description: 'scroll the block view up a page',
    inFooter: false,
    matches: (press) => press.pageUp,
    appliesTo: detailShown,
  },
  {
    action: 'detail-page-down',
    label: 'PgDn',
    description: 'scroll the block view down a page',
    inFooter: false,
    matches: (press) => press.pageDown,
    appliesTo: detailShown,
  },
  {
    action: 'copy-block',
    label: 'c',
    description: "copy the block's text (escaped as shown)",
    inFooter: true,
    matches: key('c'),
    appliesTo: detailShown,
  },
  {
    action: 'copy-main-key',
    label: 'Ctrl+K',
    description: 'copy the main key',
    inFooter: true,
    matches: (press) => press.ctrl && press.input === 'k',
    appliesTo: noHelp,
  },
  {
    action: 'focus-next',
    label: 'Tab',
    description: 'focus the next pane (or the input line)',
    inFooter: true,
    matches: (press) => press.tab && !press.shift,
    appliesTo: noOverlay,
  },
  {
    action: 'focus-previous',
    label: 'Shift+Tab',
    description: 'focus the previous pane (or the input line)',
    inFooter: false,
    matches: (press) => press.tab && press.shift,
    appliesTo: noOverlay,
  },
  {
    action: 'next-page',
    label: ']',
    description: 'show the next page of panes',
    inFooter: true,
    matches: key(']'),
    appliesTo: (context) => paneFocused(context) && context.paged === true,
  },
  {
    action: 'previous-page',
    label: '[',
    description: 'show the previous page of panes',
    inFooter: false,
    matches: key('['),
    appliesTo: (context) => paneFocused(context) && context.paged === true,
  },
  {
    action: 'focus-pane',
    label: '1–9',
    description: 'focus pane 1 to 9',
    inFooter: false,
    matches: (press) => !press.ctrl && /^[1-9]$/.test(press.input),
    appliesTo: (context) => noOverlay(context) && context.focus === 'pane',
  },
  {
    action: 'search',
    label: '/',
    description: 'search the focused pane',
    inFooter: true,
    matches: key('/'),
    appliesTo: paneFocused,
  },
  {
    action: 'search-next',
    label: 'n',
    description: 'next match (towards the newest)',
    inFooter: true,
    matches: key('n'),
    appliesTo: searchShown,
  },
  {
    action: 'search-previous',
    label: 'N',
    description: 'previous match',
    inFooter: false,
    matches: key('N'),
    appliesTo: searchShown,
  },
  {
    action: 'search-all',
    label: 'a',
    description: 'search every block, downloading those not here yet',
    inFooter: true,
    matches: key('a'),
    appliesTo: (context) => searchShown(context) && context.searchPartial === true,
  },
  {
    action: 'search-clear',
    label: 'Esc',
    description: 'clear the search',
    inFooter: false,
    matches: (press) => press.escape,
    appliesTo: searchShown,
  },
  {
    action: 'open-detail',
    label: 'Enter',
    description: 'show the block at the bottom of the pane whole',
    inFooter: true,
    matches: (press) => press.enter,
    appliesTo: paneFocused,
  },
  {
    action: 'scroll-up',
    label: '↑',
    description: 'scroll up one block (stops following)',
    inFooter: false,
    matches: (press) => press.upArrow,
    appliesTo: paneFocused,
  },
  {
    action: 'scroll-down',
    label: '↓',
    description: 'scroll down one block',
    inFooter: false,
    matches: (press) => press.downArrow,
    appliesTo: paneFocused,
  },
  {
    action: 'page-up',
    label: 'PgUp',
    description: 'scroll up one page',
    inFooter: false,
    matches: (press) => press.pageUp,
    appliesTo: paneFocused,
  },
  {
    action: 'page-down',
    label: 'PgDn',
    description: 'scroll down one page',
    inFooter: false,
    matches: (press) => press.pageDown,
    appliesTo: paneFocused,
  },
  {
    action: 'top',
    label: 'Home g',
    description: 'go to the first block',
    inFooter: false,
    matches: (press) => press.home || key('g')(press),
    appliesTo: paneFocused,
  },
  {
    action: 'bottom',
    label: 'End G',
    description: 'go to the newest block and follow',
    inFooter: true,
    matches: (press) => press.end || key('G')(press),
    appliesTo: paneFocused,
  },
  {
    action: 'copy-core-key',
    label: 'c',
    description: "copy the focused pane's core key",
    inFooter: true,
    matches: key('c'),
    appliesTo: paneFocused,
  },
  {
    action: 'copy-reader-command',
    label: 'r',
    description: 'copy a reader command line for this main key',
    inFooter: true,
    matches: key('r'),
    appliesTo: (context) => noOverlay(context) && (context.role === 'reader' || context.focus === 'pane'),
  },
  {
    action: 'toggle-key-format',
    label: 'z',
    description: 'show keys in hex or z-base-32',
    inFooter: false,
    matches: key('z'),
    appliesTo: paneFocused,
  },
  {
    action: 'help',
    label: '? F1',
    description: 'show this help',
    inFooter: true,
    matches: (press) => press.f1 || key('?')(press),
    appliesTo: noHelp,
  },
  {
    action: 'quit',
    label: 'q Ctrl+C',
    description: 'quit',
    inFooter: true,
    matches: (press) => (press.ctrl && press.input === 'c') || key('q')(press),
    appliesTo: always,
  },
];

function isTyping(context: KeyContext): boolean {
  if (context.helpOpen) return false;
  return context.searchTyping === true || (context.role === 'writer' && context.focus === 'input');
}

// While typing, a printable key is text, never a command: only Ctrl-, Tab- and F-keys act.
function typedText(press: KeyPress): boolean {
  return !press.ctrl && !press.tab && !press.f1 && !press.enter && !press.escape && press.input.length > 0;
}

export function resolveAction(press: KeyPress, context: KeyContext): Action | null {
  if (isTyping(context) && typedText(press)) return null;
  for (const binding of BINDINGS) {
    if (binding.appliesTo(context) && binding.matches(press)) return binding.action;
  }
  return null;
}

// A label as it holds in a context: while typing, single-character keys are text, and with the
// help open they close it; only their other keys (Ctrl+C, F1) still do what the label says.
function labelIn(binding: Binding, context: KeyContext): string {
  const charactersAreTaken =
    isTyping(context) ||
    (context.helpOpen && binding.action !== 'close-overlay') ||
    // q closes the block view before quit sees it.
    (context.detailOpen === true && binding.action === 'quit');
  if (!charactersAreTaken) return binding.label;
  return binding.label
    .split(' ')
    .filter((part) => part.length > 1)
    .join(' ');
}

// What the help overlay lists: every binding that works where the user was, as it works there.
export function bindingsFor(context: KeyContext): Binding[] {
  return BINDINGS.filter((binding) => binding.appliesTo(context) && binding.action !== 'close-overlay').map(
    (binding) => ({ ...binding, label: labelIn(binding, context) }),
  );
}

export function footerEntries(context: KeyContext): Array<{ label: string; description: string }> {
  return BINDINGS.filter((binding) => binding.inFooter && binding.appliesTo(context)).map((binding) => ({
    label: labelIn(binding, context),
    description: shortDescription(binding.action),
  }));
}

const SHORT: Partial<Record<Action, string>> = {
  'copy-main-key': 'copy key',
  'focus-next': 'focus',
  'next-page': 'more panes',
  bottom: 'follow',
  'copy-core-key': 'copy core key',
  'copy-reader-command': 'copy reader cmd',
  help: 'help',
  quit: 'quit',
  'close-overlay': 'close',
  'open-detail': 'show block',
  'close-detail': 'close',
  'detail-previous': 'previous',
  'detail-next': 'next',
  'copy-block': 'copy text',
  search: 'search',
  'search-submit': 'search',
  'search-cancel': 'cancel',
  'search-next': 'next match',
  'search-all': 'search all',
};

function shortDescription(action: Action): string {
  return SHORT[action] ?? action;
}
