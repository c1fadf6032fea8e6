// The README's keys table, generated from the key map: each row names some bindings, and its key
// column is their keys.
import { BINDINGS, isCharacterKey, type Action, type KeyName } from './keymap.js';

export interface KeysTableRow {
  actions: readonly Action[];
  does: string;
}

export const KEYS_TABLE: readonly KeysTableRow[] = [
  { actions: ['copy-main-key'], does: 'copy the main key (works everywhere, even while typing)' },
  { actions: ['focus-next', 'focus-previous'], does: 'move the focus: writer input line → panes' },
  {
    actions: ['cursor-left', 'cursor-right', 'word-left', 'word-right', 'line-start', 'line-end'],
    does:
      'writer input line: move by character (an emoji with its modifiers, a letter with its marks), by word, ' +
      'to the start or end; a line wider than the field scrolls sideways',
  },
  {
    actions: ['delete-before', 'delete-under', 'delete-to-space', 'delete-word-before', 'delete-to-start'],
    does:
      'writer input line: delete the character before / under the cursor, back to the previous space (Ctrl+W), ' +
      'the word before (Alt+Backspace), everything before the cursor (Ctrl+U)',
  },
  {
    actions: ['history-older', 'history-newer'],
    does:
      'writer input line: walk the lines sent (the last 500, kept in the storage folder across restarts); ' +
      '↓ past the newest returns to what was being typed',
  },
  {
    actions: ['next-page', 'previous-page'],
    does: 'next / previous page of panes, when there are more sub-cores than fit (the notice line says `panes 1–6 of 32`)',
  },
  { actions: ['focus-pane'], does: 'focus pane 1 to 9 (not while typing)' },
  {
    actions: ['scroll-up', 'scroll-down', 'page-up', 'page-down', 'top', 'bottom'],
    does:
      'scroll the focused pane; scrolling up stops following (title says `paused · N new` as blocks arrive), ' +
      'End or `G` follows again; Home or `g` goes to the first block',
  },
  { actions: ['copy-core-key'], does: "copy the focused pane's core key" },
  {
    actions: ['search', 'search-submit', 'search-cancel'],
    does:
      'search the focused pane: type a query, Enter searches the blocks on disk (ignoring case, the text as shown), ' +
      'Esc cancels; matches are drawn inverse, and the notice line shows progress and the count',
  },
  {
    actions: ['search-next', 'search-previous', 'search-clear'],
    does: 'next / previous match, put at the bottom of the pane (Enter then shows it whole); Esc clears the search',
  },
  {
    actions: ['search-all'],
    does: 'after a search that could read only the blocks on disk: search every block, downloading the rest',
  },
  {
    actions: ['open-detail'],
    does:
      'show the block at the bottom of the focused pane whole (its number is drawn inverse): its size, ' +
      'text line by line with escapes written out, JSON compacted, or a hex dump when it is binary',
  },
  {
    actions: [
      'detail-previous',
      'detail-next',
      'detail-line-up',
      'detail-line-down',
      'detail-page-up',
      'detail-page-down',
      'copy-block',
      'close-detail',
    ],
    does:
      'in the block view: ← → the previous / next block; ↑ ↓ PgUp PgDn scroll it, `c` copies its text as ' +
      'shown (newlines and tabs as they are, other controls written out), ' +
      'Esc (or Enter, `q`) closes it',
  },
  {
    actions: ['copy-reader-command'],
    does: 'copy a ready-to-run reader command line (reader, or writer with a pane focused)',
  },
  { actions: ['toggle-key-format'], does: 'show keys in hex or z-base-32 (focused pane)' },
  {
    actions: ['peers', 'close-peers'],
    does:
      'peers view (not while typing): each connected peer with its short key, time connected, round-trip time and ' +
      'bytes up and down, and how far each core is replicated, `synced` or a percentage; Esc or `p` closes it',
  },
  { actions: ['help'], does: 'help overlay listing the keys that work where you are' },
  { actions: ['close-overlay'], does: 'close the help overlay (`?`, `q` and F1 close it too)' },
  {
    actions: ['suspend'],
    does:
      'stop, back to the shell, as Ctrl+Z stops any program; `fg` brings the screen back as it was, ' +
      'with what was being typed (see [Troubleshooting](#troubleshooting))',
  },
  { actions: ['quit'], does: 'quit (`q` only when not typing)' },
];

// Printable keys in code spans, as Markdown shows keys you type.
function markdownKey(name: KeyName): string {
  if (name === '1–9') return '`1`–`9`';
  return isCharacterKey(name) ? `\`${name}\`` : name;
}

export function keysTableMarkdown(): string {
  const rows = KEYS_TABLE.map((row) => {
    const keys = row.actions.flatMap((action) => BINDINGS.find((binding) => binding.action === action)?.keys ?? []);
    return `| ${[...new Set(keys)].map(markdownKey).join(' ')} | ${row.does} |`;
  });
  return ['| key | does |', '| --- | --- |', ...rows].join('\n');
}
