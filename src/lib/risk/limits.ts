/**
 * Pre-trade risk limits and their parsing. Percentages are of current account equity (5 = 5%).
 */
import { ConfigError } from '../errors.js';

export interface RiskLimits {
  /** Largest gross exposure to one symbol after the order, % of equity. */
  maxSymbolPct: number;
  /** Largest gross exposure to one sector (positions with a known sector), % of equity. */
  maxSectorPct: number;
  /** Largest gross exposure to one asset class (stock / option / crypto), % of equity. */
  maxAssetClassPct: number;
  /** Daily loss stop: once equity is more than this % below the start-of-day equity, new entries are refused. */
  maxDailyLossPct: number;
  /** Most symbols held at once; undefined → the account tier's maxOpenPositions. */
  maxOpenPositions?: number | undefined;
  /** Per-strategy cap on an entry order's cost in dollars (see orderCost), from MAX_RISK="call=100,condor=50". */
  maxRiskByStrategy: Record<string, number>;
  /** No new position whose daily-return correlation with an open one exceeds this (0.7). */
  maxCorrelation: number;
  /** Daily returns the correlation is computed over (60 sessions up to the as-of session). */
  correlationSessions: number;
  /** Portfolio heat: open positions' dollar risk to their stops, new order included, at most this fraction of equity. */
  maxHeat: number;
}

export const DEFAULT_RISK_LIMITS: Readonly<RiskLimits> = Object.freeze({
  maxSymbolPct: 5,
  maxSectorPct: 25,
  maxAssetClassPct: 60,
  maxDailyLossPct: 5,
  maxOpenPositions: undefined,
  maxRiskByStrategy: {},
  maxCorrelation: 0.7,
  correlationSessions: 60,
  maxHeat: 0.15,
});

/** Defaults overlaid with `overrides`, validated: a bad limit is a configuration mistake. */
export function resolveRiskLimits(overrides: Partial<RiskLimits> = {}): RiskLimits {
  const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, ...dropUndefined(overrides) };
  for (const key of ['maxSymbolPct', 'maxSectorPct', 'maxAssetClassPct', 'maxDailyLossPct'] as const) {
    const v = limits[key];
    if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`risk limit ${key} must be a number > 0, got ${v}`);
  }
  if (!(limits.maxCorrelation > 0 && limits.maxCorrelation <= 1))
    throw new ConfigError(`risk limit maxCorrelation must be in (0, 1], got ${limits.maxCorrelation}`);
  if (!(Number.isInteger(limits.correlationSessions) && limits.correlationSessions >= 2))
    throw new ConfigError(
      `risk limit correlationSessions must be a whole number >= 2, got ${limits.correlationSessions}`,
    );
  if (!(limits.maxHeat > 0 && limits.maxHeat <= 1))
    throw new ConfigError(`risk limit maxHeat must be a fraction of equity in (0, 1], got ${limits.maxHeat}`);
  const maxOpen = limits.maxOpenPositions;
  if (maxOpen !== undefined && (!Number.isInteger(maxOpen) || maxOpen < 0)) {
    throw new ConfigError(`risk limit maxOpenPositions must be a whole number >= 0, got ${maxOpen}`);
  }
  for (const [strategy, v] of Object.entries(limits.maxRiskByStrategy)) {
    if (!Number.isFinite(v) || v < 0)
      throw new ConfigError(`risk limit for strategy "${strategy}" must be dollars >= 0, got ${v}`);
  }
  return limits;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
