import React, { useCallback, useMemo, useState } from 'react';
import type { AppendListener } from '../net/line-append-queue.js';
import { readerCommandLine } from '../cli/reader-command.js';
import { useInputHistory } from '../hooks/use-input-history.js';
import { useLineAppender } from '../hooks/use-line-appender.js';
import { useLiveSession } from '../hooks/use-live-session.js';
import { ScreenInbox } from '../hooks/use-screen.js';
import type { Network } from '../model/network.js';
import type { WriterSession } from '../net/writer-session.js';
import type { JobControl } from '../terminal/job-control.js';
import { ScreenApp } from './ScreenApp.js';

export interface WriterAppProps {
  storage: string;
  network: Network;
  scriptPath: string;
  onExit: (failure?: string) => void;
  // Ctrl+Z and SIGTSTP: see source/terminal/job-control.ts.
  jobControl?: JobControl;
  // The screen has the mouse (the help says how to select text then).
  mouse?: boolean;
  // Loaded lazily by the caller, so the first frame does not wait for corestore and hyperswarm.
  // `onMainKey` hears the main key once the store has it, before the swarm is up.
  openSession: (onMainKey: (key: Buffer) => void) => Promise<WriterSession>;
}

export function WriterApp(props: WriterAppProps): React.JSX.Element {
  const { storage, network, scriptPath, onExit, openSession, jobControl, mouse = false } = props;
  const [earlyKey, setEarlyKey] = useState<Buffer | null>(null);
  const { state, session, views } = useLiveSession(() => openSession(setEarlyKey), onExit);
  // A line the disk refused is said on the notice line and goes back into the input.
  const [inbox] = useState(() => new ScreenInbox());
  const [listener] = useState((): AppendListener => ({
    stored: () => inbox.send({ type: 'lines-stored' }),
    failed: (failure) =>
      inbox.send({ type: 'append-failed', message: failure.message, unstoredLines: failure.unstoredLines }),
  }));
  const append = useLineAppender(session, listener);
  const saveHistory = useInputHistory(storage, session, inbox);
  const readerCommandFor = useCallback(
    (keys: readonly string[]) => readerCommandLine(keys, network, scriptPath),
    [network, scriptPath],
  );
  const quit = useCallback(() => onExit(), [onExit]);
  const mainKey = session?.mainKey ?? earlyKey;
  const mainKeys = useMemo(() => (mainKey ? [mainKey] : []), [mainKey]);
  return (
    <ScreenApp
      role="writer"
      mainKeys={mainKeys}
      views={views}
      peers={session?.peerCount ?? 0}
      dhtState={session?.dhtState ?? 'connecting'}
      storage={storage}
      placeholder={state.status === 'failed' ? state.reason : 'opening the store…'}
      status={session ? 'Enter appends a line: under 5 bytes (with its newline) to core-2, others to core-3' : null}
      peerStats={session?.peerStats ?? null}
      readerCommandFor={readerCommandFor}
      onQuit={quit}
      jobControl={jobControl}
      mouse={mouse}
      onAppendLines={append}
      onHistoryChanged={saveHistory}
      inbox={inbox}
    />
  );
}
