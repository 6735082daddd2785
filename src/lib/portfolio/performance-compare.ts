/**
 * Backtest against reality for a period (pure): the active model's walk-forward expectation (its stored
 * out-of-sample evidence, compounded to the period's length) beside the record's return and Sharpe; each fill's
 * slippage against its order's decision price; the orders that missed or filled in part.
 *   slippage (bps) = side × (fill price − decision price) / decision price × 10 000, side +1 buy, −1 sell:
 *   positive = paid more (bought higher / sold lower) than the price the order was decided at.
 */
import type { ModelEvidence } from '../model/model-gate.js';
import type { LedgerFill } from '../store/fills.js';
import type { LedgerOrder } from '../store/orders.js';
import { nyDate } from '../time.js';

const DAY_MS = 86_400_000;

export interface FillSlippage {
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  decisionPrice: number;
  fillPrice: number;
  bps: number;
}

export interface OrderShortfall {
  clientOrderId: string;
  symbol: string;
  session: string;
  status: string;
  qty: number;
  filledQty: number;
}

export interface CompareReport {
  from: string;
  to: string;
  expectation: {
    model: string;
    evidenceFrom: string;
    evidenceTo: string;
    evidenceReturnPct: number;
    /** The evidence's return compounded over the period's calendar days. */
    expectedReturnPct: number;
    sharpe: number;
  } | null;
  /** Why there is no expectation (no active model, or no evidence recorded with it). */
  expectationNote: string | null;
  record: { returnPct: number; sharpe: number };
  slippage: { fills: number; withoutDecisionPrice: number; meanBps: number; worstBps: number; rows: FillSlippage[] };
  orders: { decided: number; filled: number; partial: OrderShortfall[]; missed: OrderShortfall[] };
}

const days = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS;

export function compareWithBacktest(input: {
  from: string;
  to: string;
  record: { returnPct: number; sharpe: number };
  model: { id: string; evidence: ModelEvidence | null } | null;
  orders: readonly LedgerOrder[];
  fills: readonly LedgerFill[];
}): CompareReport {
  const { from, to } = input;
  let expectation: CompareReport['expectation'] = null;
  let expectationNote: string | null = null;
  const e = input.model?.evidence;
  if (!input.model) expectationNote = 'no active model';
  else if (!e) expectationNote = `model ${input.model.id} has no out-of-sample evidence recorded`;
  else {
    const span = days(e.from, e.to);
    const growth = 1 + e.returnPct / 100;
    expectation = {
      model: input.model.id,
      evidenceFrom: e.from,
      evidenceTo: e.to,
      evidenceReturnPct: e.returnPct,
      expectedReturnPct: span > 0 && growth > 0 ? (growth ** (days(from, to) / span) - 1) * 100 : Number.NaN,
      sharpe: e.sharpe,
    };
  }
  const orders = input.orders.filter((o) => o.session >= from && o.session <= to && o.status !== 'refused');
  const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
  const rows: FillSlippage[] = [];
  let withoutDecisionPrice = 0;
  for (const f of input.fills) {
    const o = byId.get(f.clientOrderId);
    const session = nyDate(f.ts);
    if (!o || session < from || session > to) continue;
    const ref = o.decisionPrice;
    if (ref == null || !(ref > 0)) {
      withoutDecisionPrice++;
      continue;
    }
    const side = f.side === 'buy' ? 1 : -1;
    rows.push({
      clientOrderId: f.clientOrderId,
      symbol: f.symbol,
      side: f.side,
      qty: f.qty,
      decisionPrice: ref,
      fillPrice: f.price,
      bps: ((side * (f.price - ref)) / ref) * 10_000,
    });
  }
  const qtyWeighted = rows.reduce((s, r) => s + r.bps * r.qty, 0) / rows.reduce((s, r) => s + r.qty, 0);
  const shortfall = (o: LedgerOrder): OrderShortfall => ({
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    session: o.session,
    status: o.status,
    qty: o.qty,
    filledQty: o.filledQty,
  });
  const done = (s: string): boolean => s === 'canceled' || s === 'expired' || s === 'rejected';
  return {
    from,
    to,
    expectation,
    expectationNote,
    record: input.record,
    slippage: {
      fills: rows.length,
      withoutDecisionPrice,
      meanBps: rows.length ? qtyWeighted : Number.NaN,
      worstBps: rows.length ? Math.max(...rows.map((r) => r.bps)) : Number.NaN,
      rows,
    },
    orders: {
      decided: orders.length,
      filled: orders.filter((o) => o.status === 'filled').length,
      partial: orders
        .filter((o) => o.filledQty > 0 && o.filledQty < o.qty && (done(o.status) || o.status === 'partially_filled'))
        .map(shortfall),
      missed: orders.filter((o) => o.filledQty === 0 && done(o.status)).map(shortfall),
    },
  };
}
