import { useEffect } from 'react';
import { useStdout } from 'ink';
import type { JobControl } from '../terminal/job-control.js';

// A screen taken back from the shell is blank, but Ink still holds the frame it drew last and
// would draw only what changes. Ink's own write (useStdout) clears its frame, writes, and draws
// the frame again whole: an empty one is a full redraw.
export function useRedrawOnResume(jobControl: JobControl | undefined): void {
  const { write } = useStdout();
  useEffect(() => {
    jobControl?.setRedraw(() => write(''));
  }, [jobControl, write]);
}
