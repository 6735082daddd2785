/**
 * A model's out-of-sample evidence, computed at train time from what the cross-validation already made: each fold's
 * model scored only sessions after its (purged) training rows, so the pooled out-of-fold probabilities are
 * walk-forward predictions, retrained once per fold. Their backtest (trade on close, long while p ≥ the daily
 * threshold, after commission) is compared with buy-and-hold over the same sessions. No extra training.
 */
import type { FeatureMatrix } from '../features/matrix.js';
import type { CvSummary } from '../model/train-model.js';
import type { ModelEvidence } from '../model/model-gate.js';
import type { BarSeries } from '../types.js';
import { runModelBacktest } from './model-backtest.js';
import { barIndex, emptyProbabilities, type WindowModel } from './walk-forward.js';

/** The costs and threshold the evidence backtest uses: the backtest command's commission, the daily threshold. */
export const EVIDENCE_SETTINGS = { threshold: 0.55, commission: 0.002, slippageBps: 0, cash: 100_000 } as const;

export function outOfSampleEvidence(input: {
  series: readonly BarSeries[];
  matrix: FeatureMatrix;
  oof: { rows: Int32Array; p: Float64Array };
  cv: CvSummary;
  kind: string;
  now: number;
}): ModelEvidence {
  const { matrix, oof, cv } = input;
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
    threshold: EVIDENCE_SETTINGS.threshold,
    options: {
      cash: EVIDENCE_SETTINGS.cash,
      commission: EVIDENCE_SETTINGS.commission,
      slippageBps: EVIDENCE_SETTINGS.slippageBps,
    },
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
    from: windows[0]!.from,
    to: windows[windows.length - 1]!.to,
    windows: windows.length,
    trades: bt.result.trades.length,
    ...EVIDENCE_SETTINGS,
  };
}
