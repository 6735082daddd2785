import { ConfigError } from '../errors.js';
import { parseMaxRisk, resolveRiskLimits, type RiskLimits } from './limits.js';

/**
 * Risk limits from the environment (or .env): MAX_RISK="call=100,condor=50" per strategy, and
 * ATS_MAX_SYMBOL_PCT / ATS_MAX_SECTOR_PCT / ATS_MAX_ASSET_CLASS_PCT / ATS_MAX_DAILY_LOSS_PCT (percent of
 * equity) and ATS_MAX_OPEN_POSITIONS over the defaults. A bad value is a ConfigError naming the variable.
 */
export function riskLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): RiskLimits {
  const num = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const v = Number(raw.replace(/%$/, ''));
    if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`${name} must be a number > 0, got "${raw}"`);
    return v;
  };
  const open = num('ATS_MAX_OPEN_POSITIONS');
  if (open !== undefined && !Number.isInteger(open))
    throw new ConfigError(`ATS_MAX_OPEN_POSITIONS must be a whole number, got "${env.ATS_MAX_OPEN_POSITIONS}"`);
  return resolveRiskLimits({
    maxSymbolPct: num('ATS_MAX_SYMBOL_PCT'),
    maxSectorPct: num('ATS_MAX_SECTOR_PCT'),
    maxAssetClassPct: num('ATS_MAX_ASSET_CLASS_PCT'),
    maxDailyLossPct: num('ATS_MAX_DAILY_LOSS_PCT'),
    maxOpenPositions: open,
    maxRiskByStrategy: env.MAX_RISK ? parseMaxRisk(env.MAX_RISK) : {},
  } as Partial<RiskLimits>);
}
