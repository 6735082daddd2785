/**
 * Portfolio-level limits on a new long entry, beyond checkOrder's per-order ones: the sector limit over the open
 * positions (the entries accepted earlier in the same run included), the correlation limit and the heat limit.
 * Checked in that order; the first broken limit is returned with a message naming the rule and the numbers.
 */
import type { ReturnCorrelation } from './correlation.js';
import { dollars, percent } from './format.js';
import { portfolioHeat, type HeatPosition } from './heat.js';
import type { RiskLimits } from './limits.js';
import { RISK_RULES, type RiskCheck } from './types.js';

export interface BookPosition extends HeatPosition {
  sector: string | null;
}

export interface PortfolioBook {
  equity: number;
  positions: readonly BookPosition[];
}

/** A long entry as sized: qty shares at the entry price with its protective stop below. */
export interface EntryCandidate {
  symbol: string;
  qty: number;
  entry: number;
  stop: number;
  sector: string | null;
}

export type PortfolioLimits = Pick<RiskLimits, 'maxSectorPct' | 'maxCorrelation' | 'correlationSessions' | 'maxHeat'>;

/** `correlationWith(held)`: the candidate's return correlation with a held symbol (null = too little history). */
export function checkPortfolioRisk(
  c: EntryCandidate,
  book: PortfolioBook,
  correlationWith: (held: string) => ReturnCorrelation | null,
  limits: PortfolioLimits,
): RiskCheck {
  return (
    sectorLimit(c, book, limits) ?? correlationLimit(c, book, correlationWith, limits) ?? heatLimit(c, book, limits)
  );
}

const cost = (c: EntryCandidate): number => c.qty * c.entry;

function sectorLimit(c: EntryCandidate, book: PortfolioBook, limits: PortfolioLimits): RiskCheck | null {
  if (c.sector === null) return null;
  const held = book.positions
    .filter((p) => p.sector === c.sector)
    .reduce((sum, p) => sum + Math.abs(p.qty * p.price), 0);
  const after = held + cost(c);
  if (after <= (book.equity * limits.maxSectorPct) / 100) return null;
  return {
    ok: false,
    rule: RISK_RULES.sector,
    message:
      `sector limit: buying ${c.qty} ${c.symbol} (${dollars(cost(c))}) would put ${c.sector} at ` +
      `${percent((after / book.equity) * 100, limits.maxSectorPct)}% of equity (${dollars(after)} of ` +
      `${dollars(book.equity)}), limit ${limits.maxSectorPct}%`,
  };
}

function correlationLimit(
  c: EntryCandidate,
  book: PortfolioBook,
  correlationWith: (held: string) => ReturnCorrelation | null,
  limits: PortfolioLimits,
): RiskCheck | null {
  let worst: { symbol: string; r: ReturnCorrelation } | null = null;
  for (const p of book.positions) {
    if (p.symbol === c.symbol || p.qty === 0) continue;
    const r = correlationWith(p.symbol);
    if (r !== null && r.value > limits.maxCorrelation && (worst === null || r.value > worst.r.value))
      worst = { symbol: p.symbol, r };
  }
  if (worst === null) return null;
  return {
    ok: false,
    rule: RISK_RULES.correlation,
    message:
      `correlation limit: ${c.symbol}'s ${worst.r.sessions}-session daily-return correlation with ${worst.symbol} ` +
      `(open) is ${worst.r.value.toFixed(2)}, limit ${limits.maxCorrelation}`,
  };
}

function heatLimit(c: EntryCandidate, book: PortfolioBook, limits: PortfolioLimits): RiskCheck {
  const held = portfolioHeat(book.positions);
  const added = c.qty * Math.max(0, c.entry - c.stop);
  const total = held + added;
  if (total <= book.equity * limits.maxHeat) return { ok: true };
  const pct = (total / book.equity) * 100;
  return {
    ok: false,
    rule: RISK_RULES.heat,
    message:
      `heat limit: risk to stops would be ${dollars(total)} = ${percent(pct, limits.maxHeat * 100)}% of equity ` +
      `${dollars(book.equity)} (${dollars(held)} open + ${dollars(added)} for ${c.qty} ${c.symbol}, ` +
      `${dollars(c.entry)} to the stop at ${dollars(c.stop)}), limit ${percent(limits.maxHeat * 100)}%`,
  };
}
