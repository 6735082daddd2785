import { TemporaryError } from '../errors.js';
import { sessionStamp } from './session-stamp.js';
import type { Bar, Dividend, OptionContract, QuoteSnapshot, Split, Tick, TickerDetails } from '../types.js';

/**
 * The one place Polygon responses are validated and mapped to our types.
 * A body that is not the expected JSON object (truncated, HTML from a proxy…) is a TemporaryError:
 * the request is worth retrying. Docs: https://polygon.io/docs/rest/stocks/aggregates/custom-bars
 */

type Json = Record<string, unknown>;

export function asObject(body: unknown, endpoint: string): Json {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new TemporaryError(`malformed response from Polygon ${endpoint} (not a JSON object)`);
  }
  return body as Json;
}

function results(body: unknown, endpoint: string): Json[] {
  const o = asObject(body, endpoint);
  if (o.results === undefined || o.results === null) return [];
  if (!Array.isArray(o.results))
    throw new TemporaryError(`malformed response from Polygon ${endpoint} (results is not a list)`);
  return o.results as Json[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** A number or string field as text, '' for anything else (never "[object Object]"). */
const scalarText = (v: unknown): string => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');

/**
 * Aggregates → bars sorted by ts with duplicates removed (the client's own pagination puts later
 * pages first, and overlapping pages can repeat a bar). Daily bars are re-stamped to 00:00 New York.
 */
export function mapAggregates(body: unknown, symbol: string, timeframe: Bar['timeframe'], endpoint: string): Bar[] {
  const byTs = new Map<number, Bar>();
  for (const r of results(body, endpoint)) {
    const t = num(r.t);
    if (t === null) throw new TemporaryError(`malformed bar from Polygon ${endpoint} (no timestamp)`);
    const ts = timeframe === '1d' ? sessionStamp(t) : t;
    byTs.set(ts, {
      symbol,
      timeframe,
      ts,
      open: num(r.o) as number,
      high: num(r.h) as number,
      low: num(r.l) as number,
      close: num(r.c) as number,
      volume: num(r.v) as number,
      vwap: num(r.vw),
      trades: num(r.n),
    });
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

export function mapSplits(body: unknown, endpoint: string): Split[] {
  return results(body, endpoint).flatMap((r) => {
    const symbol = str(r.ticker);
    const date = str(r.execution_date);
    const from = num(r.split_from);
    const to = num(r.split_to);
    return symbol && date && from && to ? [{ symbol, executionDate: date, splitFrom: from, splitTo: to }] : [];
  });
}

export function mapDividends(body: unknown, endpoint: string): Dividend[] {
  return results(body, endpoint).flatMap((r) => {
    const symbol = str(r.ticker);
    const ex = str(r.ex_dividend_date);
    const cash = num(r.cash_amount);
    return symbol && ex && cash !== null
      ? [{ symbol, exDividendDate: ex, payDate: str(r.pay_date), cashAmount: cash, frequency: num(r.frequency) }]
      : [];
  });
}

export function mapTickerDetails(body: unknown, symbol: string, endpoint: string): TickerDetails | null {
  const r = asObject(body, endpoint).results;
  if (r === undefined || r === null) return null;
  const d = asObject(r, endpoint);
  return {
    symbol,
    name: str(d.name),
    marketCap: num(d.market_cap),
    sharesOutstanding: num(d.share_class_shares_outstanding) ?? num(d.weighted_shares_outstanding),
    sicCode: str(d.sic_code),
    sicDescription: str(d.sic_description),
  };
}

/** Nanosecond timestamps arrive as strings (see `parseJsonKeepingBigInts`); ms for our ts column. */
function nsToMs(v: unknown): { ns: string; ms: number } | null {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(Math.trunc(v)) : null;
  if (s === null || !/^\d+$/.test(s)) return null;
  return { ns: s, ms: Number(s.length > 6 ? s.slice(0, -6) : '0') };
}

export function mapSnapshot(body: unknown, symbol: string, endpoint: string): QuoteSnapshot | null {
  const t = asObject(body, endpoint).ticker;
  if (t === undefined || t === null) return null;
  const o = asObject(t, endpoint);
  const q = (o.lastQuote ?? {}) as Json;
  const tr = (o.lastTrade ?? {}) as Json;
  const day = (o.day ?? {}) as Json;
  const prev = (o.prevDay ?? {}) as Json;
  const ts = nsToMs(q.t) ?? nsToMs(tr.t);
  return {
    symbol,
    ts: ts?.ms ?? num(o.updated) ?? 0,
    bid: num(q.p),
    bidSize: num(q.s),
    ask: num(q.P),
    askSize: num(q.S),
    last: num(tr.p),
    lastSize: num(tr.s),
    dayClose: num(day.c),
    prevClose: num(prev.c),
  };
}

export function mapTrades(body: unknown, symbol: string, endpoint: string): Tick[] {
  return results(body, endpoint).flatMap((r) => {
    const t = nsToMs(r.sip_timestamp) ?? nsToMs(r.participant_timestamp);
    if (!t) return [];
    const id = str(r.id) ?? (scalarText(r.sequence_number) || null);
    return [
      {
        symbol,
        kind: 'trade' as const,
        tsNs: t.ns,
        ts: t.ms,
        price: num(r.price),
        size: num(r.size),
        bid: null,
        bidSize: null,
        ask: null,
        askSize: null,
        exchange: num(r.exchange),
        conditions: Array.isArray(r.conditions) ? r.conditions.join(',') : null,
        id: id === null ? null : `${id}:${scalarText(r.exchange)}:${scalarText(r.sequence_number)}`,
      },
    ];
  });
}

export function mapOptionContracts(body: unknown, endpoint: string): OptionContract[] {
  return results(body, endpoint).flatMap((r) => {
    const ticker = str(r.ticker);
    const underlying = str(r.underlying_ticker);
    const type = r.contract_type;
    const exp = str(r.expiration_date);
    const strike = num(r.strike_price);
    if (!ticker || !underlying || (type !== 'call' && type !== 'put') || !exp || strike === null) return [];
    return [
      {
        ticker,
        underlying,
        contractType: type,
        expirationDate: exp,
        strike,
        sharesPerContract: num(r.shares_per_contract) ?? 100,
        exerciseStyle: str(r.exercise_style),
      },
    ];
  });
}

/** JSON.parse that keeps integers beyond 2^53 (v3 nanosecond timestamps) as decimal strings. */
export function parseJsonKeepingBigInts(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw.replace(/([:,[]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
  } catch {
    return raw; // asObject() turns a non-object into a retryable error
  }
}
