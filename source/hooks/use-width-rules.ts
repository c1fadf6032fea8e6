import { useSyncExternalStore } from 'react';
import { onWidthRulesChange, widthRulesVersion } from '../text/terminal-width.js';

// The version of the width rules (source/text/terminal-width.ts): a component that uses it is drawn
// again when the terminal's answer changes which clusters are drawn whole.
export function useWidthRulesVersion(): number {
  return useSyncExternalStore(onWidthRulesChange, widthRulesVersion);
}
