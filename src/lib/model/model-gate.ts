/**
 * The model gate of `daily --trade`: entries only when the active model has earned them out of sample. Pure: the
 * evidence stored with the model (backtest/oos-evidence.ts) against the configured minimums.
 */
import type { ModelRecord } from '../store/models.js';

/** Out-of-sample evidence stored in a model's metrics (`oos`). */
export interface ModelEvidence {
  /** Cross-validated (purged walk-forward) AUC. */
  cvAuc: number;
  /** Walk-forward backtest over the CV test folds, after costs, and buy-and-hold over the same sessions. */
  sharpe: number;
  buyHoldSharpe: number;
  returnPct: number;
  buyHoldReturnPct: number;
  /** Largest peak-to-trough fall of the strategy's equity, percent (positive); absent on older records. */
  maxDrawdownPct?: number;
  /** Mean one-way turnover per session: traded value (entries + exits) / mean equity / sessions. */
  turnover?: number;
  from: string;
  to: string;
  windows: number;
  trades: number;
  threshold: number;
  commission: number;
  slippageBps: number;
  cash: number;
}

export interface GateSettings {
  /** Minimum out-of-sample AUC (gateMinAuc). */
  minAuc: number;
  /** The walk-forward Sharpe must exceed buy-and-hold's by more than this (gateMinSharpeEdge). */
  minSharpeEdge: number;
}

/** The defaults of the settings gateMinAuc and gateMinSharpeEdge. */
export const DEFAULT_GATE: GateSettings = { minAuc: 0.52, minSharpeEdge: 0 };

export interface GateDecision {
  /** Entries allowed (the evidence passes, or --force-model). */
  open: boolean;
  passed: boolean;
  forced: boolean;
  model: string | null;
  reasons: string[];
  /** One line for the step, the summary, Slack and the dashboard. */
  summary: string;
}

export function evidenceOf(m: Pick<ModelRecord, 'metrics'>): ModelEvidence | null {
  const e = m.metrics['oos'] as Partial<ModelEvidence> | undefined;
  return e && typeof e === 'object' && 'sharpe' in e ? (e as ModelEvidence) : null;
}

const f = (v: number | null | undefined, d = 3) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : 'n/a');

/** Why the evidence fails the gate (empty when it passes). NaN (no trade, no score) fails. */
export function gateFailures(e: ModelEvidence | null, s: GateSettings): string[] {
  if (!e) return ['no out-of-sample evidence recorded with the model (retrain it with ats train)'];
  const out: string[] = [];
  if (!(e.cvAuc >= s.minAuc)) out.push(`out-of-sample AUC ${f(e.cvAuc)} < ${s.minAuc}`);
  if (!(e.sharpe - e.buyHoldSharpe > s.minSharpeEdge)) {
    const edge = s.minSharpeEdge === 0 ? '' : ` + ${s.minSharpeEdge}`;
    out.push(`walk-forward Sharpe after costs ${f(e.sharpe, 2)} ≤ buy-and-hold ${f(e.buyHoldSharpe, 2)}${edge}`);
  }
  return out;
}

export function modelGate(model: ModelRecord | null, s: GateSettings, force: boolean): GateDecision {
  const reasons = model ? gateFailures(evidenceOf(model), s) : ['no active model'];
  const passed = reasons.length === 0;
  const id = model?.id ?? null;
  let summary: string;
  if (passed) summary = `model gate open: ${id} passes (AUC ≥ ${s.minAuc}, Sharpe above buy-and-hold)`;
  else if (force)
    summary = `model gate FORCED OPEN by --force-model: ${id ?? 'no model'} fails (${reasons.join('; ')})`;
  else summary = `model gate closed: ${id ?? 'no model'} has no out-of-sample edge (${reasons.join('; ')}); no entry`;
  return { open: passed || force, passed, forced: force && !passed, model: id, reasons, summary };
}
