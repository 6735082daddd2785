/** The metrics ats stores with a model it trained. */
import type { ModelRecord } from '../store/models.js';
import type { EvalMetrics } from './evaluate.js';
import type { ModelEvidence } from './model-gate.js';
import type { CvSummary } from './train-model.js';
import type { SignalBacktest } from './signal-backtest.js';

/** What `metrics` holds for a model trained by ats (imported models have none). */
export interface TrainMetrics {
  cv: CvSummary;
  holdout: EvalMetrics & { from: string; to: string };
  trees: number;
  rows: number;
  topK: number;
  importance: Array<{ feature: string; gain: number }>;
  /** Out-of-sample backtest of the out-of-fold predictions (absent on models trained before it existed). */
  signal?: SignalBacktest;
  /** Out-of-sample evidence (model-gate.ts); absent for models trained before it was recorded. */
  oos?: ModelEvidence;
}

export function trainMetricsOf(m: Pick<ModelRecord, 'metrics'>): TrainMetrics | null {
  const cv = m.metrics['cv'] as CvSummary | undefined;
  return cv && Array.isArray(cv.folds) ? (m.metrics as unknown as TrainMetrics) : null;
}
