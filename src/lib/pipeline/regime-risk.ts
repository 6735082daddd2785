import { describeRegime, isHighVolDowntrend } from '../features/regime.js';
import { loadRegime } from '../store/regime.js';
import type { DailyContext } from './steps.js';

/** The volatility percentile at or above which a downtrend counts as high-volatility. */
export const HIGH_VOL_PERCENTILE = 0.8;

export interface RegimeRisk {
  /** Multiplies the account tier's risk per trade: regimeRiskScale in a high-volatility downtrend, else 1. */
  scale: number;
  /** The stored regime of the session, in words (null when none is stored). */
  regime: string | null;
}

/**
 * The sizing's answer to the stored regime of the as-of session (written by the playbook step): a smaller risk per
 * trade when the universe's index is below its 200-session average and its volatility percentile is ≥ 0.8.
 */
export function regimeRisk(ctx: Pick<DailyContext, 'store' | 'asOf' | 'cfg'>): RegimeRisk {
  const row = loadRegime(ctx.store, ctx.asOf);
  if (!row) return { scale: 1, regime: null };
  const state = { trend: row.trend, volPct: row.volPct };
  const scale = isHighVolDowntrend(state, HIGH_VOL_PERCENTILE) ? ctx.cfg.regimeRiskScale : 1;
  return { scale, regime: describeRegime(state) };
}
