import React, { useCallback, useEffect, useState } from 'react';
import type { Network } from '../model/network.js';
import { readerCommandLine } from '../cli/reader-command.js';
import { useDiskFullAlert } from '../hooks/use-disk-full-alert.js';
import { useElapsedSeconds } from '../hooks/use-elapsed-seconds.js';
import { useLiveSession } from '../hooks/use-live-session.js';
import { ScreenInbox } from '../hooks/use-screen.js';
import type { CoreView } from '../net/core-view.js';
import type { ReaderPhase, ReaderSession } from '../net/reader-session.js';
import type { CoreFormat } from '../decode/decoded-block.js';
import { aloneNoticeFor } from '../decode/shown-block.js';
import { WRITER_NOT_FOUND } from '../model/messages.js';
import { describeSeeding } from '../model/seeding.js';
import type { JobControl } from '../terminal/job-control.js';
import { ScreenApp } from './ScreenApp.js';

export interface ReaderAppProps {
  mainKey: Buffer;
  storage: string;
  network: Network;
  timeoutSeconds: number | null;
  scriptPath: string;
  onExit: (failure?: string) => void;
  // Ctrl+Z and SIGTSTP: see source/terminal/job-control.ts.
  jobControl?: JobControl;
  // Loaded lazily by the caller, so the first frame does not wait for corestore and hyperswarm.
  openSession: () => Promise<ReaderSession>;
}

function describePhase(
  phase: ReaderPhase | null,
  elapsed: number,
  writerLeft: boolean,
  peers: number,
  seeding: string,
  // The main core's format, when it is shown alone.
  format: CoreFormat | undefined,
): string {
  if (!phase) return 'opening the store…';
  // A peer on the core's topic but no block 0 yet: the core is empty (any Hypercore can be).
  if (phase.kind === 'looking')
    return peers > 0
      ? `connected; waiting for the core's first block… ${elapsed}s`
      : `looking for the writer… ${elapsed}s`;
  if (phase.kind === 'failed') return phase.reason;
  const { skipped, notShown } = phase.blockZero;
  const notes = [
    seeding,
    writerLeft ? `the writer left ${elapsed}s ago; looking for it again` : '',
    phase.rewrite ?? '',
    phase.alone === null ? '' : aloneNoticeFor(phase.alone, format),
    skipped > 0 && phase.alone === null ? `${skipped} entries of block 0 skipped` : '',
    notShown > 0 ? `${notShown} more sub-cores not shown` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return notes;
}

export function ReaderApp(props: ReaderAppProps): React.JSX.Element {
  const { mainKey, storage, network, timeoutSeconds, scriptPath, onExit, openSession, jobControl } = props;
  const { state, session, views } = useLiveSession(openSession, onExit);
  const [inbox] = useState(() => new ScreenInbox());
  useDiskFullAlert(session, inbox);
  const phase = session?.phase ?? null;
  const looking = phase === null || phase.kind === 'looking';
  const writerLeftAt = session?.writerLeftAt ?? null;
  const elapsed = useElapsedSeconds(
    phase?.kind === 'looking' ? phase.since : writerLeftAt,
    looking || writerLeftAt !== null,
  );

  useEffect(() => {
    if (timeoutSeconds === null || !looking) return;
    const timer = setTimeout(() => onExit(WRITER_NOT_FOUND), timeoutSeconds * 1000);
    return () => clearTimeout(timer);
  }, [timeoutSeconds, looking, onExit]);

  const readerCommandFor = useCallback(
    (key: string) => readerCommandLine(key, network, scriptPath),
    [network, scriptPath],
  );
  const quit = useCallback(() => onExit(), [onExit]);
  const blobsOf = useCallback((view: CoreView) => session?.blobsOf(view), [session]);
  // A rewritten block 0 replaces the panes: the screen forgets what it held of the old ones.
  useEffect(() => {
    if (!session) return;
    const replaced = () => inbox.send({ type: 'panes-replaced' });
    session.on('cores', replaced);
    return () => void session.off('cores', replaced);
  }, [session, inbox]);
  const dhtState = session
    ? looking && session.dhtState === 'looking for writer'
      ? `looking for writer (${elapsed}s)`
      : session.dhtState
    : 'connecting';
  const seeding = session?.seeding ? describeSeeding(session.seedFigures()) : '';
  const text = describePhase(phase, elapsed, writerLeftAt !== null, session?.peerCount ?? 0, seeding, views[0]?.format);
  return (
    <ScreenApp
      role="reader"
      mainKey={mainKey}
      views={views}
      peers={session?.peerCount ?? 0}
      dhtState={dhtState}
      storage={storage}
      placeholder={state.status === 'failed' ? state.reason : text}
      status={views.length > 0 ? text || null : null}
      peerStats={session?.peerStats ?? null}
      readerCommandFor={readerCommandFor}
      onQuit={quit}
      inbox={inbox}
      jobControl={jobControl}
      blobsOf={blobsOf}
    />
  );
}
