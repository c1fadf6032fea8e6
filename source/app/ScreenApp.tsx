import type Corestore from 'corestore';
import React, { useEffect, useMemo } from 'react';
import { detailBodyLines } from '../components/BlockDetail.js';
import { useRedrawOnResume } from '../hooks/use-redraw-on-resume.js';
import { useScreen, type ScreenInbox, type ScreenOutside } from '../hooks/use-screen.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useStableList } from '../hooks/use-stable-list.js';
import { useViewFrames } from '../hooks/use-view-frames.js';
import { useWidthRulesVersion } from '../hooks/use-width-rules.js';
import { computeLayout } from '../layout/layout.js';
import { CoreSearch } from '../net/core-search.js';
import type { CoreView } from '../net/core-view.js';
import { hasKeyOrder, KeyOrderPanes } from '../net/key-order-panes.js';
import type { DriveBlobs } from '../net/drive-blobs.js';
import type { PeersSource } from '../model/peer-figures.js';
import type { JobControl } from '../terminal/job-control.js';
import {
  focusedPaneOf,
  keyContextOf,
  markedBlockOf,
  pageShown,
  type PaneFacts,
  type Role,
  type ScreenFacts,
} from '../screen/screen-state.js';
import { Screen } from './Screen.js';

export interface ScreenAppProps {
  role: Role;
  mainKeys: readonly Buffer[];
  views: readonly CoreView[];
  // With several main keys, the one a pane came from.
  originOf?: (view: CoreView) => Buffer | null;
  // The store the views' cores are in, for the key-order view of a hyperbee2 core; none in UI tests.
  store?: Corestore | null;
  peers: number;
  dhtState: string;
  storage: string;
  // Shown in the pane area while there are no panes (opening, looking, failed).
  placeholder: string | null;
  status: string | null;
  // What the peers view (p) shows; none until the session is open.
  peerStats?: PeersSource | null;
  readerCommandFor: (mainKeys: readonly string[]) => string;
  onQuit: () => void;
  onAppendLines?: (lines: string[]) => void;
  // The writer's lines sent, oldest first, to keep for its next run.
  onHistoryChanged?: (entries: readonly string[]) => void;
  // Events from outside the keys: whether appended lines were stored.
  inbox?: ScreenInbox;
  // Ctrl+Z stops the job through it, and the frame is drawn again once it is continued.
  jobControl?: JobControl;
  // The screen has the mouse (the help says how to select text then).
  mouse?: boolean;
  // The blobs core of a pane that shows a drive, once open (docs/screen.md#file-view).
  blobsOf?: (view: CoreView) => DriveBlobs | undefined;
}

// The block view's border and padding take four columns.
const DETAIL_CHROME_COLUMNS = 4;
// The input line's border, padding and "› " take six.
const INPUT_CHROME_COLUMNS = 6;

// The one wiring of both roles (and of the UI tests): layout, the facts the keys act on, the
// state machine, and the drawing.
export function ScreenApp(props: ScreenAppProps): React.JSX.Element {
  const {
    role,
    mainKeys,
    views,
    readerCommandFor,
    onQuit,
    onAppendLines,
    onHistoryChanged,
    inbox,
    jobControl,
    blobsOf,
  } = props;
  // The panes shown in key order, opened and closed by the keys, ticked on the panes' clock.
  const store = props.store ?? null;
  const keyOrder = useMemo(() => new KeyOrderPanes(views, store), [views, store]);
  useEffect(() => () => void keyOrder.close(), [keyOrder]);
  // A drive's blobs core has no pane, but its figures are in its pane's title: its frames count too.
  useViewFrames(useStableList([...views, keyOrder, ...views.flatMap((view) => blobsOf?.(view)?.view ?? [])]));
  useRedrawOnResume(jobControl);
  const { columns, rows } = useTerminalSize();
  const widthRules = useWidthRulesVersion();
  // The writer always has two panes; drawing them from the first frame keeps the layout still.
  const paneCount = Math.max(role === 'writer' ? 2 : 1, views.length);
  const layout = computeLayout({ columns, rows, paneCount, withInputLine: role === 'writer' });
  const paneArea = layout.fits ? layout.paneHeight * layout.paneRows : 1;
  const facts: ScreenFacts = {
    role,
    panes: views.map((view): PaneFacts => ({
      key: view.key,
      length: view.stats().length,
      blockAt: (seq) => view.block(seq),
      filtered: view.filtered(),
      hasKeyOrder: hasKeyOrder(view.format),
      selectedEntrySeq: () => keyOrder.viewFor(view)?.selectedEntry()?.seq ?? null,
      format: view.format,
    })),
    blockLines: layout.fits ? layout.blockLines : 1,
    panesPerPage: layout.fits ? layout.panesPerPage : 1,
    mainKeys,
    readerCommandFor,
    inputWidth: Math.max(1, columns - INPUT_CHROME_COLUMNS),
    detailWidth: columns - DETAIL_CHROME_COLUMNS,
    detailPage: detailBodyLines(paneArea),
    layout,
    mouse: props.mouse ?? false,
    peers: props.peers,
  };
  const outside = useMemo(
    (): ScreenOutside => ({
      onQuit,
      onSuspend: jobControl?.suspend,
      onAppendLines,
      onHistoryChanged,
      searchPane: ({ pane, query, scope }) => {
        const view = views[pane];
        return view ? new CoreSearch(view.core, query, scope, () => view.format).start() : undefined;
      },
      filterPanes: (filter) => {
        for (const view of views) view.setFilter(filter);
      },
      showKeyOrder: (pane, shown) => keyOrder.show(pane, shown),
      moveKeyOrder: (pane, move) => keyOrder.move(pane, move),
      readFile: (pane, blob) => {
        const view = views[pane];
        const blobs = view ? blobsOf?.(view) : undefined;
        return blobs?.readHead(blob).then((head) => (head.ok ? { bytes: head.bytes, cut: head.cut } : head));
      },
    }),
    [onQuit, jobControl, onAppendLines, onHistoryChanged, views, keyOrder, blobsOf],
  );
  const state = useScreen(facts, outside, inbox);
  const focusedPane = focusedPaneOf(state, facts);
  return (
    <Screen
      {...props}
      peerStats={props.peerStats ?? null}
      mouse={props.mouse ?? false}
      columns={columns}
      rows={rows}
      widthRules={widthRules}
      layout={layout}
      keyOrder={keyOrder}
      screen={{
        state,
        context: keyContextOf(state, facts),
        focusedPane,
        markedBlock: focusedPane === null ? null : markedBlockOf(state, facts, focusedPane),
        page: pageShown(state, facts),
      }}
    />
  );
}
