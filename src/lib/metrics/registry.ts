/**
 * Prometheus metrics of ats, read from the store (and the process's HTTP counts and stream status) into a fresh
 * prom-client Registry per call: nothing leaks between calls, tests or stores. Names follow Prometheus
 * conventions (https://prometheus.io/docs/practices/naming/): `ats_` prefix, base units (seconds, dollars,
 * ratios), `_total` on counters, `_timestamp_seconds` for Unix times.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { Config } from '../config.js';
import { httpCounts } from '../http/counters.js';
import { evidenceOf } from '../model/model-gate.js';
import { latestAccountMark } from '../store/account-marks.js';
import {
  fillCount,
  lastBarTimes,
  lastSuccessfulRun,
  latestSnapshotRows,
  latestStartOfDayEquity,
  orderCountsByStatus,
} from '../store/metrics-queries.js';
import { activeModel } from '../store/models.js';
import type { Store } from '../store/open.js';
import { recentRuns } from '../store/run-log.js';
import type { StreamStatus } from './stream-status.js';

export interface MetricsInput {
  store: Store;
  cfg: Pick<Config, 'broker' | 'maxDailyLossPct'>;
  /** Wall clock, UTC ms: ages are measured from it. */
  now: number;
  /** The live feed's status when this process holds one (ats serve). */
  stream?: StreamStatus;
}

const RUN_STATUSES = ['running', 'ok', 'failed', 'stopped', 'closed'] as const;

export function buildMetricsRegistry(input: MetricsInput): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  addRunMetrics(input, gauge);
  addAccountMetrics(input, gauge, registry);
  addDataAndModelMetrics(input, gauge);
  addHttpMetrics(registry);
  if (input.stream) {
    gauge('ats_stream_connected', '1 when the live market data stream is connected, else 0').set(
      input.stream.connected ? 1 : 0,
    );
    gauge('ats_stream_lag_seconds', 'receipt time minus event time of the last streamed event').set(
      input.stream.lagSeconds,
    );
    if (input.stream.lastEventAt !== null)
      gauge('ats_stream_last_event_timestamp_seconds', 'when the last streamed event arrived').set(
        input.stream.lastEventAt / 1000,
      );
  }
  return registry;
}

type GaugeMaker = (name: string, help: string, labelNames?: string[]) => Gauge;

function addRunMetrics({ store }: MetricsInput, gauge: GaugeMaker): void {
  const last = recentRuns(store, 1)[0];
  const stepSeconds = gauge('ats_daily_run_step_duration_seconds', 'duration of each step of the last daily run', [
    'step',
    'status',
  ]);
  const status = gauge('ats_daily_run_status', '1 for the status of the last daily run, 0 for the others', ['status']);
  if (last) {
    for (const s of last.steps) stepSeconds.set({ step: s.name, status: s.status }, s.ms / 1000);
    for (const st of RUN_STATUSES) status.set({ status: st }, last.status === st ? 1 : 0);
    const end = last.finishedAt ?? last.startedAt;
    gauge('ats_daily_run_duration_seconds', 'total duration of the last daily run').set((end - last.startedAt) / 1000);
    gauge('ats_daily_run_last_start_timestamp_seconds', 'when the last daily run started').set(last.startedAt / 1000);
    const failed = last.steps.find((s) => s.status === 'failed');
    gauge('ats_daily_run_failed', '1 when the last daily run failed or stopped, else 0', ['step']).set(
      { step: failed?.name ?? '' },
      last.status === 'failed' || last.status === 'stopped' ? 1 : 0,
    );
  }
  const ok = lastSuccessfulRun(store);
  if (ok)
    gauge('ats_daily_run_last_success_timestamp_seconds', 'when the last successful daily run finished').set(
      ok.finishedAt / 1000,
    );
}

