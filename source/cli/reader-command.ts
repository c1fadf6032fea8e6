import { basename } from 'node:path';
import type { Network } from '../model/network.js';

// A command line a user can paste into another terminal: the same program, the same keys, the same network.
export function readerCommandLine(mainKeys: readonly string[], network: Network, scriptPath: string): string {
  const program = basename(scriptPath) === 'many-cores' ? 'many-cores' : `node ${quote(scriptPath)}`;
  const networkFlags =
    network.kind === 'local'
      ? ' --local'
      : network.kind === 'bootstrap'
        ? ` --bootstrap ${network.nodes.map((node) => `${node.host.includes(':') ? `[${node.host}]` : node.host}:${node.port}`).join(',')}`
        : '';
  return `${program} reader ${mainKeys.join(' ')}${networkFlags}`;
}

function quote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
