import { useEffect, useState } from 'react';
import type { CoreSearch, SearchProgress, SearchScope } from '../net/core-search.js';

export interface SearchTarget {
  pane: number;
  query: string;
  scope: SearchScope;
}

// Runs the search a target names, for as long as it is the target: a new target or none
// cancels the running one. Progress comes as state, throttled by CoreSearch itself.
export function usePaneSearch(
  target: SearchTarget | null,
  startSearch: (target: SearchTarget) => CoreSearch | undefined,
): SearchProgress | null {
  const [progress, setProgress] = useState<SearchProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!target) return;
    const search = startSearch(target);
    if (!search) return;
    const onProgress = (next: SearchProgress) => setProgress({ ...next });
    search.on('progress', onProgress);
    setProgress({ ...search.progress });
    return () => {
      search.off('progress', onProgress);
      search.cancel();
    };
    // startSearch is a fresh closure each render; only a new target starts a new search.
  }, [target]);
  return progress;
}
