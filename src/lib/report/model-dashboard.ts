/** The model dashboard, built from the registry, so it can be rebuilt from the store at any time. */
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { trainMetricsOf } from '../model/train-metrics.js';
import { listModels, modelRole, type ModelRecord } from '../store/models.js';
import { listDecisions, type ModelDecision } from '../store/model-decisions.js';
import { DEFAULT_GATE, evidenceOf, modelGate, type GateDecision } from '../model/model-gate.js';
import type { Store } from '../store/open.js';
import { writeDashboard, type DashboardInput } from './dashboard-html.js';

/** Null (from a stored NaN) back to NaN. */
const n = (v: unknown): number => (typeof v === 'number' ? v : NaN);

/** Write `dashboard.html` in the reports folder for the registry with `latestId` in focus; returns its path. */
export function writeModelDashboard(
  store: Store,
  reportsDir: string,
  latestId: string,
  now: number,
  gate?: GateDecision,
): string {
  const path = join(reportsDir, 'dashboard.html');
  writeDashboard(path, dashboardInput(listModels(store), latestId, now, listDecisions(store, 10), gate));
  return path;
}

/** The gate line: the daily run's decision when given, else the evidence against the default minimums. */
function gateOf(latest: ModelRecord, gate?: GateDecision): DashboardInput['gate'] {
  if (gate) return { open: gate.open, text: gate.summary };
  const d = modelGate(latest, DEFAULT_GATE, false);
  return { open: d.open, text: `${d.summary} (default minimums)` };
}

export function dashboardInput(
  records: readonly ModelRecord[],
  latestId: string,
  now: number,
  decisions: readonly ModelDecision[] = [],
  gate?: GateDecision,
): DashboardInput {
  const trained = records.filter((r) => trainMetricsOf(r) !== null);
  const latest = trained.find((r) => r.id === latestId);
  const metrics = latest && trainMetricsOf(latest);
  if (!latest || !metrics) throw new DataError(`model ${latestId} has no training metrics to show`);
  const target = latest.target as { kind?: string; horizon: number; threshold: number };
  const { cv, holdout } = metrics;
  const oos = evidenceOf(latest);
  const by = `${(target.threshold * 100).toFixed(2)} % after ${target.horizon} session(s)`;
  return {
    generatedAt: now,
    gate: gateOf(latest, gate),
    decisions: decisions.map((d) => ({ ...d })),
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
        role: modelRole(r),
        oosSharpe: n(evidenceOf(r)?.sharpe),
      };
    }),
    model: {
      id: latest.id,
      kind: latest.kind,
      active: latest.active,
      symbols: latest.symbols,
      dataFrom: latest.dataFrom ?? '',
      dataTo: latest.dataTo ?? '',
      target:
        target.kind === 'cross-sectional'
          ? `return beats the symbols' median by more than ${by}`
          : `close up more than ${by}`,
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
        { label: 'Brier (CV)', value: n(cv.brier) },
        { label: 'ECE (CV)', value: n(cv.ece) },
        { label: 'Trees', value: metrics.trees, digits: 0 },
        { label: 'Walk-forward Sharpe (after costs)', value: n(oos?.sharpe), digits: 2 },
        { label: 'Buy & hold Sharpe (same sessions)', value: n(oos?.buyHoldSharpe), digits: 2 },
        { label: 'Walk-forward max drawdown [%]', value: n(oos?.maxDrawdownPct), digits: 1 },
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
