/** The dashboard's input, read from the registry, so it can be rebuilt from the store at any time. */
import { DataError } from '../errors.js';
import type { DashboardInput } from '../report/dashboard-html.js';
import type { ModelRecord } from '../store/models.js';
import type { EvalMetrics } from './evaluate.js';
import type { CvSummary } from './train-model.js';

/** What `metrics` holds for a model trained by ats (imported models have none). */
export interface TrainMetrics {
  cv: CvSummary;
  holdout: EvalMetrics & { from: string; to: string };
  trees: number;
  rows: number;
  topK: number;
  importance: Array<{ feature: string; gain: number }>;
}

/** Null (from a stored NaN) back to NaN. */
const n = (v: unknown): number => (typeof v === 'number' ? v : NaN);

export function trainMetricsOf(m: ModelRecord): TrainMetrics | null {
  const cv = m.metrics['cv'] as CvSummary | undefined;
  return cv && Array.isArray(cv.folds) ? (m.metrics as unknown as TrainMetrics) : null;
}

export function dashboardInput(records: readonly ModelRecord[], latestId: string, now: number): DashboardInput {
  const trained = records.filter((r) => trainMetricsOf(r) !== null);
  const latest = trained.find((r) => r.id === latestId);
  const metrics = latest && trainMetricsOf(latest);
  if (!latest || !metrics) throw new DataError(`model ${latestId} has no training metrics to show`);
  const target = latest.target as { horizon: number; threshold: number };
  const { cv, holdout } = metrics;
  return {
    generatedAt: now,
    history: trained.map((r) => {
      const m = trainMetricsOf(r)!;
      return {
        id: r.id,
        createdAt: r.createdAt,
        kind: r.kind,
        active: r.active,
        cvAuc: n(m.cv.aucMean),
        cvAucStd: n(m.cv.aucStd),
        holdoutAuc: n(m.holdout.auc),
      };
    }),
    model: {
      id: latest.id,
      kind: latest.kind,
      active: latest.active,
      symbols: latest.symbols,
      dataFrom: latest.dataFrom ?? '',
      dataTo: latest.dataTo ?? '',
      target: `close up more than ${(target.threshold * 100).toFixed(2)} % after ${target.horizon} session(s)`,
      horizon: target.horizon,
      topK: metrics.topK,
      tiles: [
        { label: 'Holdout AUC', value: n(holdout.auc) },
        { label: 'CV AUC (mean)', value: n(cv.aucMean) },
        { label: 'CV AUC (std)', value: n(cv.aucStd) },
        { label: 'Log loss (CV)', value: n(cv.logLoss) },
        { label: 'Accuracy (CV)', value: n(cv.accuracy) },
        { label: 'Precision (CV)', value: n(cv.precision) },
        { label: 'Recall (CV)', value: n(cv.recall) },
        { label: `Top-${metrics.topK} hit rate (CV)`, value: n(cv.topKHitRate) },
        { label: 'Base rate (CV)', value: n(cv.baseRate) },
        { label: 'Trees', value: metrics.trees, digits: 0 },
      ],
      folds: cv.folds.map((f) => ({
        ...f,
        auc: n(f.auc),
        logLoss: n(f.logLoss),
        accuracy: n(f.accuracy),
        topKHitRate: n(f.topKHitRate),
      })),
      importance: metrics.importance,
      calibration: cv.calibration,
    },
  };
}
