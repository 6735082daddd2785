/** Domain types shared by every module. Plain types; `as const` objects instead of enums. */

export const Timeframe = { day: '1d', minute: '1m' } as const;
export type Timeframe = (typeof Timeframe)[keyof typeof Timeframe];

/** One OHLCV bar. `ts` is the bar's start as UTC epoch milliseconds. */
export interface Bar {
  symbol: string;
  timeframe: Timeframe;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap: number | null;
  trades: number | null;
}

/** A trading day in America/New_York, `YYYY-MM-DD`. */
export type SessionDate = string;

export interface Split {
  symbol: string;
  executionDate: SessionDate;
  splitFrom: number;
  splitTo: number;
}

export interface Dividend {
  symbol: string;
  exDividendDate: SessionDate;
  payDate: SessionDate | null;
  cashAmount: number;
  frequency: number | null;
}

export interface TickerDetails {
  symbol: string;
  name: string | null;
  marketCap: number | null;
  sharesOutstanding: number | null;
  sicCode: string | null;
  sicDescription: string | null;
}

/** Latest quote snapshot (delayed on most plans). Timestamps in UTC ms. */
export interface QuoteSnapshot {
  symbol: string;
  ts: number;
  bid: number | null;
  bidSize: number | null;
  ask: number | null;
  askSize: number | null;
  last: number | null;
  lastSize: number | null;
  dayClose: number | null;
  prevClose: number | null;
}

/** A trade or quote tick from v3 REST or the stream. `tsNs` keeps Polygon's nanoseconds as a decimal string. */
export interface Tick {
  symbol: string;
  kind: 'trade' | 'quote';
  tsNs: string;
  ts: number;
  price: number | null;
  size: number | null;
  bid: number | null;
  bidSize: number | null;
  ask: number | null;
  askSize: number | null;
  exchange: number | null;
  conditions: string | null;
  id: string | null;
}

export interface OptionContract {
  ticker: string;
  underlying: string;
  contractType: 'call' | 'put';
  expirationDate: SessionDate;
  strike: number;
  sharesPerContract: number;
  exerciseStyle: string | null;
}

export const AssetClass = { stock: 'stock', option: 'option', crypto: 'crypto' } as const;
export type AssetClass = (typeof AssetClass)[keyof typeof AssetClass];

/**
 * Column form of one symbol's bars, oldest first, for the pure analytics (features, backtest, quality).
 * `ts` are UTC epoch ms (daily bars: 00:00 America/New_York of the session, as Polygon stamps them).
 */
export interface BarSeries {
  symbol: string;
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}
