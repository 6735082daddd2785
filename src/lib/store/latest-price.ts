import type { Store } from './open.js';

export interface LatestPrice {
  price: number;
  /** UTC ms of the quote, or of the bar's session start. */
  ts: number;
  source: 'quote' | 'close';
}

interface QuoteRow {
  ts: number;
  last: number | null;
  bid: number | null;
  ask: number | null;
  day_close: number | null;
  prev_close: number | null;
}

/**
 * The latest price the store knows for `symbol` as of `asOfMs`: the quote snapshot (last trade, else bid/ask
 * midpoint, else the day's or previous close) when it was taken at or before `asOfMs`, or the last daily close
 * whose bar starts at or before `asOfMs`, whichever is newer. null when neither exists.
 *
 * `asOfMs` is the market clock (ctx.marketNow: the as-of session's close + 1 min under --asof/ATS_ASOF or the
 * sample), so nothing after the session being processed is ever read; Infinity means "the newest stored".
 */
export function latestPrice(store: Store, symbol: string, asOfMs: number): LatestPrice | null {
  const asOf = Number.isFinite(asOfMs) ? asOfMs : 1e18;
  const q = store.db
    .prepare<[string, number], QuoteRow>(
      'SELECT ts, last, bid, ask, day_close, prev_close FROM quote_snapshots WHERE symbol = ? AND ts <= ?',
    )
    .get(symbol, asOf);
  const bar = store.db
    .prepare<[string, number], { ts: number; close: number }>(
      `SELECT ts, close FROM bars WHERE symbol = ? AND timeframe = '1d' AND close IS NOT NULL AND ts <= ?
       ORDER BY ts DESC LIMIT 1`,
    )
    .get(symbol, asOf);
  const mid = q && q.bid !== null && q.ask !== null && q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : null;
  const quote = q ? (q.last ?? mid ?? q.day_close ?? q.prev_close) : null;
  const fromQuote = q && quote !== null && quote > 0 ? { price: quote, ts: q.ts, source: 'quote' as const } : null;
  const fromBar = bar && bar.close > 0 ? { price: bar.close, ts: bar.ts, source: 'close' as const } : null;
  if (fromQuote && (!fromBar || fromQuote.ts >= fromBar.ts)) return fromQuote;
  return fromBar;
}

/** Latest prices of many symbols as of `asOfMs`; missing ones are left out. */
export function latestPrices(store: Store, symbols: Iterable<string>, asOfMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of symbols) {
    const p = latestPrice(store, s, asOfMs);
    if (p) out.set(s, p.price);
  }
  return out;
}
