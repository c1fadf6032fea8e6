import React, { useCallback, useEffect, useState } from 'react';
import type { TextFilter } from '../model/filter.js';
import type { Network } from '../model/network.js';
import { readerCommandLine } from '../cli/reader-command.js';
import { useDiskFullAlert } from '../hooks/use-disk-full-alert.js';
import { useNow } from '../hooks/use-now.js';
import { useLiveSession } from '../hooks/use-live-session.js';
import { ScreenInbox } from '../hooks/use-screen.js';
import type { CoreView } from '../net/core-view.js';
import type { KeyReader, ReaderSession } from '../net/reader-session.js';
import { aloneNoticeFor } from '../decode/shown-block.js';
import { WRITER_NOT_FOUND } from '../model/messages.js';
import { describeSeeding } from '../model/seeding.js';
import type { JobControl } from '../terminal/job-control.js';
import { ScreenApp } from './ScreenApp.js';

export interface ReaderAppProps {
  mainKeys: readonly Buffer[];
  storage: string;
  network: Network;
  timeoutSeconds: number | null;
  scriptPath: string;
  onExit: (failure?: string) => void;
  // Ctrl+Z and SIGTSTP: see source/terminal/job-control.ts.
  jobControl?: JobControl;
  // --filter: the panes start filtered.
  filter?: TextFilter | null;
  // The screen has the mouse (the help says how to select text then).
  mouse?: boolean;
  // Loaded lazily by the caller, so the first frame does not wait for corestore and hyperswarm.
  openSession: () => Promise<ReaderSession>;
}

const secondsSince = (since: number, now: number): number => Math.max(0, Math.floor((now - since) / 1000));

// What one key is doing, for the notice line (or the pane area, before there are panes).
function describeKey(key: KeyReader, now: number): string {
  const { phase, writerLeftAt } = key;
  // A peer on the core's topic but no block 0 yet: the core is empty (any Hypercore can be).
  if (phase.kind === 'looking')
    return key.peerCount > 0
      ? `connected; waiting for the core's first block… ${secondsSince(phase.since, now)}s`
      : `looking for the writer… ${secondsSince(phase.since, now)}s`;
  if (phase.kind === 'failed') return phase.reason;
  const { skipped, notShown } = phase.blockZero;
  return [
    writerLeftAt === null ? '' : `the writer left ${secondsSince(writerLeftAt, now)}s ago; looking for it again`,
    phase.rewrite ?? '',
    phase.alone === null ? '' : aloneNoticeFor(phase.alone, key.views[0]?.format),
    skipped > 0 && phase.alone === null ? `${skipped} entries of block 0 skipped` : '',
    notShown > 0 ? `${notShown} more sub-cores not shown` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

// Every key's notes, each naming its key when there are several (docs/screen.md#notice-line).
function describeKeys(session: ReaderSession | null, now: number): string {
  if (!session) return 'opening the store…';
  const seeding = session.seeding ? describeSeeding(session.seedFigures()) : '';
  const notes = session.keys.map((key) => {
    const note = describeKey(key, now);
    return note && `${session.labelOf(key)}${note}`;
  });
  return [seeding, ...notes].filter(Boolean).join(' · ');
}

export function ReaderApp(props: ReaderAppProps): React.JSX.Element {
  const {
    mainKeys,
    storage,
    network,
    timeoutSeconds,
    scriptPath,
    onExit,
    openSession,
    jobControl,
    filter,
    mouse = false,
  } = props;
  const { state, session, views } = useLiveSession(openSession, onExit);
  const [inbox] = useState(() => {
    const screenInbox = new ScreenInbox();
    if (filter) screenInbox.send({ type: 'filter-given', filter });
    return screenInbox;
  });
  useDiskFullAlert(session, inbox);
  const keys = session?.keys ?? [];
  // --timeout gives up only while no key's writer was found (docs/command-line.md#timeout).
  const noneReady = keys.every((key) => key.phase.kind !== 'ready');
  const waiting = noneReady && (session === null || keys.some((key) => key.phase.kind === 'looking'));
  const counting = keys.some((key) => key.phase.kind === 'looking' || key.writerLeftAt !== null);
  const now = useNow(session === null || counting);

  useEffect(() => {
    if (timeoutSeconds === null || !waiting) return;
    const timer = setTimeout(() => onExit(WRITER_NOT_FOUND), timeoutSeconds * 1000);
    return () => clearTimeout(timer);
  }, [timeoutSeconds, waiting, onExit]);

  const readerCommandFor = useCallback(
    (shown: readonly string[]) => readerCommandLine(shown, network, scriptPath),
    [network, scriptPath],
  );
  const quit = useCallback(() => onExit(), [onExit]);
  const originOf = useCallback((view: CoreView) => session?.originOf(view) ?? null, [session]);
  const blobsOf = useCallback((view: CoreView) => session?.blobsOf(view), [session]);
  // A rewritten block 0 replaces the panes: the screen forgets what it held of the old ones.
  useEffect(() => {
    if (!session) return;
    const replaced = () => inbox.send({ type: 'panes-replaced' });
    session.on('cores', replaced);
    return () => void session.off('cores', replaced);
  }, [session, inbox]);
  const lookingSince = keys.find((key) => key.phase.kind === 'looking')?.phase;
  const dhtState = session
    ? noneReady && lookingSince?.kind === 'looking' && session.dhtState === 'looking for writer'
      ? `looking for writer (${secondsSince(lookingSince.since, now)}s)`
      : session.dhtState
    : 'connecting';
  const text = describeKeys(session, now);
  return (
    <ScreenApp
      role="reader"
      mainKeys={mainKeys}
      views={views}
      originOf={originOf}
      store={session?.store ?? null}
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
      mouse={mouse}
      blobsOf={blobsOf}
    />
  );
}
