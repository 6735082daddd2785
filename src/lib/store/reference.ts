import type { Dividend, OptionContract, QuoteSnapshot, Split, TickerDetails } from '../types.js';
import type { Store } from './open.js';

/** Reference data (splits, dividends, details, quotes, option contracts): each write is one transaction. */

export function upsertSplits(store: Store, splits: readonly Split[]): number {
  const stmt = store.db.prepare(
    `INSERT INTO splits (symbol, execution_date, split_from, split_to) VALUES (?, ?, ?, ?)
     ON CONFLICT (symbol, execution_date) DO UPDATE SET split_from = excluded.split_from, split_to = excluded.split_to`,
  );
  let n = 0;
  store.db.transaction(() => {
    for (const s of splits) n += stmt.run(s.symbol, s.executionDate, s.splitFrom, s.splitTo).changes;
  })();
  return n;
}

export function loadSplits(store: Store, symbol: string): Split[] {
  return store.db
    .prepare<[string], Split>(
      `SELECT symbol, execution_date AS executionDate, split_from AS splitFrom, split_to AS splitTo
       FROM splits WHERE symbol = ? ORDER BY execution_date`,
    )
    .all(symbol);
}

export function upsertDividends(store: Store, dividends: readonly Dividend[]): number {
  const stmt = store.db.prepare(
    `INSERT INTO dividends (symbol, ex_dividend_date, pay_date, cash_amount, frequency) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (symbol, ex_dividend_date) DO UPDATE SET pay_date = excluded.pay_date,
       cash_amount = excluded.cash_amount, frequency = excluded.frequency`,
  );
  let n = 0;
  store.db.transaction(() => {
    for (const d of dividends) n += stmt.run(d.symbol, d.exDividendDate, d.payDate, d.cashAmount, d.frequency).changes;
  })();
  return n;
}

export function upsertTickerDetails(store: Store, d: TickerDetails, nowMs: number): void {
  store.db
    .prepare(
      `INSERT INTO ticker_details (symbol, name, market_cap, shares_outstanding, sic_code, sic_description, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (symbol) DO UPDATE SET name = excluded.name, market_cap = excluded.market_cap,
         shares_outstanding = excluded.shares_outstanding, sic_code = excluded.sic_code,
         sic_description = excluded.sic_description, updated_at = excluded.updated_at`,
    )
    .run(d.symbol, d.name, d.marketCap, d.sharesOutstanding, d.sicCode, d.sicDescription, nowMs);
}

export function loadTickerDetails(store: Store, symbol: string): TickerDetails | null {
  return (
    store.db
      .prepare<[string], TickerDetails>(
        `SELECT symbol, name, market_cap AS marketCap, shares_outstanding AS sharesOutstanding,
           sic_code AS sicCode, sic_description AS sicDescription FROM ticker_details WHERE symbol = ?`,
      )
      .get(symbol) ?? null
  );
}

export function upsertQuoteSnapshot(store: Store, q: QuoteSnapshot, nowMs: number): void {
  store.db
    .prepare(
      `INSERT INTO quote_snapshots (symbol, ts, bid, bid_size, ask, ask_size, last, last_size, day_close, prev_close, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (symbol) DO UPDATE SET ts = excluded.ts, bid = excluded.bid, bid_size = excluded.bid_size,
         ask = excluded.ask, ask_size = excluded.ask_size, last = excluded.last, last_size = excluded.last_size,
         day_close = excluded.day_close, prev_close = excluded.prev_close, updated_at = excluded.updated_at`,
    )
    .run(q.symbol, q.ts, q.bid, q.bidSize, q.ask, q.askSize, q.last, q.lastSize, q.dayClose, q.prevClose, nowMs);
}

export function upsertOptionContracts(store: Store, contracts: readonly OptionContract[], nowMs: number): number {
  const stmt = store.db.prepare(
    `INSERT INTO option_contracts (ticker, underlying, contract_type, expiration_date, strike, shares_per_contract,
       exercise_style, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (ticker) DO UPDATE SET updated_at = excluded.updated_at`,
  );
  let n = 0;
  store.db.transaction(() => {
    for (const c of contracts) {
      n += stmt.run(
        c.ticker,
        c.underlying,
        c.contractType,
        c.expirationDate,
        c.strike,
        c.sharesPerContract,
        c.exerciseStyle,
        nowMs,
      ).changes;
    }
  })();
  return n;
}
