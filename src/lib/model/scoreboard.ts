/** reports/scoreboard.csv: one line per trained model, so model quality can be followed over time. */
import { join } from 'node:path';
import { appendCsv } from '../files/csv.js';
import type { EvalMetrics } from './evaluate.js';

export const SCOREBOARD_HEADER = [
  'date',
  'model_id',
  'kind',
  'auc',
  'cv_auc',
  'cv_auc_std',
  'log_loss',
  'accuracy',
  'precision',
  'recall',
  'top_k_hit_rate',
  'base_rate',
  'trees',
  'rows',
  'symbols',
  'data_from',
  'data_to',
] as const;

/** auc is the final model's holdout AUC; the other metrics are cross-validation means. */
export type ScoreboardRow = Pick<
  EvalMetrics,
  'auc' | 'logLoss' | 'accuracy' | 'precision' | 'recall' | 'topKHitRate' | 'baseRate'
> & {
  date: string;
  modelId: string;
  kind: string;
  cvAuc: number;
  cvAucStd: number;
  trees: number;
  rows: number;
  symbols: string[];
  dataFrom: string;
  dataTo: string;
};

const round = (v: number): number => (Number.isFinite(v) ? Number(v.toFixed(6)) : NaN);

export function appendScoreboard(reportsDir: string, r: ScoreboardRow): string {
  const path = join(reportsDir, 'scoreboard.csv');
  appendCsv(path, SCOREBOARD_HEADER, [
    [
      r.date,
      r.modelId,
      r.kind,
      round(r.auc),
      round(r.cvAuc),
      round(r.cvAucStd),
      round(r.logLoss),
      round(r.accuracy),
      round(r.precision),
      round(r.recall),
      round(r.topKHitRate),
      round(r.baseRate),
      r.trees,
      r.rows,
      r.symbols.join(' '),
      r.dataFrom,
      r.dataTo,
    ],
  ]);
  return path;
}
