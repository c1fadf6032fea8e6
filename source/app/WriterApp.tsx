import React, { useState } from 'react';
import type { Network } from '../cli/args.js';
import { readerCommandLine } from '../cli/reader-command.js';
import { useLineAppender } from '../hooks/use-line-appender.js';
import { useScreenController } from '../hooks/use-screen-controller.js';
import { useLiveSession } from '../hooks/use-live-session.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { computeLayout } from '../layout/layout.js';
import type { WriterSession } from '../net/writer-session.js';
import { Screen } from './Screen.js';
import { paneFactsOf } from './pane-facts.js';

export interface WriterAppProps {
  storage: string;
  network: Network;
  scriptPath: string;
  onExit: (failure?: string) => void;
  // Loaded lazily by the caller, so the first frame does not wait for corestore and hyperswarm.
  openSession: () => Promise<WriterSession>;
}

export function WriterApp({ storage, network, scriptPath, onExit, openSession }: WriterAppProps): React.JSX.Element {
  const { state, session, views } = useLiveSession(openSession, onExit);
  // A line that could not be stored (disk full) is said on the notice line and goes back to the input.
  const [appendFailure, setAppendFailure] = useState<string | null>(null);
  const append = useLineAppender(session, {
    stored: () => setAppendFailure(null),
    failed: (failure) => {
      setAppendFailure(failure.message);
      const [first] = failure.unstoredLines;
      if (first !== undefined) controller.restoreInput(first);
    },
  });

  const { columns, rows } = useTerminalSize();
  const layout = computeLayout({ columns, rows, paneCount: 2, withInputLine: true });
  const controller = useScreenController({
    role: 'writer',
    panes: paneFactsOf(views),
    blockLines: layout.fits ? layout.blockLines : 1,
    panesPerPage: layout.fits ? layout.panesPerPage : 1,
    mainKey: session?.mainKey ?? null,
    readerCommandFor: (key) => readerCommandLine(key, network, scriptPath),
    onQuit: () => onExit(),
    onSubmitLines: append,
  });

  return (
    <Screen
      role="writer"
      columns={columns}
      rows={rows}
      layout={layout}
      controller={controller}
      mainKey={session?.mainKey ?? null}
      peers={session?.peerCount ?? 0}
      dhtState={session?.dhtState ?? 'connecting'}
      storage={storage}
      views={views}
      alert={appendFailure}
      placeholder={state.status === 'failed' ? state.reason : 'opening the store…'}
      status={session ? 'Enter appends a line: under 5 bytes (with its newline) to core-2, others to core-3' : null}
    />
  );
}
