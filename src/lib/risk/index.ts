export { accountTier } from './tiers.js';
export { sizeByRisk } from './sizing.js';
export { DEFAULT_RISK_LIMITS, resolveRiskLimits } from './limits.js';
export type { RiskLimits } from './limits.js';
export { checkOrder } from './check-order.js';
export type { AccountSnapshot, OrderToCheck, RiskCheck } from './types.js';
export { checkPortfolioRisk } from './portfolio-risk.js';
export type { BookPosition, EntryCandidate } from './portfolio-risk.js';
export { returnCorrelation } from './correlation.js';
