import React from 'react';
import { Box, Text } from 'ink';
import { FileView } from '../components/FileView.js';
import { Footer } from '../components/Footer.js';
import { Header } from '../components/Header.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { InputLine } from '../components/InputLine.js';
import { Notice } from '../components/Notice.js';
import { TooSmall } from '../components/TooSmall.js';
import { footerEntries, helpEntries, quitKeysIn, type KeyContext } from '../keys/keymap.js';
import type { Layout } from '../layout/layout.js';
import { FOLLOW } from '../layout/scroll.js';
import { formatKey, shortKey } from '../model/keys.js';
import { progressBar } from '../text/progress-bar.js';
import { sanitizeString } from '../text/sanitize.js';
import type { CoreView } from '../net/core-view.js';
import { hasKeyOrder, type KeyOrderPanes } from '../net/key-order-panes.js';
import type { DriveBlobs } from '../net/drive-blobs.js';
import type { ScreenState } from '../screen/screen-state.js';
import { BlockDetailPane } from './BlockDetailPane.js';
import { CoreViewPane } from './CoreViewPane.js';
import { KeyOrderViewPane } from './KeyOrderViewPane.js';
import { PeersViewPane } from './PeersViewPane.js';
import type { PeersSource } from '../model/peer-figures.js';
import { paint } from '../components/palette.js';

// The screen's state and what is read off it for drawing.
export interface ScreenView {
  state: ScreenState;
  context: KeyContext;
  focusedPane: number | null;
  // In the focused pane, the block Enter would show.
  markedBlock: number | null;
  // The panes on screen: the page of the focused pane, or of the last pane focused.
  page: { first: number; end: number };
}

export interface ScreenProps {
  role: 'writer' | 'reader';
  columns: number;
  rows: number;
  // The version of the width rules (source/text/terminal-width.ts): the panes are drawn again when it changes.
  widthRules: number;
  layout: Layout;
  screen: ScreenView;
  mainKeys: readonly Buffer[];
  // With several main keys, the one a pane came from, named in its title.
  originOf?: (view: CoreView) => Buffer | null;
  peers: number;
  dhtState: string;
  storage: string;
  views: readonly CoreView[];
  // The panes shown in key order.
  keyOrder: KeyOrderPanes;
  // Shown in the pane area while there are no panes (opening, looking, failed).
  placeholder: string | null;
  status: string | null;
  // What the peers view (p) shows; null until the session is open.
  peerStats: PeersSource | null;
  // The screen has the mouse: the help says what it does, and how to select text anyway.
  mouse: boolean;
  // The blobs core of a pane that shows a drive, once open: its figures go in the pane's title.
  blobsOf?: (view: CoreView) => DriveBlobs | undefined;
}

