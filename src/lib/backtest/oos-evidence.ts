/**
 * A model's out-of-sample evidence, computed at train time from what the cross-validation already made: each fold's
 * model scored only sessions after its (purged) training rows, so the pooled out-of-fold probabilities are
 * walk-forward predictions, retrained once per fold. Their backtest (trade on close, long while p ≥ the daily
 * threshold, after commission) is compared with buy-and-hold over the same sessions. No extra training.
 * The one evidence of the project: the champion/challenger contest and the model gate both judge on it.
 */
import type { FeatureMatrix } from '../features/matrix.js';
import type { CvSummary } from '../model/train-model.js';
import type { ModelEvidence } from '../model/model-gate.js';
import type { Trade } from '../trade.js';
import type { BarSeries } from '../types.js';
import { runModelBacktest } from './model-backtest.js';
import { barIndex, emptyProbabilities, type WindowModel } from './walk-forward.js';

/** The costs and threshold the evidence backtest uses: the backtest command's commission, the daily threshold. */
export const EVIDENCE_SETTINGS = { threshold: 0.55, commission: 0.002, slippageBps: 0, cash: 100_000 } as const;

/** Traded value (every entry and exit) over mean equity, per session of the curve. */
function turnoverOf(trades: readonly Trade[], equity: Float64Array): number {
  if (equity.length === 0) return Number.NaN;
  const traded = trades.reduce((s, t) => s + Math.abs(t.size) * (t.entryPrice + t.exitPrice), 0);
  const mean = equity.reduce((s, v) => s + v, 0) / equity.length;
  return traded / mean / equity.length;
}

export function outOfSampleEvidence(input: {
  series: readonly BarSeries[];
  matrix: FeatureMatrix;
  oof: { rows: Int32Array; p: Float64Array };
  cv: CvSummary;
  kind: string;
  now: number;
  /** Commission per side as a fraction of traded value (default EVIDENCE_SETTINGS.commission). */
  commission?: number;
}): ModelEvidence {
  const { matrix, oof, cv } = input;
  const settings = { ...EVIDENCE_SETTINGS, commission: input.commission ?? EVIDENCE_SETTINGS.commission };
  const used = input.series.filter((s) => matrix.symbol.includes(s.symbol));
  const probabilities = emptyProbabilities(used);
  const barOf = barIndex(used);
  oof.rows.forEach((r, k) => {
    const bar = barOf.get(matrix.symbol[r]!)?.get(matrix.ts[r]!);
    if (bar !== undefined) probabilities.get(matrix.symbol[r]!)![bar] = oof.p[k]!;
  });
  const windows: WindowModel[] = cv.folds.map((f) => ({
    window: f.fold,
    from: f.testFrom,
    to: f.testTo,
    model: `fold${f.fold}`,
    kind: input.kind,
    trainFrom: f.trainFrom,
    trainTo: f.trainTo,
    trainRows: f.trainRows,
  }));
  const bt = runModelBacktest({
    series: used,
    predictions: { probabilities, windows, trainMs: 0 },
    threshold: settings.threshold,
    options: { cash: settings.cash, commission: settings.commission, slippageBps: settings.slippageBps },
    params: {},
    label: 'evidence',
    createdAt: input.now,
  });
  const [strategy, hold] = bt.benchmarks;
  return {
    cvAuc: cv.aucMean,
    sharpe: strategy!.sharpe,
    buyHoldSharpe: hold!.sharpe,
    returnPct: strategy!.returnPct,
    buyHoldReturnPct: hold!.returnPct,
    maxDrawdownPct: Math.abs(bt.result.stats['Max. Drawdown [%]']),
    turnover: turnoverOf(bt.result.trades, bt.result.curves.equity),
    from: windows[0]!.from,
    to: windows[windows.length - 1]!.to,
    windows: windows.length,
    trades: bt.result.trades.length,
    ...settings,
  };
}
