/**
 * The daily playbook: score the latest session of each symbol with a registered model and rank.
 * Side: long when p >= threshold, short when p <= 1 - threshold and shorts are allowed, else flat.
 */
import { join } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { FEATURE_WARMUP } from '../features/feature-set.js';
import { layoutFor } from '../features/extended.js';
import { buildLatestFeatureRows } from '../features/matrix.js';
import { loadMinuteMap } from './minute-bars.js';
import { csvField } from '../files/csv.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { loadSeries } from '../store/bars.js';
import type { Store } from '../store/open.js';
import { replacePlaybook, type PlaybookRow } from '../store/playbook.js';
import { nyDate } from '../time.js';
import type { BarSeries, SessionDate } from '../types.js';
import { openScoringModel } from './registered-model.js';
import { recordRegime } from './playbook-regime.js';
import type { RegimeState } from '../features/regime.js';

export interface PlaybookOptions {
  symbols: string[];
  modelId?: string;
  top: number;
  threshold: number;
  allowShort: boolean;
  modelsDir: string;
  reportsDir: string;
  now: number;
}

export interface PlaybookResult {
  session: SessionDate;
  modelId: string;
  rows: PlaybookRow[];
  /** Symbols left out, with the reason. */
  skipped: Array<{ symbol: string; reason: string }>;
  csvPath: string;
  /** The market regime of the scored symbols at the session (features/regime.ts). */
  regime: RegimeState;
}

/** Minute bars read back from the last session: the intraday features look at most 5 sessions back. */
const MINUTE_LOOKBACK_MS = 14 * 86_400_000;

export type PlaybookCandidate = Omit<PlaybookRow, 'rank' | 'side'>;

export function checkThreshold(threshold: number): void {
  if (!(threshold >= 0.5 && threshold <= 1))
    throw new UsageError(`--threshold must be within [0.5, 1], got ${threshold}`);
}

export function sideOf(p: number, threshold: number, allowShort: boolean): PlaybookRow['side'] {
  if (p >= threshold) return 'long';
  if (allowShort && p <= 1 - threshold) return 'short';
  return 'flat';
}

/** Highest probability first (ties by symbol), ranks from 1, cut to the top `top`. */
export function rankPlaybook(
  candidates: readonly PlaybookCandidate[],
  o: Pick<PlaybookOptions, 'top' | 'threshold' | 'allowShort'>,
): PlaybookRow[] {
  checkThreshold(o.threshold);
  return [...candidates]
    .sort((a, b) => b.probability - a.probability || (a.symbol < b.symbol ? -1 : 1))
    .slice(0, o.top)
    .map((c, i) => ({ ...c, rank: i + 1, side: sideOf(c.probability, o.threshold, o.allowShort) }));
}

export const PLAYBOOK_CSV_HEADER = [
  'session',
  'model_id',
  'rank',
  'symbol',
  'probability',
  'side',
  'momentum_20',
  'rsi_14',
  'atr_pct',
  'close',
  'regime_trend',
  'regime_vol_pct',
] as const;

/** reports/playbook-<session>.csv, rewritten whole (atomically) on every run of that session. */
export function writePlaybookCsv(
  reportsDir: string,
  session: SessionDate,
  modelId: string,
  rows: readonly PlaybookRow[],
  regime: RegimeState = { trend: null, volPct: null },
): string {
  const path = join(reportsDir, `playbook-${session}.csv`);
  const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(6)) : NaN);
  const lines = rows.map((r) =>
    [
      session,
      modelId,
      r.rank,
      r.symbol,
      r6(r.probability),
      r.side,
      r6(r.momentum),
      r6(r.rsi),
      r6(r.atrPct),
      r.close,
      regime.trend ?? '',
      regime.volPct === null ? '' : r6(regime.volPct),
    ]
      .map(csvField)
      .join(','),
  );
  writeFileAtomic(path, [PLAYBOOK_CSV_HEADER.join(','), ...lines].map((l) => `${l}\n`).join(''));
  return path;
}

export async function runPlaybook(store: Store, o: PlaybookOptions): Promise<PlaybookResult> {
  checkThreshold(o.threshold);
  const model = await openScoringModel(store, o.modelsDir, o.modelId);
  const series = o.symbols.map((s) => {
    const bars = loadSeries(store, s);
    if (bars.ts.length === 0) throw new DataError(`no stored bars for ${s}: run ats collect --symbols ${s} first`);
    return bars;
  });
  // The same inputs the model was trained on: lags and intraday columns when its feature list has them.
  const layout = layoutFor(model.record.features);
  const lastTs = Math.max(...series.map((q) => q.ts[q.ts.length - 1]!));
  const minute = layout.intraday
    ? (loadMinuteMap(store, o.symbols, Infinity, lastTs - MINUTE_LOOKBACK_MS) ?? new Map<string, BarSeries>())
    : undefined;
  const latest = buildLatestFeatureRows(series, { lags: layout.lags, ...(minute ? { minute } : {}) });
  const skipped = series
    .filter((s) => !latest.symbol.includes(s.symbol))
    .map((s) => ({
      symbol: s.symbol,
      reason:
        `no features for its last session (${s.ts.length} sessions stored; ` +
        `the features need more than ${FEATURE_WARMUP}, all finite)`,
    }));
  if (latest.rows === 0)
    throw new DataError(
      `no symbol has enough history to score: the features need more than ${FEATURE_WARMUP} sessions (ats backfill)`,
    );
  const sessionTs = Math.max(...latest.ts);
  const p = await model.score(latest);
  const col = (name: string) => latest.featureNames.indexOf(name);
  const [mom, rsi, atr] = [col('ret_20'), col('rsi_14'), col('atr_pct')];
  const candidates: PlaybookCandidate[] = [];
  latest.symbol.forEach((symbol, r) => {
    if (latest.ts[r]! < sessionTs) {
      skipped.push({
        symbol,
        reason: `last bar ${nyDate(latest.ts[r]!)} is older than ${nyDate(sessionTs)} (run ats collect)`,
      });
      return;
    }
    const x = (c: number) => latest.X[r * latest.cols + c]!;
    const s = series.find((q) => q.symbol === symbol)!;
    candidates.push({
      symbol,
      probability: p[r]!,
      momentum: x(mom),
      rsi: x(rsi),
      atrPct: x(atr),
      close: s.close[s.close.length - 1]!,
    });
  });
  const session = nyDate(sessionTs);
  const rows = rankPlaybook(candidates, o);
  replacePlaybook(store, session, model.record.id, rows, o.now);
  const regime = recordRegime(store, series, sessionTs, o.now);
  const csvPath = writePlaybookCsv(o.reportsDir, session, model.record.id, rows, regime);
  return { session, modelId: model.record.id, rows, skipped, csvPath, regime };
}
