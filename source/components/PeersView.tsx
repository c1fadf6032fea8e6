import React from 'react';
import { Box, Text } from 'ink';
import { shortKey, type KeyFormat } from '../model/keys.js';
import {
  describeSync,
  formatBytes,
  formatDuration,
  formatRtt,
  syncOf,
  type CoreSyncFigures,
  type PeersSnapshot,
} from '../model/peer-figures.js';
import { peerRowsFor, peersTopFor } from '../layout/overlays.js';
import { paint, type Colour } from './palette.js';

export interface PeersViewProps {
  snapshot: PeersSnapshot;
  keyFormat: KeyFormat;
  width: number;
  height: number;
  // The first peer shown, scrolled by the wheel.
  top?: number;
}

const PEER_COLUMNS = [10, 11, 8, 11, 11];
const CORE_COLUMNS = [8, 10, 9, 9, 12, 8];
// A reader of several keys: the main key a core came from, first.
const FROM_COLUMN = 10;

const syncColour = (core: CoreSyncFigures, connected: boolean): Colour | undefined =>
  connected ? (syncOf(core).synced ? 'green' : 'yellow') : undefined;

const row = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('');

// The peers view (docs/screen.md#peers-view): one row per connection, then how far each core is replicated.
export function PeersView({ snapshot, keyFormat, width, height, top = 0 }: PeersViewProps): React.JSX.Element {
  const { peers, cores } = snapshot;
  const connected = peers.length > 0;
  const several = cores.some((core) => core.origin);
  const coreColumns = several ? [FROM_COLUMN, ...CORE_COLUMNS] : CORE_COLUMNS;
  const peerLines = peerRowsFor(height, cores.length);
  const first = peersTopFor(top, peers.length, height, cores.length);
  const shown = peers.length > peerLines ? peers.slice(first, first + peerLines - 1) : peers;
  const notShown = peers.length - shown.length;
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="round"
      borderColor={paint('cyan')}
      paddingX={1}
      overflow="hidden"
    >
      <Text wrap="truncate-end">
        <Text bold>Peers</Text>
        <Text dimColor> · {peers.length} connected · Esc or p closes</Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        {row(['peer', 'connected', 'rtt', '↑ sent', '↓ received'], PEER_COLUMNS)}
      </Text>
      {peers.length === 0 ? <Text dimColor>no peer connected</Text> : null}
      {shown.map((peer, index) => (
        <Text key={index} wrap="truncate-end">
          {row(
            [
              peer.key ? shortKey(peer.key, keyFormat) : '?',
              formatDuration(snapshot.at - peer.connectedAt),
              formatRtt(peer.rttMs),
              formatBytes(peer.bytesUp),
              formatBytes(peer.bytesDown),
            ],
            PEER_COLUMNS,
          )}
        </Text>
      ))}
      {notShown > 0 ? (
        <Text dimColor>
          … and {notShown} more{first > 0 ? ` (${first} above)` : ''}
        </Text>
      ) : null}
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        {row([...(several ? ['from'] : []), 'core', 'key', 'length', 'ours', 'peers hold', 'sync'], coreColumns)}
      </Text>
      {cores.length === 0 ? <Text dimColor>no core open yet</Text> : null}
      {cores.map((core) => (
        <Text key={`${core.origin?.toString('hex') ?? ''}${core.key.toString('hex')}`} wrap="truncate-end">
          {row(
            [
              ...(several ? [core.origin ? shortKey(core.origin, keyFormat) : ''] : []),
              core.name,
              shortKey(core.key, keyFormat),
              String(core.length),
              String(core.contiguousLength),
              connected ? String(core.remoteContiguousLength) : '–',
            ],
            coreColumns.slice(0, -1),
          )}
          <Text bold={connected} dimColor={!connected} color={paint(syncColour(core, connected))}>
            {describeSync(core, peers.length)}
          </Text>
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        ours, peers hold: blocks held from block 0 on, here and by the peer that holds the most
      </Text>
    </Box>
  );
}
