/**
 * Polygon's option chain snapshot, GET /v3/snapshot/options/{underlyingAsset}
 * (https://polygon.io/docs/rest/options/snapshots/option-chain-snapshot; shapes as in @polygon.io/client-js
 * GetOptionsChain200Response): details.{ticker, contract_type, expiration_date, strike_price}, last_quote.{bid, ask,
 * last_updated ns} (only on plans with quotes), last_trade.{price, sip_timestamp ns} (plans with trades),
 * day.{close, volume}, open_interest, implied_volatility, greeks.{delta, gamma, theta, vega} (absent where Polygon
 * cannot compute them), underlying_asset.price. Pages follow next_url, sorted by expiration date ascending.
 */
import { DataError, TemporaryError } from '../errors.js';
import type { ChainQuote } from '../store/option-chain.js';
import type { Attempt } from './polygon-aggregates.js';
import { asObject } from './polygon-map.js';

type Json = Record<string, unknown>;

export interface ChainQuery {
  /** Expiries from this date (YYYY-MM-DD) on. */
  from: string;
  /** Expiries up to this date, inclusive. */
  to?: string;
  /** Only the first N expiries from `from` (paging stops once they are complete). */
  maxExpiries?: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
const nsToMs = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.floor(n / 1e6);
};

/** One page: its contracts (`underlying` as asked; contracts of type "other" skipped) and next_url. */
export function readChainPage(
  body: unknown,
  underlying: string,
  endpoint: string,
): { quotes: ChainQuote[]; nextUrl: string | null } {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new TemporaryError(`malformed response from Polygon ${endpoint} (not JSON)`);
    }
  }
  const o = asObject(parsed, endpoint);
  const results = o.results ?? [];
  if (!Array.isArray(results))
    throw new TemporaryError(`malformed response from Polygon ${endpoint} (results is not a list)`);
  const quotes: ChainQuote[] = [];
  for (const r of results as unknown[]) {
    const row = obj(r) ?? {};
    const d = obj(row.details);
    const type = d?.contract_type;
    if (type !== 'call' && type !== 'put') continue;
    const ticker = d?.ticker;
    const expiry = d?.expiration_date;
    const strike = num(d?.strike_price);
    if (typeof ticker !== 'string' || typeof expiry !== 'string' || strike === null)
      throw new TemporaryError(`malformed contract from Polygon ${endpoint} (details without ticker/expiry/strike)`);
    const q = obj(row.last_quote);
    const t = obj(row.last_trade);
    const day = obj(row.day);
    const g = obj(row.greeks);
    const bid = num(q?.bid);
    const ask = num(q?.ask);
    quotes.push({
      ticker,
      underlying,
      expiry,
      type,
      strike,
      bid,
      ask,
      last: num(t?.price),
      dayClose: num(day?.close),
      volume: num(day?.volume),
      openInterest: num(row.open_interest),
      iv: num(row.implied_volatility),
      delta: num(g?.delta),
      gamma: num(g?.gamma),
      theta: num(g?.theta),
      vega: num(g?.vega),
      underlyingPrice: num(obj(row.underlying_asset)?.price),
      quoteTs: nsToMs(q?.last_updated) ?? nsToMs(t?.sip_timestamp) ?? nsToMs(day?.last_updated),
    });
  }
  const next = o.next_url;
  return { quotes, nextUrl: typeof next === 'string' && next !== '' ? next : null };
}

/** Every page from `first` on (each through `attempt`), stopping early once `maxExpiries` are complete. */
export async function fetchChain(
  attempt: Attempt,
  first: () => Promise<unknown>,
  next: (url: string) => Promise<unknown>,
  underlying: string,
  endpoint: string,
  query: ChainQuery,
): Promise<ChainQuote[]> {
  const all: ChainQuote[] = [];
  const seen = new Set<string>();
  let send = first;
  for (;;) {
    const page = await attempt(send, (body) => readChainPage(body, underlying, endpoint));
    all.push(...page.quotes);
    const url = page.nextUrl;
    if (url === null) break;
    if (query.maxExpiries !== undefined && new Set(all.map((q) => q.expiry)).size > query.maxExpiries) break;
    if (seen.has(url)) throw new DataError(`Polygon ${endpoint}: next_url repeats a page already read`);
    seen.add(url);
    send = () => next(url);
  }
  const keep =
    query.maxExpiries === undefined
      ? null
      : new Set([...new Set(all.map((q) => q.expiry))].sort().slice(0, query.maxExpiries));
  const byTicker = new Map<string, ChainQuote>();
  for (const q of all)
    if (q.expiry >= query.from && (query.to === undefined || q.expiry <= query.to) && (keep?.has(q.expiry) ?? true))
      byTicker.set(q.ticker, q);
  return [...byTicker.values()].sort(
    (a, b) => a.expiry.localeCompare(b.expiry) || a.strike - b.strike || a.type.localeCompare(b.type),
  );
}
