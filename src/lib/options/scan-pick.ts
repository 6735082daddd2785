/**
 * The options scan's choices, pure: the strategy for a direction and an IV rank, the expiry, the strike grid of
 * the model chain, strikes by delta, the at-the-money IV of a snapshot and the IV rank against a history.
 */
import { europeanGreeks } from './bsm.js';
import { realisedVol, REALISED_VOL_WINDOW } from './model-chain.js';
import type { OptionChainRow } from '../store/option-chain.js';
import { addDays, utcMidnight, weekday } from '../time.js';
import type { SessionDate } from '../types.js';

export type Direction = 'bullish' | 'bearish' | 'neutral';

/** Target days to expiry, and the nearest a chain expiry may be. */
export const TARGET_DAYS = 30;
const MIN_DAYS = 7;
/** Short legs of credit spreads at this |delta|; condor shorts further out; debit spreads buy near the money. */
export const SHORT_DELTA = 0.3;
export const CONDOR_SHORT_DELTA = 0.2;
export const DEBIT_LONG_DELTA = 0.5;
/** Chain-history snapshots needed before the IV rank uses them (else the realised-vol history). */
export const MIN_IV_SNAPSHOTS = 20;
const RV_HISTORY_SESSIONS = 252;

/** Rich IV sells premium (credit spreads), cheap IV buys it (debit spreads); neutral + cheap = no trade. */
export function chooseStrategy(direction: Direction, rich: boolean): string | null {
  if (direction === 'bullish') return rich ? 'bull_put_spread' : 'bull_call_spread';
  if (direction === 'bearish') return rich ? 'bear_call_spread' : 'bear_put_spread';
  return rich ? 'iron_condor' : null;
}

/** The model chain's expiry: the first Friday at least TARGET_DAYS calendar days after `asOf`. */
export function modelExpiry(asOf: SessionDate): SessionDate {
  let d = addDays(asOf, TARGET_DAYS);
  while (weekday(d) !== 5) d = addDays(d, 1);
  return d;
}

export const daysBetween = (from: SessionDate, to: SessionDate): number =>
  Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);

/** Of a snapshot's expiries at least MIN_DAYS out, the one nearest TARGET_DAYS; null when none. */
export function chainExpiry(rows: readonly OptionChainRow[], asOf: SessionDate): SessionDate | null {
  const expiries = [...new Set(rows.map((r) => r.expiry))].filter((e) => daysBetween(asOf, e) >= MIN_DAYS);
  expiries.sort((a, b) => Math.abs(daysBetween(asOf, a) - TARGET_DAYS) - Math.abs(daysBetween(asOf, b) - TARGET_DAYS));
  return expiries[0] ?? null;
}

/** Strike spacing by price level (US listings): 0.5 below $25, 1 below $100, 2.5 below $250, 5 below $500, else 10. */
export function strikeStep(spot: number): number {
  return spot < 25 ? 0.5 : spot < 100 ? 1 : spot < 250 ? 2.5 : spot < 500 ? 5 : 10;
}

/** Spread width: about 2.5 % of the spot in whole strike steps, at least one step. */
export function spreadWidth(spot: number): number {
  const step = strikeStep(spot);
  return Math.max(1, Math.round((spot * 0.025) / step)) * step;
}

/** The model chain's strikes: every step within ±30 % of the spot. */
export function modelStrikes(spot: number): number[] {
  const step = strikeStep(spot);
  const out: number[] = [];
  for (let k = Math.ceil((spot * 0.7) / step) * step; k <= spot * 1.3; k += step) out.push(Number(k.toFixed(4)));
  return out;
}

export interface StrikeMarket {
  spot: number;
  years: number;
  rate: number;
  /** A strike's volatility (the chain's IV of that contract, or the model's one volatility). */
  volAt: (type: 'call' | 'put', strike: number) => number | null;
}

/** The strike of `type` whose |delta| is nearest `target` (ties to the lower strike). */
export function strikeByDelta(strikes: readonly number[], type: 'call' | 'put', target: number, m: StrikeMarket) {
  let best: { strike: number; gap: number } | null = null;
  for (const strike of strikes) {
    const vol = m.volAt(type, strike);
    if (vol === null || !(vol > 0)) continue;
    const { delta } = europeanGreeks({
      type,
      spot: m.spot,
      strike,
      years: m.years,
      rate: m.rate,
      dividendYield: 0,
      vol,
    });
    const gap = Math.abs(Math.abs(delta) - target);
    if (best === null || gap < best.gap - 1e-12) best = { strike, gap };
  }
  return best?.strike ?? null;
}

