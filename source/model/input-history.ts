// How many sent lines the input line remembers, in memory and on disk.
export const MAX_HISTORY_ENTRIES = 500;
