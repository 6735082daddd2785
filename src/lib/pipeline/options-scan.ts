/**
 * The options scan: for the latest playbook's picks and the account tier's underlyings, a strategy chosen by
 * direction and IV rank, strikes by delta, sized by the tier's risk per trade and MAX_RISK, ranked by expected value
 * then probability of profit. Point in time: bars, chain snapshots and the playbook on or before `asOf` only.
 */
import { chainSource, quotesFromChain } from '../options/chain-legs.js';
import { DAYS_PER_YEAR } from '../options/bsm.js';
import { realisedVol, REALISED_VOL_WINDOW } from '../options/model-chain.js';
import { gateStrategy } from '../options/strategy-gate.js';
import { strategyLegs } from '../options/strategy-legs.js';
import { analyzeStrategy, MODEL_SOURCE, type StrategyResult } from '../options/strategy.js';
import {
  atmIv,
  chainExpiry,
  chooseStrategy,
  daysBetween,
  ivRankFromChain,
  ivRankFromRealised,
  modelExpiry,
  modelStrikes,
  pickStrikes,
  type Direction,
  type IvRank,
  type StrikeMarket,
} from '../options/scan-pick.js';
import { accountTier, TIER_OPTION_SYMBOLS } from '../risk/tiers.js';
import { loadSeries } from '../store/bars.js';
import { chainHistory, type OptionChainRow } from '../store/option-chain.js';
import type { Store } from '../store/open.js';
import { latestPlaybook } from '../store/playbook.js';
import { addDays, nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';

// a year of 60-session realised vols needs ~313 sessions of closes
const HISTORY_DAYS = 480;
const POP_PATHS = 100_000;

export interface ScanSettings {
  asOf: SessionDate;
  equity: number;
  maxRisk: Readonly<Record<string, number>>;
  rate: number;
  ivRichRank: number;
  /** Only these underlyings (--symbols); default the playbook's picks and the tier's list. */
  symbols?: readonly string[];
}

export interface ScanTrade {
  symbol: string;
  direction: Direction;
  /** Why this direction: the playbook pick, or the tier list without a pick. */
  directionSource: string;
  strategy: string;
  expiry: SessionDate;
  days: number;
  spot: number;
  strikes: number[];
  ivNow: number;
  ivRank: number;
  ivRankSource: string;
  analysis: StrategyResult;
}

export interface ScanDrop {
  symbol: string;
  strategy: string | null;
  reason: string;
}

export interface ScanResult {
  asOf: SessionDate;
  tier: string;
  equity: number;
  riskPerTrade: number;
  /** Dollars one trade may lose: equity × the tier's risk per trade. */
  riskDollars: number;
  playbookSession: string | null;
  trades: ScanTrade[];
  dropped: ScanDrop[];
}

interface Candidate {
  symbol: string;
  direction: Direction;
  directionSource: string;
}

function candidates(store: Store, s: ScanSettings, tier: keyof typeof TIER_OPTION_SYMBOLS) {
  const picks = latestPlaybook(store, s.asOf);
  const out = new Map<string, Candidate>();
  for (const p of picks) {
    if (p.side === 'flat') continue;
    const direction: Direction = p.side === 'long' ? 'bullish' : 'bearish';
    const directionSource = `playbook ${p.session} #${p.rank} p=${p.probability.toFixed(3)}`;
    out.set(p.symbol, { symbol: p.symbol, direction, directionSource });
  }
  for (const symbol of TIER_OPTION_SYMBOLS[tier])
    if (!out.has(symbol)) out.set(symbol, { symbol, direction: 'neutral', directionSource: `tier ${tier} list` });
  const only = s.symbols ? new Set(s.symbols) : null;
  if (only)
    for (const symbol of only)
      if (!out.has(symbol)) out.set(symbol, { symbol, direction: 'neutral', directionSource: 'no playbook pick' });
  return { session: picks[0]?.session ?? null, list: [...out.values()].filter((c) => !only || only.has(c.symbol)) };
}

export function scanOptions(store: Store, s: ScanSettings): ScanResult {
  const tier = accountTier(s.equity);
  const riskDollars = s.equity * tier.riskPerTrade;
  const { session, list } = candidates(store, s, tier.name);
  const trades: ScanTrade[] = [];
  const dropped: ScanDrop[] = [];
  for (const c of list) {
    const r = scanOne(store, s, c, { tier: tier.name, riskDollars });
    if (r === null) continue; // no bars: not a candidate
    if ('reason' in r) dropped.push(r);
    else trades.push(r);
  }
  trades.sort((a, b) => b.analysis.expectedValue - a.analysis.expectedValue || b.analysis.pop - a.analysis.pop);
  return {
    asOf: s.asOf,
    tier: tier.name,
    equity: s.equity,
    riskPerTrade: tier.riskPerTrade,
    riskDollars,
    playbookSession: session,
    trades,
    dropped,
  };
}

interface Underlying {
  spot: number;
  expiry: SessionDate;
  ivNow: number;
  iv: IvRank;
  /** The chosen expiry's contracts, or null for the model chain. */
  chain: OptionChainRow[] | null;
}

function underlyingOf(store: Store, s: ScanSettings, symbol: string, closes: number[]): Underlying {
  const spot = closes[closes.length - 1]!;
  const history = chainHistory(store, symbol, s.asOf, 252);
  const lastSession = history[history.length - 1]?.session;
  const latest = history.filter((r) => r.session === lastSession);
  const expiry = chainExpiry(latest, s.asOf);
  if (expiry !== null) {
    const chain = latest.filter((r) => r.expiry === expiry);
    const chainSpot = chain.find((r) => r.underlyingPrice !== null)?.underlyingPrice ?? spot;
    const ivNow = atmIv(chain, chainSpot);
    if (ivNow !== null) {
      const bySession = new Map<string, OptionChainRow[]>();
      for (const r of history) bySession.set(r.session, [...(bySession.get(r.session) ?? []), r]);
      const ivs = [...bySession.values()].flatMap((rows) => {
        const e = chainExpiry(rows, rows[0]!.session);
        const u = rows.find((r) => r.underlyingPrice !== null)?.underlyingPrice ?? null;
        const v =
          e === null || u === null
            ? null
            : atmIv(
                rows.filter((r) => r.expiry === e),
                u,
              );
        return v === null ? [] : [v];
      });
      const iv = ivRankFromChain(ivNow, ivs) ?? ivRankFromRealised(ivNow, closes);
      return { spot: chainSpot, expiry, ivNow, iv, chain };
    }
  }
  const ivNow = realisedVol(closes);
  return { spot, expiry: modelExpiry(s.asOf), ivNow, iv: ivRankFromRealised(ivNow, closes), chain: null };
}

function scanOne(
  store: Store,
  s: ScanSettings,
  c: Candidate,
  risk: { tier: string; riskDollars: number },
): ScanTrade | ScanDrop | null {
  const drop = (strategy: string | null, reason: string): ScanDrop => ({ symbol: c.symbol, strategy, reason });
  const series = loadSeries(store, c.symbol, nyMidnight(addDays(s.asOf, -HISTORY_DAYS)), nyMidnight(s.asOf));
  const closes = Array.from(series.close);
  if (closes.length === 0) return null;
  if (closes.length < REALISED_VOL_WINDOW + 1)
    return drop(null, `${closes.length} daily bars on or before ${s.asOf}; the scan needs ${REALISED_VOL_WINDOW + 1}`);
  const u = underlyingOf(store, s, c.symbol, closes);
  const rich = u.iv.rank >= s.ivRichRank;
  const strategy = chooseStrategy(c.direction, rich);
  if (strategy === null) return drop(null, `neutral with cheap IV (rank ${u.iv.rank.toFixed(0)}): no trade`);
  const days = daysBetween(s.asOf, u.expiry);
  const m: StrikeMarket = {
    spot: u.spot,
    years: days / DAYS_PER_YEAR,
    rate: s.rate,
    volAt: (type, strike) =>
      u.chain ? (u.chain.find((r) => r.type === type && r.strike === strike)?.iv ?? null) : u.ivNow,
  };
  const listed = (type: 'call' | 'put'): number[] =>
    u.chain ? u.chain.filter((r) => r.type === type).map((r) => r.strike) : modelStrikes(u.spot);
  const strikes = pickStrikes(strategy, listed('put'), listed('call'), m);
  if (strikes === null) return drop(strategy, 'no strikes at the target deltas in the chain');
  const legs = strategyLegs(strategy, strikes);
  let quotes;
  try {
    quotes = u.chain ? quotesFromChain(legs, u.chain) : undefined;
  } catch (e) {
    return drop(strategy, (e as Error).message);
  }
  const ivs = (quotes ?? []).flatMap((q) => (q ? [q.iv] : []));
  const analyse = (positions: number): StrategyResult =>
    analyzeStrategy({
      name: strategy,
      legs,
      ...(quotes && u.chain ? { quotes, source: chainSource(u.chain) } : { source: MODEL_SOURCE }),
      market: {
        spot: u.spot,
        years: m.years,
        vol: ivs.length > 0 ? ivs.reduce((a, b) => a + b, 0) / ivs.length : u.ivNow,
        rate: s.rate,
        dividendYield: 0,
      },
      positions,
      american: true,
      paths: POP_PATHS,
      seed: 1,
    });
  const one = analyse(1);
  const lossOne = one.maxLoss;
  if (lossOne === null || !(lossOne > 0)) return drop(strategy, 'max loss is unbounded or not positive');
  const gateOne = gateStrategy({ strategy, maxLoss: lossOne, tier: risk.tier, equity: s.equity, maxRisk: s.maxRisk });
  if (!gateOne.allowed) return drop(strategy, gateOne.reasons.join('; '));
  const budget = Math.min(risk.riskDollars, gateOne.maxRisk ?? Infinity);
  const positions = Math.floor(budget / lossOne + 1e-9);
  if (positions < 1)
    return drop(
      strategy,
      `max loss ${lossOne.toFixed(2)} per position exceeds the risk budget ${budget.toFixed(2)} ` +
        `(tier ${risk.tier} risk per trade ${risk.riskDollars.toFixed(2)}${capText(gateOne.maxRisk)})`,
    );
  const analysis = scaleStrategy(one, positions);
  const gate = gateStrategy({
    strategy,
    maxLoss: analysis.maxLoss,
    tier: risk.tier,
    equity: s.equity,
    maxRisk: s.maxRisk,
  });
  if (!gate.allowed) return drop(strategy, gate.reasons.join('; '));
  return {
    symbol: c.symbol,
    direction: c.direction,
    directionSource: c.directionSource,
    strategy,
    expiry: u.expiry,
    days,
    spot: u.spot,
    strikes,
    ivNow: u.ivNow,
    ivRank: u.iv.rank,
    ivRankSource: u.iv.source,
    analysis,
  };
}

/**
 * The analysis of `positions` positions from that of one: every dollar amount, quantity and net greek is linear in
 * the number of positions (the seeded Monte Carlo paths are the same), POP and breakevens do not change. Saves
 * pricing every leg and running the paths a second time.
 */
const capText = (cap: number | null): string => (cap === null ? '' : `, MAX_RISK ${cap}`);

export function scaleStrategy(one: StrategyResult, positions: number): StrategyResult {
  const times = (v: number | null): number | null => (v === null ? null : v * positions);
  const g = one.greeks;
  return {
    ...one,
    positions: one.positions * positions,
    legs: one.legs.map((l) => ({ ...l, qty: l.qty * positions })),
    netPremium: one.netPremium * positions,
    maxProfit: times(one.maxProfit),
    maxLoss: times(one.maxLoss),
    capital: times(one.capital),
    expectedValue: one.expectedValue * positions,
    expectedValueStdErr: times(one.expectedValueStdErr),
    greeks: {
      delta: g.delta * positions,
      gamma: g.gamma * positions,
      theta: g.theta * positions,
      vega: g.vega * positions,
      rho: g.rho * positions,
    },
  };
}
