import { useRef, useState } from 'react';

// State whose latest value is readable at once: keys can arrive faster than renders
// (a paste, tmux send-keys), and each must see what the one before it did.
export function useRefState<T>(initial: T): [T, (value: T) => void, { readonly current: T }] {
  const ref = useRef(initial);
  const [value, setValue] = useState(initial);
  const set = (next: T) => {
    ref.current = next;
    setValue(next);
  };
  return [value, set, ref];
}
