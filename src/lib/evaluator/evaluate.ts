/**
 * Exit rules for one open position at one price. Pure and allocation-free on the common path (hold), since it
 * runs for every position on every quote.
 *   stop-loss s:   close a long once price ≤ avg × (1 − s)      (a short: price ≥ avg × (1 + s))
 *   take-profit t: close a long once price ≥ avg × (1 + t)      (a short: price ≤ avg × (1 − t))
 *   trailing r:    close a long once price ≤ high × (1 − r), high = highest price since entry
 *                  (a short: price ≥ low × (1 + r), low = lowest price since entry)
 * Thresholds are fractions (0.05 = 5 %); null disables a rule. Stop-loss is checked first. A price exactly at a
 * threshold closes; EPS absorbs binary noise (100 × 1.1 is 110.00000000000001), far below any price tick.
 */

export interface Thresholds {
  stopLoss: number | null;
  takeProfit: number | null;
  trailing: number | null;
}

export interface EvaluatedPosition {
  /** Signed: negative for a short. */
  qty: number;
  avgCost: number;
}

export interface Decision {
  action: 'hold' | 'close';
  rule: 'stop-loss' | 'take-profit' | 'trailing' | null;
  reason: string;
}

const EPS = 1e-9;
const HOLD: Decision = Object.freeze({ action: 'hold', rule: null, reason: '' });
const pct = (f: number): string => `${+(f * 100).toFixed(4)}%`;
const money = (n: number): string => n.toFixed(n >= 1 ? 2 : 4);

/** `highWater`: the best price since entry (highest for a long, lowest for a short), or null when unknown. */
export function evaluatePosition(
  position: EvaluatedPosition,
  price: number,
  highWater: number | null,
  t: Thresholds,
): Decision {
  const rule = exitRule(position.qty, position.avgCost, price, highWater, t);
  return rule === NONE ? HOLD : describe(rule, position, price, highWater as number, t);
}

const NONE = 0;
const STOP_LOSS = 1;
const TAKE_PROFIT = 2;
const TRAILING = 3;

/** The hot path: comparisons only, small enough for the JIT to inline, no allocation. */
function exitRule(qty: number, avg: number, price: number, high: number | null, t: Thresholds): number {
  if (qty > 0) {
    if (t.stopLoss !== null && price <= avg * (1 - t.stopLoss) + EPS) return STOP_LOSS;
    if (t.takeProfit !== null && price >= avg * (1 + t.takeProfit) - EPS) return TAKE_PROFIT;
    if (t.trailing !== null && high !== null && price <= high * (1 - t.trailing) + EPS) return TRAILING;
  } else if (qty < 0) {
    if (t.stopLoss !== null && price >= avg * (1 + t.stopLoss) - EPS) return STOP_LOSS;
    if (t.takeProfit !== null && price <= avg * (1 - t.takeProfit) + EPS) return TAKE_PROFIT;
    if (t.trailing !== null && high !== null && price >= high * (1 + t.trailing) - EPS) return TRAILING;
  }
  return NONE;
}

/** The rare path: the reason with the numbers. */
function describe(rule: number, p: EvaluatedPosition, price: number, high: number, t: Thresholds): Decision {
  const long = p.qty > 0;
  const avg = p.avgCost;
  if (rule === STOP_LOSS) {
    return long
      ? close('stop-loss', price, avg, 'below the average cost', 1 - price / avg, t.stopLoss as number)
      : close('stop-loss', price, avg, 'above the average short price', price / avg - 1, t.stopLoss as number);
  }
  if (rule === TAKE_PROFIT) {
    return long
      ? close('take-profit', price, avg, 'above the average cost', price / avg - 1, t.takeProfit as number)
      : close('take-profit', price, avg, 'below the average short price', 1 - price / avg, t.takeProfit as number);
  }
  return long
    ? close('trailing', price, high, 'below the high since entry', 1 - price / high, t.trailing as number)
    : close('trailing', price, high, 'above the low since entry', price / high - 1, t.trailing as number);
}

function close(
  rule: NonNullable<Decision['rule']>,
  price: number,
  ref: number,
  where: string,
  move: number,
  limit: number,
): Decision {
  return {
    action: 'close',
    rule,
    reason: `${rule}: price ${money(price)} is ${pct(move)} ${where} ${money(ref)} (threshold ${pct(limit)})`,
  };
}
