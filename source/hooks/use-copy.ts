import { useCallback, useEffect, useRef, useState } from 'react';
import { useStdout } from 'ink';
import { copyText } from '../terminal/clipboard.js';

export type CopyNotice =
  { kind: 'copied'; what: string; destinations: string[] } | { kind: 'manual'; what: string; text: string };

const NOTICE_MS = 4000;

// Copies text and keeps a short notice of where it went; where nothing took it, the notice
// carries the text so the screen can show it for selecting by hand.
export function useCopy(): {
  notice: CopyNotice | null;
  copy: (what: string, text: string) => void;
  dismiss: () => void;
} {
  const { stdout } = useStdout();
  const [notice, setNotice] = useState<CopyNotice | null>(null);
  const timer = useRef<NodeJS.Timeout | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const copy = useCallback(
    (what: string, text: string) => {
      copyText(text, {
        env: process.env,
        platform: process.platform,
        writeToTerminal: (data) => stdout.write(data),
      }).then(({ destinations }) => {
        if (timer.current) clearTimeout(timer.current);
        if (destinations.length === 0) {
          setNotice({ kind: 'manual', what, text });
          return;
        }
        setNotice({ kind: 'copied', what, destinations });
        timer.current = setTimeout(() => setNotice(null), NOTICE_MS);
      });
    },
    [stdout],
  );

  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, copy, dismiss };
}