function addAccountMetrics({ store, cfg, now }: MetricsInput, gauge: GaugeMaker, registry: Registry): void {
  const broker = cfg.broker;
  const orders = gauge('ats_orders', 'orders in the ledger by status', ['broker', 'status']);
  for (const { status, n } of orderCountsByStatus(store, broker)) orders.set({ broker, status }, n);
  new Counter({
    name: 'ats_fills_total',
    help: 'fills recorded in the ledger',
    labelNames: ['broker'],
    registers: [registry],
  })
    .labels({ broker })
    .inc(fillCount(store, broker));
  const mark = latestAccountMark(store, broker);
  if (mark) {
    gauge('ats_equity_dollars', 'account equity at the last snapshot', ['broker']).set({ broker }, mark.equity);
    gauge('ats_cash_dollars', 'account cash at the last snapshot', ['broker']).set({ broker }, mark.cash);
    gauge('ats_account_age_seconds', 'age of the equity and cash figures', ['broker']).set(
      { broker },
      Math.max(0, (now - mark.takenAt) / 1000),
    );
  }
  const rows = latestSnapshotRows(store, broker).filter((r) => r.qty !== 0);
  gauge('ats_open_positions', 'open positions at the last snapshot', ['broker']).set({ broker }, rows.length);
  const exposure = gauge('ats_exposure_dollars', 'gross market value at the last snapshot by asset class', [
    'broker',
    'asset_class',
  ]);
  const byClass = new Map<string, number>();
  for (const r of rows) byClass.set(r.assetClass, (byClass.get(r.assetClass) ?? 0) + Math.abs(r.marketValue ?? 0));
  for (const [assetClass, v] of byClass) exposure.set({ broker, asset_class: assetClass }, v);
  const limit = cfg.maxDailyLossPct / 100;
  gauge('ats_daily_loss_limit_ratio', 'the daily loss stop, as a fraction of start-of-day equity').set(limit);
  const start = latestStartOfDayEquity(store, broker);
  if (mark && start && start.equity > 0) {
    const loss = (start.equity - mark.equity) / start.equity;
    gauge('ats_daily_loss_ratio', "the session's loss as a fraction of its start-of-day equity (negative: a gain)", [
      'broker',
    ]).set({ broker }, loss);
    gauge('ats_daily_loss_limit_hit', '1 when the daily loss stop refuses new entries, else 0', ['broker']).set(
      { broker },
      loss > limit ? 1 : 0,
    );
  }
}

function addDataAndModelMetrics({ store, now }: MetricsInput, gauge: GaugeMaker): void {
  const age = gauge('ats_bar_age_seconds', "age of each symbol's latest stored bar (its start time)", [
    'symbol',
    'timeframe',
  ]);
  for (const { symbol, ts } of lastBarTimes(store, '1d'))
    age.set({ symbol, timeframe: '1d' }, Math.max(0, (now - ts) / 1000));
  const model = activeModel(store);
  if (model) {
    const labels = { model: model.id, kind: model.kind };
    const auc = evidenceOf(model)?.cvAuc;
    if (typeof auc === 'number' && Number.isFinite(auc))
      gauge('ats_model_oos_auc', "the active model's out-of-sample AUC", ['model', 'kind']).set(labels, auc);
    gauge('ats_model_age_seconds', 'time since the active model was trained', ['model', 'kind']).set(
      labels,
      Math.max(0, (now - model.createdAt) / 1000),
    );
  }
}

function addHttpMetrics(registry: Registry): void {
  const counts = httpCounts();
  const retries = new Counter({
    name: 'ats_http_retries_total',
    help: 'HTTP retries started by the shared retry policy, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const [reason, n] of counts.retries) retries.labels({ reason }).inc(n);
  new Counter({
    name: 'ats_http_rate_limit_waits_total',
    help: 'requests that waited for the client-side rate limit',
    registers: [registry],
  }).inc(counts.rateLimitWaits);
  new Counter({
    name: 'ats_http_rate_limit_wait_seconds_total',
    help: 'time requests spent waiting for the client-side rate limit',
    registers: [registry],
  }).inc(counts.rateLimitWaitMs / 1000);
}
