/**
 * `ats train` end to end: load bars from the store → feature matrix → cross-validate and fit →
 * <modelsDir>/<id>.onnx (atomic, metadata inside) → registry → scoreboard.csv (the caller writes the dashboard).
 */
import { rmSync } from 'node:fs';
import { DataError, UsageError } from '../errors.js';
import { buildFeatureMatrix, type FeatureMatrix } from '../features/matrix.js';
import { FEATURE_WARMUP } from '../features/feature-set.js';
import { resolveTargetSpec, type TargetSpec } from '../features/targets.js';
import { loadSeries } from '../store/bars.js';
import { activateModel, findModel, insertModel } from '../store/models.js';
import type { Store } from '../store/open.js';
import { addDays, nyDate, nyMidnight } from '../time.js';
import type { BarSeries, SessionDate } from '../types.js';
import type { TrainMetrics } from './train-metrics.js';
import type { ModelEvidence } from './model-gate.js';
import { resolveGbdtParams } from './gbdt-types.js';
import { resolveMlpParams } from './mlp.js';
import { resolveRfParams } from './rf.js';
import { loadMinuteMap } from './minute-bars.js';
import { modelId, writeModelFile } from './model-files.js';
import { appendScoreboard, type ScoreboardRow } from './scoreboard.js';
import { trainAndEvaluate, type TrainConfig, type TrainOutcome } from './train-model.js';

/** Defaults of the trainer flags that are not GBDT parameters. */
export const TRAIN_DEFAULTS = { folds: 5, topK: 3, validFraction: 0.2, earlyStoppingRounds: 20 } as const;

export interface TrainJobOptions {
  symbols: string[];
  from?: SessionDate;
  to?: SessionDate;
  target: TargetSpec;
  /** The purge gap is the target horizon. */
  config: Omit<TrainConfig, 'horizon'>;
  modelsDir: string;
  reportsDir: string;
  activate: boolean;
  now: number;
  /** Commission per side in the out-of-sample evidence backtest (0.002 = 20 bps); the evidence's default if absent. */
  commission?: number;
  /** Out-of-sample evidence stored with the model (backtest/oos-evidence.ts, injected: model/ cannot import backtest/). */
  evidence?: (input: EvidenceInput) => ModelEvidence;
}

export interface EvidenceInput {
  series: BarSeries[];
  matrix: FeatureMatrix;
  oof: TrainOutcome['oof'];
  cv: TrainOutcome['cv'];
  kind: string;
  now: number;
  commission?: number;
}

export interface TrainJobResult {
  id: string;
  /** True when an identical model (same bytes, same clock time) was already registered and is reused. */
  reused: boolean;
  kind: string;
  path: string;
  activated: boolean;
  /** The symbols that contributed training rows (the model's symbols). */
  symbols: string[];
  /** Symbols asked for that contributed no row, and why. */
  dropped: Array<{ symbol: string; reason: string }>;
  dataFrom: SessionDate;
  dataTo: SessionDate;
  target: TargetSpec;
  params: Record<string, unknown>;
  metrics: TrainMetrics;
  scoreboardPath: string;
}

/** The bars and the feature matrix every candidate of one training run shares. */
export interface TrainingData {
  series: BarSeries[];
  /** Minute bars of the symbols that have some (the intraday features), null when none has. */
  minute: Map<string, BarSeries> | null;
  matrix: FeatureMatrix;
  symbols: string[];
  dropped: Array<{ symbol: string; reason: string }>;
}

/** One trained and registered model, not yet activated nor on the scoreboard. */
export type Candidate = Omit<TrainJobResult, 'activated' | 'scoreboardPath'>;

/** Every bar up to `to` (features warm up on history before `from`; nothing after `to` is read, not even by the target). */
export function loadTrainingSeries(store: Store, symbols: string[], to?: SessionDate): BarSeries[] {
  const toTs = to === undefined ? Infinity : nyMidnight(to);
  return symbols.map((s) => {
    const series = loadSeries(store, s, -Infinity, toTs);
    if (series.ts.length === 0)
      throw new DataError(`no stored bars for ${s}: run ats collect --symbols ${s} --days 2520 first`);
    return series;
  });
}

