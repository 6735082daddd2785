/**
 * reports/scoreboard.csv: one line per trained model, so model quality can be followed over time. The
 * columns after data_to came with the model zoo (a file started before has a shorter header line).
 */
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
  'brier',
  'ece',
  'wf_return',
  'wf_sharpe',
  'wf_max_drawdown',
  'wf_turnover',
  'bh_sharpe',
  'decision',
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
  /** Out-of-fold Brier score and expected calibration error. */
  brier: number;
  ece: number;
  /** The out-of-sample evidence (`metrics.oos`): walk-forward backtest after costs (fractions), buy-and-hold's Sharpe. */
  wfReturn: number;
  wfSharpe: number;
  wfMaxDrawdown: number;
  wfTurnover: number;
  bhSharpe: number;
  /** champion / promoted / challenger (kept) / "" when no contest was run. */
  decision: string;
};

const round = (v: number): number => (Number.isFinite(v) ? Number(v.toFixed(6)) : NaN);

export function appendScoreboard(reportsDir: string, rows: readonly ScoreboardRow[]): string {
  const path = join(reportsDir, 'scoreboard.csv');
  appendCsv(
    path,
    SCOREBOARD_HEADER,
    rows.map((r) => [
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
      round(r.brier),
      round(r.ece),
      round(r.wfReturn),
      round(r.wfSharpe),
      round(r.wfMaxDrawdown),
      round(r.wfTurnover),
      round(r.bhSharpe),
      r.decision,
    ]),
  );
  return path;
}