/** The listed strike nearest `k`, or null. */
const nearest = (strikes: readonly number[], k: number): number | null =>
  strikes.reduce<number | null>((b, s) => (b === null || Math.abs(s - k) < Math.abs(b - k) ? s : b), null);

/**
 * Ascending strikes for the strategy: credit spreads sell ≈0.30 delta and buy one width further out; debit spreads
 * buy ≈0.50 delta and sell one width further out; the condor sells ≈0.20 delta each side, wings one width out.
 */
export function pickStrikes(
  strategy: string,
  putStrikes: readonly number[],
  callStrikes: readonly number[],
  m: StrikeMarket,
): number[] | null {
  const width = spreadWidth(m.spot);
  const out = (strikes: readonly number[], from: number | null, dir: 1 | -1): number[] | null => {
    if (from === null) return null;
    const k = nearest(strikes, from + dir * width);
    return k === null || k === from ? null : [from, k];
  };
  let pair: number[] | null = null;
  if (strategy === 'bull_put_spread') pair = out(putStrikes, strikeByDelta(putStrikes, 'put', SHORT_DELTA, m), -1);
  if (strategy === 'bear_call_spread') pair = out(callStrikes, strikeByDelta(callStrikes, 'call', SHORT_DELTA, m), 1);
  if (strategy === 'bull_call_spread')
    pair = out(callStrikes, strikeByDelta(callStrikes, 'call', DEBIT_LONG_DELTA, m), 1);
  if (strategy === 'bear_put_spread') pair = out(putStrikes, strikeByDelta(putStrikes, 'put', DEBIT_LONG_DELTA, m), -1);
  if (strategy === 'iron_condor') {
    const p = out(putStrikes, strikeByDelta(putStrikes, 'put', CONDOR_SHORT_DELTA, m), -1);
    const c = out(callStrikes, strikeByDelta(callStrikes, 'call', CONDOR_SHORT_DELTA, m), 1);
    pair = p && c && p[0]! < c[0]! ? [...p, ...c] : null;
  }
  return pair ? [...pair].sort((a, b) => a - b) : null;
}

/** At-the-money IV of one expiry of a snapshot: the mean IV of the call and put at the strike nearest the spot. */
export function atmIv(rows: readonly OptionChainRow[], spot: number): number | null {
  const withIv = rows.filter((r) => r.iv !== null && r.iv > 0);
  const k = nearest(
    withIv.map((r) => r.strike),
    spot,
  );
  if (k === null) return null;
  const ivs = withIv.filter((r) => r.strike === k).map((r) => r.iv!);
  return ivs.reduce((a, b) => a + b, 0) / ivs.length;
}

export interface IvRank {
  /** 0–100: where `current` sits between the history's low and high. */
  rank: number;
  source: string;
}

const rankIn = (current: number, history: readonly number[]): number => {
  const lo = Math.min(current, ...history);
  const hi = Math.max(current, ...history);
  return hi - lo < 1e-12 ? 50 : (100 * (current - lo)) / (hi - lo);
};

/** IV rank against the ATM IVs of ≥ MIN_IV_SNAPSHOTS stored snapshots (current included); null when fewer. */
export function ivRankFromChain(current: number, snapshotIvs: readonly number[]): IvRank | null {
  if (snapshotIvs.length < MIN_IV_SNAPSHOTS) return null;
  return { rank: rankIn(current, snapshotIvs), source: `chain IV, ${snapshotIvs.length} snapshots` };
}

/**
 * IV rank against the underlying's realised volatility (60-session, annualised) over the last year of closes:
 * the fallback when the chain history is short, and the model chain's (whose IV is that realised volatility).
 */
export function ivRankFromRealised(current: number, closes: readonly number[]): IvRank {
  const history: number[] = [];
  const first = Math.max(REALISED_VOL_WINDOW + 1, closes.length - RV_HISTORY_SESSIONS);
  for (let end = first; end <= closes.length; end++) history.push(realisedVol(closes.slice(0, end)));
  return { rank: rankIn(current, history), source: `realised vol, ${history.length} sessions` };
}