/** The matrix without rows before `from`. */
export function rowsFrom(m: FeatureMatrix, from?: SessionDate): FeatureMatrix {
  if (from === undefined) return m;
  const fromTs = nyMidnight(from);
  const keep: number[] = [];
  m.ts.forEach((t, i) => t >= fromTs && keep.push(i));
  const X = new Float64Array(keep.length * m.cols);
  keep.forEach((r, i) => X.set(m.X.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return {
    featureNames: m.featureNames,
    rows: keep.length,
    cols: m.cols,
    X,
    symbol: keep.map((r) => m.symbol[r]!),
    ts: Float64Array.from(keep, (r) => m.ts[r]!),
    y: Float64Array.from(keep, (r) => m.y[r]!),
  };
}

/** The symbols without a single training row (a known target and every feature), with the reason. */
function droppedSymbols(
  series: readonly BarSeries[],
  m: FeatureMatrix,
  from?: SessionDate,
): Array<{ symbol: string; reason: string }> {
  const withRows = new Set(m.symbol.filter((_, i) => !Number.isNaN(m.y[i]!)));
  return series
    .filter((s) => !withRows.has(s.symbol))
    .map((s) => ({
      symbol: s.symbol,
      reason:
        s.ts.length <= FEATURE_WARMUP
          ? `${s.ts.length} stored bars; the features need at least ${FEATURE_WARMUP + 1} (ats backfill ${s.symbol} FROM TO)`
          : `no session${from ? ` from ${from}` : ''} with every feature and a known target`,
    }));
}

function learnerParams(o: TrainJobOptions): Record<string, unknown> {
  const { learner, folds, topK, validFraction } = o.config;
  const own =
    learner.kind === 'gbdt'
      ? { ...resolveGbdtParams(learner.gbdt) }
      : learner.kind === 'rf'
        ? { ...resolveRfParams(learner.rf ?? {}) }
        : learner.kind === 'mlp'
          ? { ...resolveMlpParams(learner.mlp ?? {}) }
          : { l2: learner.l2 };
  return {
    model: learner.kind,
    ...own,
    folds,
    topK,
    validFraction,
    target: o.target.kind ?? 'direction',
    horizon: o.target.horizon,
    threshold: o.target.threshold,
  };
}

function metricsOf(out: TrainOutcome, featureNames: readonly string[], topK: number): TrainMetrics {
  return {
    cv: out.cv,
    holdout: out.holdout,
    trees: out.fitted.trees,
    rows: out.rows,
    topK,
    importance: out.fitted.importance
      .map((gain, f) => ({ feature: featureNames[f]!, gain }))
      .sort((a, b) => b.gain - a.gain),
  };
}

/** Validates the options, loads the bars and builds the matrix (before any model is trained). */
export function prepareTraining(store: Store, o: TrainJobOptions): TrainingData {
  resolveTargetSpec(o.target); // validates target, horizon and threshold, like the parameters below, before any work
  learnerParams(o);
  if (!Number.isInteger(o.config.folds) || o.config.folds < 2)
    throw new UsageError(`--folds must be an integer of at least 2, got ${o.config.folds}`);
  if (o.target.kind === 'cross-sectional' && o.symbols.length < 2)
    throw new UsageError('the cross-sectional target needs at least 2 symbols (it compares each with their median)');
  const series = loadTrainingSeries(store, o.symbols, o.to);
  const minute = loadMinuteMap(store, o.symbols, o.to === undefined ? Infinity : nyMidnight(addDays(o.to, 1)) - 1);
  const matrix = rowsFrom(buildFeatureMatrix(series, o.target, minute ? { minute } : {}), o.from);
  const dropped = droppedSymbols(series, matrix, o.from);
  const symbols = o.symbols.filter((s) => !dropped.some((d) => d.symbol === s));
  return { series, minute, matrix, symbols, dropped };
}

/** The matrix a learner trains on: the MLP's adds the feature values at the last `mlpLags` sessions. */
export function matrixFor(o: TrainJobOptions, data: TrainingData): FeatureMatrix {
  const lags = o.config.learner.kind === 'mlp' ? (o.config.learner.mlpLags ?? 0) : 0;
  if (lags === 0) return data.matrix;
  const options = { lags, ...(data.minute ? { minute: data.minute } : {}) };
  return rowsFrom(buildFeatureMatrix(data.series, o.target, options), o.from);
}

/** Cross-validates and fits `o.config.learner` on prepared data, writes <id>.onnx and registers it. */
export async function trainCandidate(store: Store, o: TrainJobOptions, data: TrainingData): Promise<Candidate> {
  const params = learnerParams(o);
  const { series, symbols, dropped } = data;
  const matrix = matrixFor(o, data);
  const target = resolveTargetSpec(o.target);
  const out = await trainAndEvaluate(matrix, { ...o.config, horizon: target.horizon });
  const kind = o.config.learner.kind;
  const oos = o.evidence?.({ series, matrix, oof: out.oof, cv: out.cv, kind, now: o.now, commission: o.commission });
  const metrics: TrainMetrics = { ...metricsOf(out, matrix.featureNames, o.config.topK), ...(oos ? { oos } : {}) };
  const metadata: Record<string, string> = {
    kind: o.config.learner.kind,
    target: JSON.stringify(target),
    training_range: JSON.stringify({ from: out.dataFrom, to: out.dataTo }),
    symbols: JSON.stringify(symbols),
    params: JSON.stringify(params),
    metrics: JSON.stringify({
      cvAuc: out.cv.aucMean,
      cvAucStd: out.cv.aucStd,
      holdoutAuc: out.holdout.auc,
      logLoss: out.cv.logLoss,
      trees: out.fitted.trees,
      ...(oos ? { oosSharpe: oos.sharpe, buyHoldSharpe: oos.buyHoldSharpe } : {}),
    }),
  };
  const id = modelId(o.now, out.fitted.toOnnx(matrix.featureNames, metadata));
  const bytes = out.fitted.toOnnx(matrix.featureNames, { ...metadata, model_id: id });
  // The id hashes the whole model and its metadata: a registered id means this very model was
  // trained before at the same clock time (the clock is pinned on the sample), so it is reused.
  const existing = findModel(store, id);
  const path = existing ? existing.path : writeModelFile(o.modelsDir, id, bytes);
  if (!existing) {
    try {
      insertModel(store, {
        id,
        createdAt: o.now,
        kind: o.config.learner.kind,
        path,
        features: matrix.featureNames,
        target,
        params,
        metrics: metrics as unknown as Record<string, unknown>,
        symbols,
        dataFrom: out.dataFrom,
        dataTo: out.dataTo,
      });
    } catch (err) {
      rmSync(path, { force: true });
      throw err;
    }
  }
  return {
    id,
    reused: existing !== null,
    kind: o.config.learner.kind,
    path,
    symbols,
    dropped,
    dataFrom: out.dataFrom,
    dataTo: out.dataTo,
    target,
    params,
    metrics,
  };
}

/** One scoreboard line of a candidate; `decision` is the promotion outcome when it took part in a contest. */
export function scoreboardRow(c: Candidate, now: number, decision = ''): ScoreboardRow {
  const { cv, holdout, oos } = c.metrics;
  const num = (v: number | undefined): number => v ?? NaN;
  return {
    date: nyDate(now),
    modelId: c.id,
    kind: c.kind,
    auc: holdout.auc,
    cvAuc: cv.aucMean,
    cvAucStd: cv.aucStd,
    logLoss: cv.logLoss,
    accuracy: cv.accuracy,
    precision: cv.precision,
    recall: cv.recall,
    topKHitRate: cv.topKHitRate,
    baseRate: cv.baseRate,
    trees: c.metrics.trees,
    rows: c.metrics.rows,
    symbols: c.symbols,
    dataFrom: c.dataFrom,
    dataTo: c.dataTo,
    brier: cv.brier,
    ece: cv.ece,
    wfReturn: num(oos?.returnPct) / 100,
    wfSharpe: num(oos?.sharpe),
    wfMaxDrawdown: num(oos?.maxDrawdownPct) / 100,
    wfTurnover: num(oos?.turnover),
    bhSharpe: num(oos?.buyHoldSharpe),
    decision,
  };
}

/** Trains one model, registers it, activates it when asked and appends it to the scoreboard. */
export async function runTrainJob(store: Store, o: TrainJobOptions): Promise<TrainJobResult> {
  const candidate = await trainCandidate(store, o, prepareTraining(store, o));
  if (o.activate) activateModel(store, candidate.id);
  const scoreboardPath = appendScoreboard(o.reportsDir, [scoreboardRow(candidate, o.now)]);
  return { ...candidate, activated: o.activate, scoreboardPath };
}
