/** Inputs of the pre-trade risk check. Quantities of shorts are negative; market values are signed likewise. */

export type AssetClass = 'stock' | 'option' | 'crypto';

export interface OrderToCheck {
  symbol: string;
  side: 'buy' | 'sell';
  /** Shares, contracts (options) or coins (crypto); > 0. */
  qty: number;
  /** Expected fill price per share / per coin / per option share (premium). */
  price: number;
  assetClass: AssetClass;
  /** null = unknown; such orders are outside every sector limit. */
  sector: string | null;
  strategy?: string | undefined;
  /** 'exit' orders must reduce an existing position; they pass every exposure limit and the daily loss stop. */
  intent: 'entry' | 'exit';
  /** Options: delta per contract share and the underlying's price, for the delta-adjusted asset-class exposure. */
  delta?: number | undefined;
  underlyingPrice?: number | undefined;
}

export interface PositionSnapshot {
  symbol: string;
  /** Signed: negative for a short position. */
  qty: number;
  /** Signed dollars (negative for a short), as brokers report it (Alpaca market_value). */
  marketValue: number;
  sector: string | null;
  assetClass: AssetClass;
  strategy?: string | undefined;
  /** Options: delta per contract share and the underlying's price (see OrderToCheck). */
  delta?: number | undefined;
  underlyingPrice?: number | undefined;
}

export interface AccountSnapshot {
  equity: number;
  /** Equity at the start of the trading day (Alpaca: last_equity). */
  startOfDayEquity: number;
  buyingPower: number;
  positions: PositionSnapshot[];
}

export const RISK_RULES = {
  exitIntent: 'exitIntent',
  equity: 'equity',
  dailyLoss: 'dailyLoss',
  buyingPower: 'buyingPower',
  openPositions: 'openPositions',
  strategyRisk: 'strategyRisk',
  symbol: 'symbol',
  sector: 'sector',
  assetClass: 'assetClass',
  correlation: 'correlation',
  heat: 'heat',
} as const;
export type RiskRule = (typeof RISK_RULES)[keyof typeof RISK_RULES];

export type RiskCheck = { ok: true } | { ok: false; rule: RiskRule; message: string };
