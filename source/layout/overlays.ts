// How far the help overlay and the peers view scroll (docs/screen.md#mouse): the wheel moves
// their list, never past where its last line is at the bottom.

// The help's border (two lines), its title, and the mouse's two lines while the screen has it.
const helpChrome = (mouse: boolean): number => 3 + (mouse ? 2 : 0);

const clamp = (value: number, max: number): number => Math.max(0, Math.min(value, max));

// The first help entry shown, for `entries` entries in an overlay `height` lines tall.
export function helpTopFor(wanted: number, entries: number, height: number, mouse: boolean): number {
  return clamp(wanted, entries - Math.max(1, height - helpChrome(mouse)));
}

// The peers view's border, title, the two headings, the gap between its tables and its closing note.
const PEERS_CHROME = 7;

// Rows for peers in a peers view `height` lines tall, with `cores` rows for the cores below.
export function peerRowsFor(height: number, cores: number): number {
  return Math.max(1, height - PEERS_CHROME - Math.max(1, cores));
}

// The first peer shown. While the peers do not all fit, the last row says how many are not shown.
export function peersTopFor(wanted: number, peers: number, height: number, cores: number): number {
  const rows = peerRowsFor(height, cores);
  return peers > rows ? clamp(wanted, peers - (rows - 1)) : 0;
}
