import type { Writable } from 'node:stream';
import type { PeerSession } from '../net/peer-session.js';
import type { DecodedEventFields } from '../decode/decoded-line.js';
import type { ShownEncoding } from '../decode/shown-block.js';
import { isClosedOutput } from '../terminal/hang-up.js';

export type LineFormat = 'plain' | 'json';

// A reader given several keys names the one each event is about (docs/command-line.md#several-keys).
interface FromKey {
  mainKey?: string;
}

// The --json schema, one object a line, for both commands (README "JSON events" documents it).
// Keys are hex; `text` is sanitized like the screen's (escapes written out), JSON compacted, binary
// as hex, as `encoding` says; `bytes` is the raw size.
export type OutputEvent =
  | { event: 'key'; role: 'writer' | 'reader'; key: string }
  | ({
      event: 'cores';
      cores: Array<{ core: string; key: string }>;
      skipped: number;
      notShown: number;
      // Only when block 0 lists no sub-core and the main core is shown alone: why.
      notice?: string;
      // Only when the writer rewrote block 0 (the cores are then the new block 0's): what changed.
      rewrite?: string;
    } & FromKey)
  | { event: 'append'; core: string; key: string; seq: number; bytes: number }
  | ({
      event: 'block';
      core: string;
      key: string;
      seq: number;
      text: string;
      encoding: ShownEncoding;
      bytes: number;
      // Only for a block of a core whose format decodes it: what it did (docs/command-line.md#json-events).
    } & Partial<DecodedEventFields> &
      FromKey)
  | ({ event: 'truncate'; core: string; key: string; length: number; fork: number } & FromKey)
  | ({ event: 'progress'; core: string; key: string; local: number; length: number; seeded: boolean } & FromKey)
  | { event: 'peer-join' | 'peer-leave'; peer: string; peers: number }
  // A core's blocks from 0 on, here and at the peer that holds the most: they differ while it syncs.
  | ({
      event: 'peer-sync';
      core: string;
      key: string;
      length: number;
      contiguousLength: number;
      remoteContiguousLength: number;
      synced: boolean;
    } & FromKey)
  // A key of several whose writer --timeout did not find, or whose block 0 could not be read: the others go on.
  | { event: 'key-error'; mainKey: string; message: string }
  | { event: 'error'; message: string };

// One event a line: text for people and pipes (null: nothing in plain mode), or JSON for scripts.
export class EventPrinter {
  private closed = false;

  // `onClosed` runs once when nobody reads the output any more (`| head -3`); printing stops
  // then. Any other write error stays an error.
  constructor(
    readonly format: LineFormat,
    private readonly out: Writable,
    onClosed: () => void = () => {},
  ) {
    out.on('error', (error) => {
      if (!isClosedOutput(error, out)) throw error;
      if (this.closed) return;
      this.closed = true;
      onClosed();
    });
  }

  get outputClosed(): boolean {
    return this.closed;
  }

  // Peers come and go on stderr in plain mode, so stdout keeps the how-to's format.
  followPeers(session: PeerSession, err: Writable): void {
    const report = (event: 'peer-join' | 'peer-leave', verb: string) => (peerKey: Buffer) => {
      const peer = peerKey.toString('hex');
      const peers = session.peerCount;
      if (this.format === 'json') this.print(null, { event, peer, peers });
      else err.write(`peer ${peer.slice(0, 8)} ${verb} (${peers} connected)\n`);
    };
    session.on('peer-join', report('peer-join', 'joined'));
    session.on('peer-leave', report('peer-leave', 'left'));
  }

  print(text: string | null, event: OutputEvent): void {
    const line = this.line(text, event);
    if (line && !this.closed) this.out.write(line);
  }

  // Many events in one write: one write per line costs more than the appends at 100,000 lines.
  printAll(events: ReadonlyArray<{ text: string | null; event: OutputEvent }>): void {
    this.printEach(
      events,
      ({ text }) => text,
      ({ event }) => event,
    );
  }

  // As printAll, but each item is made into only what the format prints: a pipe of 100,000 lines
  // otherwise builds 100,000 events that plain output throws away.
  printEach<T>(items: readonly T[], text: (item: T) => string | null, event: (item: T) => OutputEvent): void {
    let lines = '';
    if (this.format === 'json') for (const item of items) lines += `${JSON.stringify(event(item))}\n`;
    else {
      for (const item of items) {
        const line = text(item);
        if (line !== null) lines += `${line}\n`;
      }
    }
    if (lines && !this.closed) this.out.write(lines);
  }

  private line(text: string | null, event: OutputEvent): string {
    if (this.format === 'json') return `${JSON.stringify(event)}\n`;
    return text === null ? '' : `${text}\n`;
  }
}
