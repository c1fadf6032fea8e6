import { EventEmitter } from 'node:events';
import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import type { CoreFormat } from '../decode/decoded-block.js';
import type { KeyOrderReader } from '../decode/key-order.js';
import { HyperbeeKeyOrder } from './bee-key-order.js';
import { Bee2KeyOrder } from './bee2-key-order.js';
import type { CoreView } from './core-view.js';
import type { FramedView } from './frame-clock.js';
import { KeyOrderView, type KeyOrderMove } from './key-order-view.js';

// The reader of a format's key order, or null for a core that has none (a raw core). A drive's
// file table is a Hyperbee: its key order is its entries (docs/screen.md#key-order-view). A
// hyperbee2 tree may point into other cores, which it opens from `store` (docs/data-model.md#hyperbee2).
export function keyOrderReaderFor(format: CoreFormat, core: Hypercore, store: Corestore | null): KeyOrderReader | null {
  switch (format.kind) {
    case 'bee':
    case 'drive':
      return new HyperbeeKeyOrder(core);
    case 'bee2':
      return store === null ? null : new Bee2KeyOrder(store, core);
    case 'raw':
      return null;
  }
}

// Whether a pane of this format can show its contents in key order (the key that toggles it works).
export const hasKeyOrder = (format: CoreFormat): boolean => format.kind !== 'raw';

// The key-order views of the panes that show one, opened when a pane turns to key order and closed
// when it turns back: a pane showing its log reads nothing in key order. To the screen's frame
// clock they are one more view, ticked with the panes' CoreViews; they bring no blocks of their
// own to pace the frames by (the pane's core counts them).
export class KeyOrderPanes extends EventEmitter implements FramedView {
  readonly core = { length: 0 };
  private readonly open = new Map<CoreView, KeyOrderView>();
  private closed = false;

  constructor(
    private readonly panes: readonly CoreView[],
    /** The store the panes' cores are in (a hyperbee2 tree opens the cores it refers to from it). */
    private readonly store: Corestore | null,
  ) {
    super();
  }

  viewFor(pane: CoreView): KeyOrderView | null {
    return this.open.get(pane) ?? null;
  }

  // Pane `index` turned to key order, or back to its log.
  show(index: number, shown: boolean): void {
    const pane = this.panes[index];
    if (!pane) return;
    const current = this.open.get(pane);
    if (shown && !current && !this.closed) {
      const reader = keyOrderReaderFor(pane.format, pane.core, this.store);
      if (!reader) return;
      const view = new KeyOrderView(pane.core, reader);
      view.on('change', this.onChange);
      view.on('due', this.onDue);
      this.open.set(pane, view);
    } else if (!shown && current) {
      this.open.delete(pane);
      void current.close();
    }
  }

  move(index: number, move: KeyOrderMove): void {
    const pane = this.panes[index];
    if (pane) this.open.get(pane)?.move(move);
  }

  tick(): void {
    for (const view of this.open.values()) view.tick();
  }

  holdsFrame(): boolean {
    for (const view of this.open.values()) if (view.holdsFrame()) return true;
    return false;
  }

  drawn(): void {
    for (const view of this.open.values()) view.drawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    const views = [...this.open.values()];
    this.open.clear();
    await Promise.all(views.map((view) => view.close()));
  }

  private readonly onChange = (): void => void this.emit('change');
  private readonly onDue = (): void => void this.emit('due');
}
