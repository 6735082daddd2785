/**
 * What execution tells the layers above it, without knowing who listens: the CSV writers (reports/orders.csv,
 * reports/pnl.csv) subscribe in the command wiring, so execution never sees the reports folder. Listeners run
 * synchronously, in the order they subscribed, at the point the event happens (after the store write).
 */
import type { PnlRow } from '../files/pnl-csv.js';
import type { LedgerOrder } from '../store/orders.js';

export interface ExecutionEventMap {
  /** An order as recorded for the orders ledger file: placed, refused by the risk check, rejected, canceled. */
  orderRecorded: [order: LedgerOrder];
  /** A fill closed (part of) a position: its realized PnL. */
  positionClosed: [row: PnlRow];
}

type Listener<A extends unknown[]> = (...args: A) => void;

export class ExecutionEvents {
  private readonly listeners: { [K in keyof ExecutionEventMap]?: Array<Listener<ExecutionEventMap[K]>> } = {};

  on<K extends keyof ExecutionEventMap>(event: K, listener: Listener<ExecutionEventMap[K]>): this {
    (this.listeners[event] ??= [] as NonNullable<(typeof this.listeners)[K]>).push(listener);
    return this;
  }

  emit<K extends keyof ExecutionEventMap>(event: K, ...args: ExecutionEventMap[K]): void {
    for (const listener of this.listeners[event] ?? []) listener(...args);
  }
}
