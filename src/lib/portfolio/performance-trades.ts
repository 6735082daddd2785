/**
 * Round trips of the ledger: a trade opens with the fill that takes a symbol's position away from flat and closes
 * with the fill that brings it back to flat (a fill that flips the side closes one trade and opens the next).
 * Its PnL is the realized PnL the ledger's average-cost method books on the way (both commissions included, see
 * positions.ts); its return is that PnL over the cost of the shares it closed. Pure.
 */
import { applyFill, flatPosition, type PositionState } from '../positions.js';
import type { LedgerFill } from '../store/fills.js';
import { nyDate } from '../time.js';

export interface RoundTrip {
  symbol: string;
  /** Client order id of the opening fill (its strategy/source is the order's). */
  openOrderId: string;
  entrySession: string;
  exitSession: string;
  /** Signed size at its largest (negative for a short). */
  size: number;
  pnl: number;
  /** Fraction: pnl / cost of the closed shares. */
  returnPct: number;
  commission: number;
}

interface Open {
  trip: RoundTrip;
  cost: number;
}

/** Closed round trips in closing order; `open` lists the symbols still held at the end. */
export function roundTrips(fills: readonly LedgerFill[]): { closed: RoundTrip[]; open: string[] } {
  const state = new Map<string, PositionState>();
  const opened = new Map<string, Open>();
  const closed: RoundTrip[] = [];
  for (const f of fills) {
    const before = state.get(f.symbol) ?? flatPosition(f.symbol);
    const { after, effect } = applyFill(before, f);
    state.set(f.symbol, after);
    const session = nyDate(f.ts);
    const cur = opened.get(f.symbol);
    const closeShare = f.qty > 0 ? effect.closedQty / f.qty : 0;
    if (cur) {
      const stillOpen = Math.sign(after.qty) === Math.sign(cur.trip.size);
      cur.trip.pnl += effect.realized;
      cur.trip.commission += f.commission * (stillOpen ? 1 : closeShare);
      cur.cost += effect.closedQty * effect.entryPrice;
      if (stillOpen && Math.abs(after.qty) > Math.abs(cur.trip.size)) cur.trip.size = after.qty;
      if (!stillOpen) {
        cur.trip.exitSession = session;
        cur.trip.returnPct = cur.cost > 0 ? cur.trip.pnl / cur.cost : Number.NaN;
        closed.push(cur.trip);
        opened.delete(f.symbol);
      }
    }
    if (after.qty !== 0 && !opened.has(f.symbol)) {
      opened.set(f.symbol, {
        trip: {
          symbol: f.symbol,
          openOrderId: f.clientOrderId,
          entrySession: session,
          exitSession: session,
          size: after.qty,
          pnl: 0,
          returnPct: Number.NaN,
          commission: f.commission * (1 - closeShare),
        },
        cost: 0,
      });
    }
  }
  return { closed, open: [...opened.keys()] };
}
