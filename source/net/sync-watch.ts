import type Hypercore from 'hypercore';

export interface SyncFigures {
  length: number;
  contiguousLength: number;
  remoteContiguousLength: number;
}

type Watched = Pick<Hypercore, 'length' | 'contiguousLength' | 'remoteContiguousLength' | 'on' | 'off'>;

const EVENTS = ['append', 'download', 'remote-contiguous-length'] as const;

// Calls `onChange` with a core's figures whenever ours or the most a peer holds changed, at most
// once per `intervalMs` however fast blocks come; the figures after the last change always go out.
export function watchSync(
  core: Watched,
  intervalMs: number,
  onChange: (figures: SyncFigures) => void,
): { stop: () => void } {
  let said = '';
  let saidAt = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  const say = () => {
    timer = null;
    const figures = {
      length: core.length,
      contiguousLength: core.contiguousLength,
      remoteContiguousLength: core.remoteContiguousLength,
    };
    const text = JSON.stringify(figures);
    if (text === said) return;
    said = text;
    saidAt = Date.now();
    onChange(figures);
  };
  const changed = () => {
    if (timer) return;
    timer = setTimeout(say, Math.max(0, saidAt + intervalMs - Date.now()));
  };
  core.on('append', changed);
  core.on('download', changed);
  core.on('remote-contiguous-length', changed);
  changed();
  return {
    stop: () => {
      if (timer) clearTimeout(timer);
      for (const event of EVENTS) core.off(event, changed);
    },
  };
}
