// What the peers view (docs/screen.md#peers-view) shows, as plain data, and how its figures are worded. Pure.

// One connection. Figures a connection cannot give are null and drawn as "–".
export interface PeerFigures {
  // The remote's public key, or null when the connection did not give a 32-byte one.
  key: Buffer | null;
  connectedAt: number;
  rttMs: number | null;
  // Bytes on the wire, encrypted, in each direction.
  bytesUp: number | null;
  bytesDown: number | null;
}

// One core: ours against the most any peer is known to hold from block 0 on.
export interface CoreSyncFigures {
  name: string;
  // The main key the core came from, when a reader has several; null or absent otherwise.
  origin?: Buffer | null;
  key: Buffer;
  length: number;
  contiguousLength: number;
  remoteContiguousLength: number;
}

export interface PeersSnapshot {
  // When the figures were read: how long each peer has been connected is counted to it.
  at: number;
  peers: PeerFigures[];
  cores: CoreSyncFigures[];
}

export const EMPTY_PEERS_SNAPSHOT: PeersSnapshot = { at: 0, peers: [], cores: [] };

export type SyncState = { synced: true } | { synced: false; percent: number };

// In sync when both sides hold every block of the core from 0 on: for a writer, that is a peer
// having all of it; for a reader, having all a peer has. A percentage never rounds up to 100.
export function syncOf({ length, contiguousLength, remoteContiguousLength }: CoreSyncFigures): SyncState {
  const held = Math.min(contiguousLength, remoteContiguousLength);
  if (held >= length) return { synced: true };
  return { synced: false, percent: Math.floor((held / length) * 100) };
}

// With nobody connected, what a peer once said it held (Hypercore keeps it) is not shown as sync.
export function describeSync(figures: CoreSyncFigures, peersConnected: number): string {
  if (peersConnected === 0) return 'no peer';
  const sync = syncOf(figures);
  return sync.synced ? 'synced' : `${sync.percent}%`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`;
}

// 42s, 3m 05s, 2h 07m: the two largest units, as `uptime` would.
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, '0')}h`;
}

export function formatRtt(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) || ms < 0 ? '–' : `${Math.round(ms)} ms`;
}

// Where the figures come from: read whenever the view is drawn.
export interface PeersSource {
  snapshot(): PeersSnapshot;
}
