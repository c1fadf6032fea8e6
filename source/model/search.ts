export type SearchScope = 'local' | 'all';

export interface SearchProgress {
  query: string;
  scope: SearchScope;
  // Blocks looked at so far, of `total` (the core's length when the search began).
  scanned: number;
  total: number;
  // Blocks searched: all of them for 'all', only those on disk for 'local'.
  searched: number;
  // Sequence numbers of matching blocks, ascending; capped at MAX_MATCHES.
  matches: number[];
  done: boolean;
}
