/**
 * `ats backtest --strategy model`: a registered model's probability on each bar's point-in-time
 * features (bar t uses bars 0..t only), traded with signalStrategy (long while p >= threshold).
 * Bars before the feature warm-up, or with a non-finite feature, have no score (NaN = hold).
 */
import { InternalError } from '../errors.js';
import { buildFeatureMatrix } from '../features/matrix.js';
import { openScoringModel } from '../model/registered-model.js';
import type { Store } from '../store/open.js';
import type { BarSeries } from '../types.js';
import { signalStrategy, type Strategy } from './strategy.js';

/** Probability per bar of one series, NaN where the bar has no feature row. */
async function probabilitiesPerBar(
  series: BarSeries,
  score: (m: ReturnType<typeof buildFeatureMatrix>) => Promise<Float64Array>,
): Promise<Float64Array> {
  const out = new Float64Array(series.close.length).fill(Number.NaN);
  const m = buildFeatureMatrix([series]);
  const p = await score(m);
  // Matrix rows are a subsequence of the bars, both in time order.
  let t = 0;
  for (let r = 0; r < m.rows; r++) {
    while (series.ts[t] !== m.ts[r]) t++;
    out[t] = p[r]!;
  }
  return out;
}

export async function modelStrategy(
  store: Store,
  series: BarSeries[],
  opts: { modelId?: string; threshold: number; modelsDir: string },
): Promise<Strategy> {
  signalStrategy(new Float64Array(0), opts.threshold); // validates the threshold before any work
  const model = await openScoringModel(store, opts.modelsDir, opts.modelId);
  const bySymbol = new Map<string, Strategy>();
  for (const s of series) {
    const probabilities = await probabilitiesPerBar(s, (m) => model.score(m));
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
