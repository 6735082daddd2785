import { UsageError } from '../errors.js';
import { roc } from '../features/momentum.js';
import { atr } from '../features/volatility.js';
import { relativeVolume } from '../features/volume.js';
import { parseDecimal } from '../parse-number.js';
import { loadSeries } from '../store/bars.js';
import { chainHistory, type OptionChainRow } from '../store/option-chain.js';
import type { Store } from '../store/open.js';
import { addDays, nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';

export interface UniverseWeights {
  relVolume: number;
  atrPct: number;
  momentum: number;
  /** Options flow, where chain snapshots exist (absent: 1). */
  flow?: number;
}

export const DEFAULT_UNIVERSE_WEIGHTS: UniverseWeights = { relVolume: 1, atrPct: 1, momentum: 1, flow: 1 };

/** `top:N` → N. */
export function parseUniverse(raw: string): number {
  const m = /^top:(\d+)$/.exec(raw.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--universe must look like top:50, got "${raw}"`);
  return n;
}

/** `rv=1,atr=0.5,mom=2` → weights (missing keys keep their default). */
export function parseUniverseWeights(raw: string | undefined): UniverseWeights {
  const w = { ...DEFAULT_UNIVERSE_WEIGHTS };
  if (!raw) return w;
  const keys: Record<string, keyof UniverseWeights> = {
    rv: 'relVolume',
    atr: 'atrPct',
    mom: 'momentum',
    flow: 'flow',
  };
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    const key = keys[k ?? ''];
    if (!key || v === undefined)
      throw new UsageError(`--universe-weights: bad entry "${part}" (use rv=1,atr=1,mom=1,flow=1)`);
    w[key] = parseDecimal(v, `--universe-weights ${k}`);
  }
  return w;
}

export interface UniverseScore {
  symbol: string;
  relVolume: number;
  atrPct: number;
  momentum: number;
  /** Only where the store holds option chain snapshots of the symbol on or before the as-of session. */
  optionFlow?: OptionFlow;
  score: number;
}

const LOOKBACK_BARS = 60;
const FLOW_SNAPSHOTS = 20;

export interface OptionFlow {
  /** Put volume / call volume of the latest snapshot on or before the as-of session. */
  putCall: number;
  /** Its total option volume / the mean total of the (up to 20) snapshots before it. */
  volumeRatio: number;
  snapshots: number;
}

/** The options-flow factor from a symbol's last snapshots (oldest first); null without two snapshots with volume. */
export function optionFlow(rows: readonly OptionChainRow[]): OptionFlow | null {
  const totals = new Map<string, { put: number; call: number }>();
  for (const r of rows) {
    const t = totals.get(r.session) ?? { put: 0, call: 0 };
    t[r.type] += r.volume ?? 0;
    totals.set(r.session, t);
  }
  const sessions = [...totals.keys()].sort();
  const now = totals.get(sessions[sessions.length - 1] ?? '');
  const before = sessions.slice(-(FLOW_SNAPSHOTS + 1), -1).map((s) => totals.get(s)!);
  if (!now || before.length === 0 || now.call === 0) return null;
  const mean = before.reduce((p, t) => p + t.put + t.call, 0) / before.length;
  if (!(mean > 0)) return null;
  return { putCall: now.put / now.call, volumeRatio: (now.put + now.call) / mean, snapshots: before.length + 1 };
}

/**
 * Rank candidates on their last stored session at or before `asOf`: relative volume (today over the
 * previous 20 sessions), volatility (ATR14 / close) and momentum (20-session return), each turned into a
 * z-score across the candidates, weighted and summed. Symbols without enough bars are left out. Where chain
 * snapshots exist (taken on or before `asOf`), the options flow adds flow × (z(volume ratio) − z(put/call)) / 2,
 * z-scored among the symbols that have it.
 */
export function rankUniverse(
  store: Store,
  candidates: readonly string[],
  asOf: SessionDate,
  weights: UniverseWeights,
): UniverseScore[] {
  const raw: UniverseScore[] = [];
  const toTs = nyMidnight(asOf);
  for (const symbol of candidates) {
    // ~100 calendar days cover the 60 sessions the scores need; loading the whole history would dominate
    const all = loadSeries(store, symbol, nyMidnight(addDays(asOf, -100)), toTs);
    const n = all.ts.length;
    if (n < 30) continue;
    const from = Math.max(0, n - LOOKBACK_BARS);
    const s = {
      high: all.high.subarray(from),
      low: all.low.subarray(from),
      close: all.close.subarray(from),
      volume: all.volume.subarray(from),
    };
    const last = s.close.length - 1;
    const rv = relativeVolume(s.volume, 20)[last]!;
    const a = atr(s.high, s.low, s.close, 14)[last]! / s.close[last]!;
    const mom = roc(s.close, 20)[last]!;
    if (![rv, a, mom].every(Number.isFinite)) continue;
    const flow = optionFlow(chainHistory(store, symbol, asOf, FLOW_SNAPSHOTS + 1));
    raw.push({ symbol, relVolume: rv, atrPct: a, momentum: mom, ...(flow ? { optionFlow: flow } : {}), score: 0 });
  }
  const z = (pick: (u: UniverseScore) => number, among = raw): ((u: UniverseScore) => number) => {
    const xs = among.map(pick);
    const mean = xs.reduce((p, x) => p + x, 0) / (xs.length || 1);
    const sd = Math.sqrt(xs.reduce((p, x) => p + (x - mean) ** 2, 0) / (xs.length || 1)) || 1;
    return (u) => (pick(u) - mean) / sd;
  };
  const zr = z((u) => u.relVolume);
  const za = z((u) => u.atrPct);
  const zm = z((u) => u.momentum);
  const flows = raw.filter((u) => u.optionFlow);
  const zv = z((u) => u.optionFlow?.volumeRatio ?? 0, flows);
  const zp = z((u) => u.optionFlow?.putCall ?? 0, flows);
  const wf = weights.flow ?? 1;
  for (const u of raw) {
    u.score = weights.relVolume * zr(u) + weights.atrPct * za(u) + weights.momentum * zm(u);
    // more option volume than usual and fewer puts per call rank higher; no chain, no term
    if (u.optionFlow) u.score += (wf * (zv(u) - zp(u))) / 2;
  }
  return raw.sort((a, b) => b.score - a.score || a.symbol.localeCompare(b.symbol));
}