// The whole drawing for both roles: header, panes, input line (writer), notice, footer.
export function Screen(props: ScreenProps): React.JSX.Element {
  const {
    role,
    columns,
    rows,
    widthRules,
    layout,
    screen,
    mainKeys,
    originOf,
    peers,
    dhtState,
    storage,
    views,
    keyOrder,
    placeholder,
    status,
    peerStats,
    mouse,
    blobsOf,
  } = props;
  const { state, context } = screen;
  if (!layout.fits) return <TooSmall columns={columns} rows={rows} need={layout.need} quitKeys={quitKeysIn(context)} />;
  const { keyFormat, notice, detail, file } = state;
  const detailView = detail ? views[detail.pane] : undefined;
  const fileView = file ? views[file.pane] : undefined;
  const paneArea = layout.paneHeight * layout.paneRows;
  const paging =
    views.length > layout.panesPerPage ? `panes ${screen.page.first + 1}–${screen.page.end} of ${views.length}` : '';
  const asking =
    state.confirmLines === null
      ? null
      : `append ${state.confirmLines} lines as ${state.confirmLines} blocks? Enter or y appends · Esc or n goes back`;
  const searching = describeSearch(state) ?? describeFilter(state, views);
  const statusLine = asking ?? searching ?? ([paging, status ?? ''].filter(Boolean).join(' · ') || null);

  // The help overlay takes the writer's input line's rows too: every key it lists fits on 30 rows.
  const inputShown = role === 'writer' && !context.helpOpen;
  let body: React.JSX.Element;
  if (context.helpOpen) {
    body = (
      <Box height={paneArea} flexDirection="column" overflow="hidden">
        <HelpOverlay
          bindings={helpEntries({ ...context, helpOpen: false })}
          width={columns}
          mouse={mouse}
          top={state.overlayTop}
        />
      </Box>
    );
  } else if (state.peersOpen) {
    body = (
      <PeersViewPane
        source={peerStats}
        keyFormat={keyFormat}
        width={columns}
        height={paneArea}
        top={state.overlayTop}
      />
    );
  } else if (file && fileView) {
    body = (
      <FileView
        name={fileView.name}
        path={file.path}
        size={file.size}
        content={file.content}
        top={file.top}
        width={columns}
        height={paneArea}
      />
    );
  } else if (detail && detailView) {
    body = <BlockDetailPane view={detailView} seq={detail.seq} top={detail.top} width={columns} height={paneArea} />;
  } else if (notice?.kind === 'manual') {
    body = (
      <Box
        height={paneArea}
        flexDirection="column"
        borderStyle="single"
        borderColor={paint('yellow')}
        paddingX={1}
        overflow="hidden"
      >
        <Text>Nothing could take the copy; select {notice.what} by hand (Esc closes):</Text>
        {/* A block's copy keeps its newlines and tabs: each line is drawn sanitized, as many as fit. */}
        {notice.text
          .split('\n')
          .slice(0, paneArea)
          .map((line, index) => (
            <Text key={index}>{sanitizeString(line)}</Text>
          ))}
      </Box>
    );
  } else if (views.length === 0) {
    body = (
      <Box height={paneArea} borderStyle="round" borderColor={paint('gray')} paddingX={1}>
        <Text wrap="wrap">{placeholder ?? ''}</Text>
      </Box>
    );
  } else {
    const { first, end } = screen.page;
    const shown = views.slice(first, end);
    const rowsOfPanes: CoreView[][] = [];
    for (let index = 0; index < shown.length; index += layout.panesPerRow) {
      rowsOfPanes.push(shown.slice(index, index + layout.panesPerRow));
    }
    body = (
      <Box flexDirection="column" height={paneArea}>
        {rowsOfPanes.map((rowViews, rowIndex) => (
          <Box key={rowIndex} flexDirection="row">
            {rowViews.map((view, columnIndex) => {
              const index = first + rowIndex * layout.panesPerRow + columnIndex;
              const origin = originOf?.(view) ?? null;
              // Two keys may list the same sub-core: each has its pane.
              const paneKey = `${origin?.toString('hex') ?? ''}${view.key.toString('hex')}`;
              const keyed = hasKeyOrder(view.format);
              const keyOrderView = keyed && state.paneViews[index] === 'key-order' ? keyOrder.viewFor(view) : null;
              if (keyOrderView) {
                return (
                  <KeyOrderViewPane
                    key={paneKey}
                    pane={view}
                    view={keyOrderView}
                    keyFormat={keyFormat}
                    focused={screen.focusedPane === index}
                    width={layout.paneWidth}
                    height={layout.paneHeight}
                    blockLines={layout.blockLines}
                  />
                );
              }
              const blobs = blobsOf?.(view)?.stats();
              return (
                <CoreViewPane
                  logTitle={keyed}
                  key={paneKey}
                  view={view}
                  origin={origin ? shortKey(origin, keyFormat) : null}
                  scroll={state.scrolls[index] ?? FOLLOW}
                  keyFormat={keyFormat}
                  focused={screen.focusedPane === index}
                  width={layout.paneWidth}
                  height={layout.paneHeight}
                  blockLines={layout.blockLines}
                  highlight={state.search?.pane === index ? state.search.query : null}
                  marked={screen.focusedPane === index ? screen.markedBlock : null}
                  widthRules={widthRules}
                  wrap={state.wraps[index] === true}
                  blobsLength={blobs?.length}
                  blobsLocal={blobs?.local}
                />
              );
            })}
          </Box>
        ))}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={layout.height}>
      <Header
        role={role}
        mainKeys={mainKeys.map((key) => formatKey(key, keyFormat))}
        peers={peers}
        dhtState={dhtState}
        storage={storage}
      />
      {body}
      {inputShown ? (
        <InputLine
          line={state.input}
          start={state.inputStart}
          focused={context.focus === 'input' && !context.helpOpen}
          width={columns}
        />
      ) : null}
      <Notice
        notice={notice?.kind === 'manual' ? null : notice}
        alert={asking === null ? state.alert : null}
        status={statusLine}
      />
      <KeysFooter context={context} width={columns} />
    </Box>
  );
}

// The footer changes only with the keys' context and the width: a frame of the panes leaves it be,
// rather than filtering the key map and measuring its entries again.
const KeysFooter = React.memo(
  function KeysFooter({ context, width }: { context: KeyContext; width: number }): React.JSX.Element {
    return <Footer entries={footerEntries(context)} width={width} />;
  },
  (before, after) => before.width === after.width && sameContext(before.context, after.context),
);

// A context is built afresh at each render; its fields are all flags.
function sameContext(a: KeyContext, b: KeyContext): boolean {
  const keys = Object.keys(a) as Array<keyof KeyContext>;
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

// The notice line while filtering: the prompt being typed (and why Enter did not take it), how far
// the panes' filters read, or why one stopped; nothing once they have read every block.
function describeFilter({ filterPrompt, filterError, filter }: ScreenState, views: readonly CoreView[]): string | null {
  if (filterPrompt !== null) {
    const prompt = `filter panes: &${sanitizeString(filterPrompt)}▏`;
    return filterError === null
      ? `${prompt} (text or /re/; Enter filters, nothing typed shows all, Esc cancels)`
      : `${prompt} ${filterError}`;
  }
  if (filter === null) return null;
  const statuses = views.flatMap((view) => view.filterStatus() ?? []);
  const shown = `&${sanitizeString(filter.text)}`;
  const stopped = statuses.find((status) => status.stopped !== null)?.stopped;
  if (stopped) return `${shown}: ${stopped} · Esc clears`;
  if (statuses.every((status) => status.done)) return null;
  const scanned = statuses.reduce((sum, status) => sum + status.scanned, 0);
  const total = views.reduce((sum, view) => sum + view.core.length, 0);
  return `${shown}: filtering ${progressBar(scanned, total)} · Esc clears`;
}

// The notice line while searching: the prompt being typed, or how far the search got.
function describeSearch({ searchPrompt, search, searchProgress }: ScreenState): string | null {
  if (searchPrompt !== null) return `search pane: /${sanitizeString(searchPrompt)}▏ (Enter searches, Esc cancels)`;
  if (!search || !searchProgress) return null;
  const { matches, scanned, total, searched, done, scope } = searchProgress;
  const found = `/${sanitizeString(search.query)}: ${matches.length} match${matches.length === 1 ? '' : 'es'}`;
  if (!done) {
    const bar = progressBar(scanned, total);
    return `${found} so far · searching ${scope === 'local' ? 'the blocks here' : 'every block'} ${bar}`;
  }
  if (scope === 'local' && searched < total)
    return `${found} in the ${searched} of ${total} blocks here · a searches all (downloads the rest) · n/N step`;
  return `${found} in ${total} blocks · n/N step · Esc clears`;
}
