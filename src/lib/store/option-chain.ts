/** Option chain snapshots (migration 017): one replace per underlying and session, reads as of a session. */
import type { Store } from './open.js';

/** One contract as the provider reported it (null = not in the answer, e.g. no quotes on the plan). */
export interface ChainQuote {
  /** The stored OCC form, `O:AAPL240119C00190000`. */
  ticker: string;
  underlying: string;
  expiry: string;
  type: 'call' | 'put';
  strike: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  dayClose: number | null;
  volume: number | null;
  openInterest: number | null;
  iv: number | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  underlyingPrice: number | null;
  /** Epoch ms of the quote (or trade) the prices come from. */
  quoteTs: number | null;
}

export interface OptionChainRow extends ChainQuote {
  session: string;
  /** 'polygon' as reported; 'model' computed by our pricer from priceSource; null when no price exists. */
  greeksSource: 'polygon' | 'model' | null;
  priceSource: 'mid' | 'last' | 'close' | null;
}

const COLUMNS = `ticker, session, underlying, expiration_date, contract_type, strike, bid, ask, last, day_close, volume,
  open_interest, iv, delta, gamma, theta, vega, greeks_source, price_source, underlying_price, quote_ts, updated_at`;

/** Replace the underlying's snapshot for `session` with `rows` in one transaction; returns the rows written. */
export function replaceChainSnapshot(
  store: Store,
  underlying: string,
  session: string,
  rows: readonly OptionChainRow[],
  nowMs: number,
): number {
  const del = store.db.prepare('DELETE FROM option_chain_quotes WHERE underlying = ? AND session = ?');
  const ins = store.db.prepare(
    `INSERT INTO option_chain_quotes (${COLUMNS}) VALUES (${COLUMNS.split(',')
      .map(() => '?')
      .join(', ')})`,
  );
  store.db.transaction(() => {
    del.run(underlying, session);
    for (const r of rows)
      ins.run(
        r.ticker,
        session,
        underlying,
        r.expiry,
        r.type,
        r.strike,
        r.bid,
        r.ask,
        r.last,
        r.dayClose,
        r.volume,
        r.openInterest,
        r.iv,
        r.delta,
        r.gamma,
        r.theta,
        r.vega,
        r.greeksSource,
        r.priceSource,
        r.underlyingPrice,
        r.quoteTs,
        nowMs,
      );
  })();
  return rows.length;
}

interface DbRow {
  ticker: string;
  session: string;
  underlying: string;
  expiration_date: string;
  contract_type: 'call' | 'put';
  strike: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  day_close: number | null;
  volume: number | null;
  open_interest: number | null;
  iv: number | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  greeks_source: OptionChainRow['greeksSource'];
  price_source: OptionChainRow['priceSource'];
  underlying_price: number | null;
  quote_ts: number | null;
}

/**
 * The chain of `underlying` expiring on `expiry` from the latest snapshot collected on or before `asOf` (no
 * look-ahead), sorted by strike then type; [] when none was collected.
 */
export function storedChain(store: Store, underlying: string, expiry: string, asOf: string): OptionChainRow[] {
  const rows = store.db
    .prepare(
      `SELECT * FROM option_chain_quotes
       WHERE underlying = ? AND expiration_date = ? AND session = (
         SELECT MAX(session) FROM option_chain_quotes WHERE underlying = ? AND expiration_date = ? AND session <= ?)
       ORDER BY strike, contract_type`,
    )
    .all(underlying, expiry, underlying, expiry, asOf) as DbRow[];
  return rows.map(fromDb);
}

/**
 * Every contract of the last `sessions` snapshots of `underlying` collected on or before `asOf` (all expiries),
 * by session then expiry, strike and type: the history an IV rank or an options-flow average reads.
 */
export function chainHistory(store: Store, underlying: string, asOf: string, sessions: number): OptionChainRow[] {
  const rows = store.db
    .prepare(
      `SELECT * FROM option_chain_quotes
       WHERE underlying = ? AND session IN (
         SELECT DISTINCT session FROM option_chain_quotes WHERE underlying = ? AND session <= ?
         ORDER BY session DESC LIMIT ?)
       ORDER BY session, expiration_date, strike, contract_type`,
    )
    .all(underlying, underlying, asOf, sessions) as DbRow[];
  return rows.map(fromDb);
}

function fromDb(r: DbRow): OptionChainRow {
  return {
    ticker: r.ticker,
    session: r.session,
    underlying: r.underlying,
    expiry: r.expiration_date,
    type: r.contract_type,
    strike: r.strike,
    bid: r.bid,
    ask: r.ask,
    last: r.last,
    dayClose: r.day_close,
    volume: r.volume,
    openInterest: r.open_interest,
    iv: r.iv,
    delta: r.delta,
    gamma: r.gamma,
    theta: r.theta,
    vega: r.vega,
    greeksSource: r.greeks_source,
    priceSource: r.price_source,
    underlyingPrice: r.underlying_price,
    quoteTs: r.quote_ts,
  };
}
