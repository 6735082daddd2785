import type { Config } from '../config.js';
import { resolveRiskLimits, type RiskLimits } from './limits.js';

/** The pre-trade risk limits of the configuration (ATS_MAX_*_PCT, ATS_MAX_OPEN_POSITIONS, MAX_RISK, correlation, heat). */
export function riskLimitsOf(cfg: Config): RiskLimits {
  return resolveRiskLimits({
    maxSymbolPct: cfg.maxSymbolPct,
    maxSectorPct: cfg.maxSectorPct,
    maxAssetClassPct: cfg.maxAssetClassPct,
    maxDailyLossPct: cfg.maxDailyLossPct,
    maxOpenPositions: cfg.maxOpenPositions ?? undefined,
    maxRiskByStrategy: cfg.maxRisk,
    maxCorrelation: cfg.maxCorrelation,
    correlationSessions: cfg.correlationSessions,
    maxHeat: cfg.maxHeat,
  });
}
