/**
 * `ats backtest --strategy model`: a registered model's probability on each bar's point-in-time
 * features (bar t uses bars 0..t only), traded with signalStrategy (long while p >= threshold).
 * Bars before the feature warm-up, or with a non-finite feature, have no score (NaN = hold).
 */
import { InternalError, UsageError } from '../errors.js';
import { layoutFor, type FeatureOptions } from '../features/extended.js';
import { buildFeatureMatrix } from '../features/matrix.js';
import { computeRegime } from '../features/regime.js';
import { loadMinuteMap } from '../model/minute-bars.js';
import { openScoringModel } from '../model/registered-model.js';
import type { Store } from '../store/open.js';
import type { BarSeries, SessionDate } from '../types.js';
import { nyDate } from '../time.js';
import type { ModelPredictions } from './walk-forward.js';
import { signalStrategy, type Strategy } from './strategy.js';

/** Probability per bar of one series, NaN where the bar has no feature row. */
async function probabilitiesPerBar(
  series: BarSeries,
  score: (m: ReturnType<typeof buildFeatureMatrix>) => Promise<Float64Array>,
  features: FeatureOptions,
): Promise<Float64Array> {
  const out = new Float64Array(series.close.length).fill(Number.NaN);
  const m = buildFeatureMatrix([series], {}, features);
  const p = await score(m);
  // Matrix rows are a subsequence of the bars, both in time order.
  let t = 0;
  for (let r = 0; r < m.rows; r++) {
    while (series.ts[t] !== m.ts[r]) t++;
    out[t] = p[r]!;
  }
  return out;
}

/** The build options the model needs, with the regime of the whole universe (not of each symbol alone). */
function featureOptions(store: Store, series: BarSeries[], features: readonly string[]): FeatureOptions {
  const layout = layoutFor(features);
  const symbols = series.map((s) => s.symbol);
  const minute = layout.intraday ? (loadMinuteMap(store, symbols, Infinity) ?? new Map<string, BarSeries>()) : null;
  return { regime: computeRegime(series), lags: layout.lags, ...(minute ? { minute } : {}) };
}

export async function modelStrategy(
  store: Store,
  series: BarSeries[],
  opts: { modelId?: string; threshold: number; modelsDir: string },
): Promise<Strategy> {
  signalStrategy(new Float64Array(0), opts.threshold); // validates the threshold before any work
  const model = await openScoringModel(store, opts.modelsDir, opts.modelId);
  const bySymbol = new Map<string, Strategy>();
  const features = featureOptions(store, series, model.record.features);
  for (const s of series) {
    const probabilities = await probabilitiesPerBar(s, (m) => model.score(m), features);
    bySymbol.set(s.symbol, signalStrategy(probabilities, opts.threshold));
  }
  return {
    name: `model(${model.record.id},p>=${opts.threshold})`,
    plan(s) {
      const strategy = bySymbol.get(s.symbol);
      if (!strategy) throw new InternalError(`model strategy: no probabilities for ${s.symbol}`);
      return strategy.plan(s);
    },
  };
}

/** A registered model scoring the test range [from, to] (one window). */
export interface RegisteredPredictions extends ModelPredictions {
  /** The model's training range overlaps the test range (or is unknown): allowed only with allowInSample. */
  inSample: boolean;
}

/**
 * `backtest --strategy model --model ID`: the registered model's probabilities on the test range. A model whose
 * training range reaches the test range (or has no recorded range, as an imported one) would score sessions it
 * learned from: refused (exit 2) unless `allowInSample`, and then flagged.
 */
export async function registeredModelPredictions(
  store: Store,
  series: BarSeries[],
  opts: { modelId: string; modelsDir: string; from: SessionDate; to: SessionDate; allowInSample: boolean },
): Promise<RegisteredPredictions> {
  const model = await openScoringModel(store, opts.modelsDir, opts.modelId);
  const r = model.record;
  const inSample = r.dataFrom === null || r.dataTo === null || (r.dataTo >= opts.from && r.dataFrom <= opts.to);
  if (inSample && !opts.allowInSample) {
    const range = r.dataTo === null ? 'an unknown range' : `${r.dataFrom}..${r.dataTo}`;
    throw new UsageError(
      `model ${r.id} was trained on ${range}, which overlaps the test range ${opts.from}..${opts.to}: ` +
        'its backtest would be in-sample (omit --model for a walk-forward backtest, or pass --allow-in-sample)',
    );
  }
  const probabilities = new Map<string, Float64Array>();
  const features = featureOptions(store, series, r.features);
  for (const s of series) {
    const p = await probabilitiesPerBar(s, (m) => model.score(m), features);
    s.ts.forEach((t, i) => {
      const d = nyDate(t);
      if (d < opts.from || d > opts.to) p[i] = Number.NaN;
    });
    probabilities.set(s.symbol, p);
  }
  const window = {
    window: 1,
    from: opts.from,
    to: opts.to,
    model: r.id,
    kind: r.kind,
    trainFrom: r.dataFrom,
    trainTo: r.dataTo,
    trainRows: null,
  };
  return { probabilities, windows: [window], trainMs: 0, inSample };
}
