import type { Writable } from 'node:stream';
import type { PeerSession } from '../net/peer-session.js';

export type LineFormat = 'plain' | 'json';

// One event a line: text for people and pipes, or a JSON object for scripts.
export class EventPrinter {
  constructor(
    private readonly format: LineFormat,
    private readonly out: Writable,
  ) {}

  // Peers come and go on stderr in plain mode, so stdout keeps the how-to's format.
  followPeers(session: PeerSession, err: Writable): void {
    const report = (event: 'peer-join' | 'peer-leave', verb: string) => (peerKey: Buffer) => {
      const peer = peerKey.toString('hex');
      const peers = session.peerCount;
      if (this.format === 'json') this.print('', { event, peer, peers });
      else err.write(`peer ${peer.slice(0, 8)} ${verb} (${peers} connected)\n`);
    };
    session.on('peer-join', report('peer-join', 'joined'));
    session.on('peer-leave', report('peer-leave', 'left'));
  }

  print(text: string, event: Record<string, unknown>): void {
    this.out.write(this.line(text, event));
  }

  // Many events in one write: one write per line costs more than the appends at 100,000 lines.
  printAll(events: ReadonlyArray<{ text: string; event: Record<string, unknown> }>): void {
    if (events.length > 0) this.out.write(events.map(({ text, event }) => this.line(text, event)).join(''));
  }

  private line(text: string, event: Record<string, unknown>): string {
    return this.format === 'json' ? `${JSON.stringify(event)}\n` : `${text}\n`;
  }
}
