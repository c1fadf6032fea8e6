import React from 'react';
import { PeersView } from '../components/PeersView.js';
import { usePeersSnapshot } from '../hooks/use-peers-snapshot.js';
import type { KeyFormat } from '../model/keys.js';
import type { PeersSource } from '../model/peer-figures.js';

export interface PeersViewPaneProps {
  source: PeersSource | null;
  keyFormat: KeyFormat;
  width: number;
  height: number;
  // The first peer shown, scrolled by the wheel.
  top: number;
}

// Binds the session's peer figures to the peers view; mounted only while the view is open.
export function PeersViewPane({ source, keyFormat, width, height, top }: PeersViewPaneProps): React.JSX.Element {
  const snapshot = usePeersSnapshot(source);
  return <PeersView snapshot={snapshot} keyFormat={keyFormat} width={width} height={height} top={top} />;
}
