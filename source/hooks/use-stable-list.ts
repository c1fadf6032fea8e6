import { useState } from 'react';

// The same array as long as it holds the same items in the same order: a list built afresh at
// each render (the views a frame clock runs over) does not look changed when it is not.
export function useStableList<T>(items: readonly T[]): readonly T[] {
  const [kept, setKept] = useState(items);
  const same = kept.length === items.length && kept.every((item, index) => item === items[index]);
  if (!same) setKept(items);
  return same ? kept : items;
}
