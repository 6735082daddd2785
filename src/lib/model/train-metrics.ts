/** The metrics ats stores with a model it trained. */
import type { ModelRecord } from '../store/models.js';
import type { EvalMetrics } from './evaluate.js';
import type { ModelEvidence } from './model-gate.js';
import type { CvSummary } from './train-model.js';

/** What `metrics` holds for a model trained by ats (imported models have none). */
export interface TrainMetrics {
  cv: CvSummary;
  holdout: EvalMetrics & { from: string; to: string };
  trees: number;
  rows: number;
  topK: number;
  importance: Array<{ feature: string; gain: number }>;
  /** Out-of-sample evidence (model-gate.ts), judged by promotion and the gate; absent on older models. */
  oos?: ModelEvidence;
}

export function trainMetricsOf(m: Pick<ModelRecord, 'metrics'>): TrainMetrics | null {
  const cv = m.metrics['cv'] as CvSummary | undefined;
  return cv && Array.isArray(cv.folds) ? (m.metrics as unknown as TrainMetrics) : null;
}
