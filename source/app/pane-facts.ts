import type { PaneFacts } from '../hooks/use-screen-controller.js';
import { CoreSearch, type SearchScope } from '../net/core-search.js';
import type { CoreView } from '../net/core-view.js';

// What the screen controller needs of each pane, read from its view: figures for scrolling, the
// blocks held (the block view, copies) and a way to search the core.
export function paneFactsOf(views: readonly CoreView[]): PaneFacts[] {
  return views.map((view) => ({
    key: view.key,
    length: view.stats().length,
    blockAt: (seq: number) => view.block(seq),
    search: (query: string, scope: SearchScope) => new CoreSearch(view.core, query, scope).start(),
  }));
}
