import type { BarColumnSet } from '../bar-columns.js';
import type { ChainQuote } from '../store/option-chain.js';
import type { ChainQuery } from './polygon-chain.js';
import type {
  Bar,
  Dividend,
  OptionContract,
  QuoteSnapshot,
  SessionDate,
  Split,
  TickerDetails,
  Tick,
} from '../types.js';

/**
 * One interface for every market-data provider. Results are already validated and mapped to our
 * types; daily bars come sorted by ts with no duplicates, stamped 00:00 America/New_York.
 */
export interface MarketSource {
  readonly name: 'polygon' | 'sample';
  /** HTTP requests made so far (0 for local sources). */
  readonly requestCount: number;
  /** Daily bars for sessions from..to inclusive. */
  dailyBars(symbol: string, from: SessionDate, to: SessionDate): Promise<Bar[]>;
  /** The same bars as columns (NaN = missing), for large collections: no object per bar. */
  dailyBarColumns?(symbol: string, from: SessionDate, to: SessionDate): Promise<BarColumnSet>;
  /** The last session this source can have data for, given "now" (sample: its last date). */
  latestSession(nowMs: number): SessionDate;
  minuteBars?(symbol: string, session: SessionDate): Promise<Bar[]>;
  previousClose?(symbol: string): Promise<Bar | null>;
  snapshot?(symbol: string): Promise<QuoteSnapshot | null>;
  optionContracts?(underlying: string, asOf: SessionDate): Promise<OptionContract[]>;
  /** The option chain snapshot: quotes, greeks and IV where the plan has them. */
  optionChain?(underlying: string, query: ChainQuery): Promise<ChainQuote[]>;
  splits?(symbol: string): Promise<Split[]>;
  dividends?(symbol: string): Promise<Dividend[]>;
  tickerDetails?(symbol: string): Promise<TickerDetails | null>;
  recentTrades?(symbol: string, limit: number): Promise<Tick[]>;
  /** One cheap authenticated call; resolves with a short description, throws a ConfigError on bad credentials. */
  verify(): Promise<string>;
}
