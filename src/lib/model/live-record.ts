/**
 * The live record of a model: its stored playbook rows (what it predicted) against what happened over its target's
 * horizon, point-in-time (a row of session s counts only once the session s + horizon is known by the as-of
 * session), summarised over the last N scored rows and compared with the model's own out-of-sample figures.
 */
import type { TargetSpec } from '../features/targets.js';
import { nyDate } from '../time.js';
import type { SessionDate } from '../types.js';

export interface PlaybookPick {
  session: SessionDate;
  symbol: string;
  probability: number;
}

export interface ScoredPick extends PlaybookPick {
  /** 1 when the target came true over the horizon. */
  outcome: 0 | 1;
}

/**
 * Scores every pick whose horizon has ended by `asOf` (bars after `asOf` are never read). Direction: the forward
 * return beats the threshold; cross-sectional: it beats the median forward return of that session's scored picks by
 * more than the threshold.
 */
export function scorePicks(
  picks: readonly PlaybookPick[],
  series: ReadonlyMap<string, { ts: Float64Array; close: Float64Array }>,
  target: Required<TargetSpec>,
  asOf: SessionDate,
): ScoredPick[] {
  const sessionsOf = new Map<string, SessionDate[]>();
  const returns: Array<PlaybookPick & { ret: number }> = [];
  for (const p of picks) {
    const s = series.get(p.symbol);
    if (!s) continue;
    let days = sessionsOf.get(p.symbol);
    if (!days) sessionsOf.set(p.symbol, (days = Array.from(s.ts, (t) => nyDate(t))));
    const i = days.indexOf(p.session);
    const j = i + target.horizon;
    if (i < 0 || j >= days.length || days[j]! > asOf) continue;
    returns.push({ ...p, ret: s.close[j]! / s.close[i]! - 1 });
  }
  const medians = new Map<string, number>();
  if (target.kind === 'cross-sectional') {
    const bySession = new Map<string, number[]>();
    for (const r of returns) bySession.set(r.session, [...(bySession.get(r.session) ?? []), r.ret]);
    for (const [session, rets] of bySession) medians.set(session, median(rets));
  }
  return returns.map(({ ret, ...p }) => ({
    ...p,
    outcome: ret - (medians.get(p.session) ?? 0) > target.threshold ? 1 : 0,
  }));
}

function median(v: number[]): number {
  v.sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

export interface LiveRecord {
  /** Scored rows in the window (the last N by session). */
  scored: number;
  /** Share of positives among the rows with p ≥ 0.5 (the model's long calls); NaN when there is none. */
  hitRate: number;
  calls: number;
  /** Mean of (p − outcome)² over the window. */
  brier: number;
}

export function liveRecord(scored: readonly ScoredPick[], lastN: number): LiveRecord {
  const window = [...scored].sort((a, b) => (a.session < b.session ? -1 : a.session > b.session ? 1 : 0)).slice(-lastN);
  const calls = window.filter((p) => p.probability >= 0.5);
  const hits = calls.reduce((s, p) => s + p.outcome, 0);
  const brier = window.reduce((s, p) => s + (p.probability - p.outcome) ** 2, 0) / window.length;
  return { scored: window.length, hitRate: calls.length ? hits / calls.length : NaN, calls: calls.length, brier };
}

export interface RetrainSettings {
  picks: number;
  hitRateDrop: number;
  brierRise: number;
}

/** The model's out-of-sample figures: the CV precision at 0.5 (hit rate of its long calls) and Brier score. */
export interface OosFigures {
  precision: number;
  brier: number;
}

export interface RetrainCheck {
  retrain: boolean;
  summary: string;
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** Retrain when the live hit rate falls below the out-of-sample one by more than hitRateDrop, or Brier rises by more than brierRise. */
export function checkLiveRecord(r: LiveRecord, oos: OosFigures, s: RetrainSettings): RetrainCheck {
  if (r.scored < s.picks)
    return { retrain: false, summary: `live record: ${r.scored} of ${s.picks} scored picks, too few to judge` };
  const reasons: string[] = [];
  if (r.hitRate < oos.precision - s.hitRateDrop)
    reasons.push(`hit rate ${f3(r.hitRate)} < out-of-sample ${f3(oos.precision)} − ${s.hitRateDrop}`);
  if (r.brier > oos.brier + s.brierRise)
    reasons.push(`Brier ${f3(r.brier)} > out-of-sample ${f3(oos.brier)} + ${s.brierRise}`);
  const figures = `hit rate ${f3(r.hitRate)} (${r.calls} calls), Brier ${f3(r.brier)} over the last ${r.scored} scored picks`;
  return reasons.length
    ? { retrain: true, summary: `live record worse than out of sample: ${reasons.join('; ')}` }
    : { retrain: false, summary: `live record ${figures} within the margins` };
}
