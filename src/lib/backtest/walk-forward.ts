/**
 * Walk-forward predictions for `backtest --strategy model`: the test range is cut into windows (`--retrain-every`);
 * each window is scored by a model fitted only on rows whose label was known before the window's first session
 * (fit-window.ts: the same purge as the cross-validation). Features are point-in-time, so one matrix serves every
 * window; a window's model never reads a label that reaches into the window.
 */
import { UsageError } from '../errors.js';
import { buildFeatureMatrix, type FeatureMatrix } from '../features/matrix.js';
import type { TargetSpec } from '../features/targets.js';
import { fitBefore, trainableSessions } from '../model/fit-window.js';
import { labeledRows, MIN_SESSIONS, type TrainConfig } from '../model/train-model.js';
import { nyDate, nyMidnight, addDays } from '../time.js';
import type { BarSeries, SessionDate } from '../types.js';
import { cutWindows, type RetrainEvery } from './retrain-schedule.js';

/** The model that scored one window, and what it was trained on. */
export interface WindowModel {
  window: number;
  from: SessionDate;
  to: SessionDate;
  model: string;
  kind: string;
  trainFrom: SessionDate | null;
  trainTo: SessionDate | null;
  trainRows: number | null;
}

export interface ModelPredictions {
  /** Probability per bar of each symbol's series; NaN outside the test range or where a feature is missing. */
  probabilities: Map<string, Float64Array>;
  windows: WindowModel[];
  /** Milliseconds spent fitting models. */
  trainMs: number;
}

/** Without --from, the test range starts once this many sessions (two years) can train the first model. */
export const DEFAULT_FIRST_TRAIN_SESSIONS = 504;

export interface WalkForwardOptions {
  from?: SessionDate;
  to?: SessionDate;
  every: RetrainEvery;
  target: TargetSpec;
  config: Omit<TrainConfig, 'horizon'>;
  /** Stored minute bars per symbol (model/minute-bars.ts): the window models then see the intraday features, as `train`'s do. */
  minute?: Map<string, BarSeries>;
}

/** Sorted distinct sessions of every series within [from, to]. */
export function testSessions(series: readonly BarSeries[], from: number, to: number): Float64Array {
  const all = new Set<number>();
  for (const s of series) for (const t of s.ts) if (t >= from && t < to) all.add(t);
  return Float64Array.from(all).sort();
}

/** Probabilities of the matrix rows in [lo, hi) written onto each symbol's bars. */
function writeRows(
  m: FeatureMatrix,
  p: Float64Array,
  rows: number[],
  out: Map<string, Float64Array>,
  barOf: Map<string, Map<number, number>>,
): void {
  rows.forEach((r, k) => {
    const bar = barOf.get(m.symbol[r]!)?.get(m.ts[r]!);
    if (bar !== undefined) out.get(m.symbol[r]!)![bar] = p[k]!;
  });
}

export function emptyProbabilities(series: readonly BarSeries[]): Map<string, Float64Array> {
  return new Map(series.map((s) => [s.symbol, new Float64Array(s.ts.length).fill(Number.NaN)]));
}

export function barIndex(series: readonly BarSeries[]): Map<string, Map<number, number>> {
  return new Map(series.map((s) => [s.symbol, new Map(Array.from(s.ts, (t, i) => [t, i] as [number, number]))]));
}

/** Matrix rows per window, by the window's session range. */
function rowsOfWindows(m: FeatureMatrix, bounds: Array<[number, number]>): number[][] {
  const out = bounds.map(() => [] as number[]);
  for (let r = 0; r < m.rows; r++) {
    const t = m.ts[r]!;
    const w = bounds.findIndex(([a, b]) => t >= a && t <= b);
    if (w >= 0) out[w]!.push(r);
  }
  return out;
}

export async function walkForwardPredictions(
  series: readonly BarSeries[],
  o: WalkForwardOptions,
): Promise<ModelPredictions> {
  const cfg: TrainConfig = { ...o.config, horizon: o.target.horizon };
  const m = buildFeatureMatrix(series, o.target, o.minute ? { minute: o.minute } : {});
  const data = labeledRows(m);
  const to = o.to === undefined ? Infinity : nyMidnight(addDays(o.to, 1));
  let from = o.from === undefined ? -Infinity : nyMidnight(o.from);
  if (o.from === undefined) {
    const first = DEFAULT_FIRST_TRAIN_SESSIONS + cfg.horizon;
    if (data.index.sessions.length <= first)
      throw new UsageError(
        `${data.index.sessions.length} labeled sessions: too few for the default test range, which starts after ` +
          `${DEFAULT_FIRST_TRAIN_SESSIONS} training sessions; give --from (the first window needs ${MIN_SESSIONS})`,
      );
    from = data.index.sessions[first]!;
  }
  const sessions = testSessions(series, from, to);
  if (sessions.length === 0)
    throw new UsageError(`no session to test between ${o.from ?? 'the start'} and ${o.to ?? 'the end'}`);
  const available = trainableSessions(data, sessions[0]!, cfg.horizon);
  if (available < MIN_SESSIONS)
    throw new UsageError(
      `the test range starts ${nyDate(sessions[0]!)} with ${available} training session(s) before it; ` +
        `walk-forward needs at least ${MIN_SESSIONS} (start later with --from, or collect more history)`,
    );
  const cuts = cutWindows(sessions, o.every);
  const bounds = cuts.map((w) => [sessions[w.first]!, sessions[w.last]!] as [number, number]);
  const rows = rowsOfWindows(m, bounds);
  const probabilities = emptyProbabilities(series);
  const barOf = barIndex(series);
  const windows: WindowModel[] = [];
  let trainMs = 0;
  for (const [k, [first, last]] of bounds.entries()) {
    const t0 = performance.now();
    const fitted = await fitBefore(data, first, cfg);
    trainMs += performance.now() - t0;
    const idx = rows[k]!;
    const X = new Float64Array(idx.length * m.cols);
    idx.forEach((r, i) => X.set(m.X.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
    writeRows(m, fitted.fitted.predict(X, idx.length), idx, probabilities, barOf);
    windows.push({
      window: k + 1,
      from: nyDate(first),
      to: nyDate(last),
      model: `wf${k + 1}`,
      kind: fitted.fitted.kind,
      trainFrom: fitted.trainFrom,
      trainTo: fitted.trainTo,
      trainRows: fitted.rows,
    });
  }
  return { probabilities, windows, trainMs };
}
