import type { Writable } from 'node:stream';

export type LineFormat = 'plain' | 'json';

// One event a line: text for people and pipes, or a JSON object for scripts.
export class EventPrinter {
  constructor(
    private readonly format: LineFormat,
    private readonly out: Writable,
  ) {}

  print(text: string, event: Record<string, unknown>): void {
    this.out.write(this.format === 'json' ? `${JSON.stringify(event)}\n` : `${text}\n`);
  }
}
