/**
 * v3 trades and quotes (NANOSECOND timestamps, written as bare JSON integers above 2^53) and the
 * single-ticker snapshot; shapes from mock_v3_trades_AAPL_limit2.json, mock_v3_quotes_AAPL_page1.json
 * and mock_v2_snapshot_locale_us_markets_stocks_tickers_AAPL.json.
 */
import { addDays, nyDate, nyMidnight, nyTime } from '../../../src/lib/time.js';
import { isEarlyClose } from '../../../src/lib/market/calendar.js';
import type { ServedSeries } from './aggs.js';
import { lowerIndex, minuteBars, symbolSeed } from './bars.js';
import type { FakeBar } from './bars.js';
import { pagedList, type Row } from './reference.js';
import { json, notFound, requestId } from './replies.js';
import type { Reply } from './replies.js';

const TICKS_PER_DAY = 2000;
const NS_PER_MS = 1_000_000n;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Deterministic fraction in [0,1) for tick i of a day. */
const frac = (seed: number, i: number): number =>
  ((Math.imul(seed ^ (i * 2654435761), 2246822519) >>> 0) % 10_007) / 10_007;
const round2 = (x: number): number => Math.round(x * 100) / 100;

function dayBarOn(served: ServedSeries, date: string): FakeBar | undefined {
  const t = nyMidnight(date);
  const i = lowerIndex(served.series, t);
  return i < served.series.length && served.series.timeAt(i) === t && t <= served.untilMs
    ? served.series.barAt(i)
    : undefined;
}

function ticksOfDay(kind: 'trades' | 'quotes', ticker: string, date: string, day: FakeBar): Row[] {
  const seed = symbolSeed(ticker) ^ (kind === 'trades' ? 0x5bd1e995 : 0x27d4eb2f);
  const openNs = BigInt(nyTime(date, 9, 30)) * NS_PER_MS;
  const spanNs = BigInt(nyTime(date, isEarlyClose(date) ? 13 : 16) - nyTime(date, 9, 30)) * NS_PER_MS;
  const stepNs = spanNs / BigInt(TICKS_PER_DAY);
  const rows: Row[] = [];
  for (let i = 0; i < TICKS_PER_DAY; i++) {
    const sip = openNs + BigInt(i) * stepNs + BigInt(Math.floor(frac(seed, i) * 1e6)) * 1000n + 371n;
    const participant = sip - BigInt(150_000 + Math.floor(frac(seed, i + 7) * 100_000));
    const path = day.o + ((day.c - day.o) * i) / TICKS_PER_DAY;
    const price = round2(Math.min(day.h, Math.max(day.l, path + (frac(seed, i + 3) - 0.5) * (day.h - day.l) * 0.3)));
    const sequence = 1000 + i * 37;
    if (kind === 'trades') {
      rows.push({
        conditions: [12, 41],
        exchange: 4 + (i % 9),
        id: String(10_000 + i),
        participant_timestamp: participant,
        price,
        sequence_number: sequence,
        sip_timestamp: sip,
        size: 1 + Math.floor(frac(seed, i + 5) * 500),
        tape: 3,
      });
    } else {
      rows.push({
        ask_exchange: 15,
        ask_price: round2(price + 0.01),
        ask_size: 1 + (i % 7),
        bid_exchange: 19,
        bid_price: price,
        bid_size: 1 + (i % 5),
        participant_timestamp: participant,
        sequence_number: sequence,
        sip_timestamp: sip,
        tape: 3,
      });
    }
  }
  return rows;
}

/** A `timestamp` filter value: a date (its New York day) or nanoseconds. */
function nsBound(raw: string | null, endOfDay: boolean): bigint | undefined {
  if (raw === null) return undefined;
  if (DATE_RE.test(raw)) return BigInt(endOfDay ? nyMidnight(addDays(raw, 1)) - 1 : nyMidnight(raw)) * NS_PER_MS;
  return /^\d+$/.test(raw) ? BigInt(raw) : undefined;
}

/**
 * GET /v3/trades/:ticker and /v3/quotes/:ticker. Filters: timestamp (date or ns), timestamp.gte/.gt/
 * .lte/.lt; order (default desc, as the recorded quotes page); limit 1000 by default, at most 50000.
 * Without a filter: the latest session. Generated: 2000 ticks per session, at most 31 sessions.
 */
export function ticks(
  kind: 'trades' | 'quotes',
  baseUrl: string,
  ticker: string,
  served: ServedSeries | undefined,
  nowMs: number,
  query: URLSearchParams,
): Reply {
  const exact = query.get('timestamp');
  let lo = nsBound(query.get('timestamp.gte'), false) ?? nsBound(query.get('timestamp.gt'), false);
  let hi = nsBound(query.get('timestamp.lte'), true) ?? nsBound(query.get('timestamp.lt'), true);
  if (exact !== null) [lo, hi] = [nsBound(exact, false), nsBound(exact, true)];
  const rows: Row[] = [];
  if (served !== undefined) {
    const lastMs = Math.min(nowMs, served.untilMs);
    const lastDay = served.series.barAt(Math.max(0, lowerIndex(served.series, lastMs + 1) - 1));
    const last = nyDate(lastDay.t + 43_200_000);
    const first = lo === undefined ? last : nyDate(Number(lo / NS_PER_MS));
    const end = hi === undefined ? last : nyDate(Number(hi / NS_PER_MS));
    let n = 0;
    for (let d = first; d <= end && n < 31; d = addDays(d, 1)) {
      const day = dayBarOn(served, d);
      if (day === undefined) continue;
      n++;
      rows.push(...ticksOfDay(kind, ticker, d, day));
    }
  }
  const inRange = (ns: bigint): boolean =>
    (lo === undefined || (query.has('timestamp.gt') && !query.has('timestamp.gte') ? ns > lo : ns >= lo)) &&
    (hi === undefined || (query.has('timestamp.lt') && !query.has('timestamp.lte') ? ns < hi : ns <= hi));
  const picked = rows.filter((r) => inRange(r.sip_timestamp as bigint));
  if ((query.get('order') ?? 'desc') !== 'asc') picked.reverse();
  return pagedList(baseUrl, `/v3/${kind}/${encodeURIComponent(ticker)}`, picked, query, { default: 1000, max: 50_000 });
}

/** GET /v2/snapshot/locale/us/markets/stocks/tickers/:ticker from the last two served sessions. */
export function snapshot(ticker: string, served: ServedSeries | undefined, nowMs: number): Reply {
  const lastIndex = served === undefined ? -1 : lowerIndex(served.series, Math.min(nowMs, served.untilMs) + 1) - 1;
  if (served === undefined || lastIndex < 0) return notFound('Ticker not found.');
  const day = served.series.barAt(lastIndex);
  const prev = served.series.barAt(Math.max(0, lastIndex - 1));
  const date = nyDate(day.t + 43_200_000);
  const minutes = minuteBars(day, date, symbolSeed(ticker));
  const lastMinute = minutes[minutes.length - 1] as FakeBar;
  const trade = ticksOfDay('trades', ticker, date, day).pop() as Row;
  const quote = ticksOfDay('quotes', ticker, date, day).pop() as Row;
  const ohlc = (b: FakeBar): Row => ({
    c: b.c,
    h: b.h,
    l: b.l,
    o: b.o,
    v: b.v,
    vw: b.vw ?? round2((b.h + b.l + b.c) / 3),
  });
  const change = Math.round((day.c - prev.c) * 1e4) / 1e4;
  return json(200, {
    request_id: requestId(),
    status: 'OK',
    ticker: {
      day: ohlc(day),
      fmv: day.c,
      lastQuote: {
        P: quote.ask_price,
        S: quote.ask_size,
        p: quote.bid_price,
        s: quote.bid_size,
        t: quote.sip_timestamp,
      },
      lastTrade: {
        c: trade.conditions,
        i: trade.id,
        p: trade.price,
        s: trade.size,
        t: trade.sip_timestamp,
        x: trade.exchange,
      },
      min: {
        av: day.v,
        c: lastMinute.c,
        h: lastMinute.h,
        l: lastMinute.l,
        o: lastMinute.o,
        v: lastMinute.v,
        vw: lastMinute.vw,
        t: lastMinute.t,
        n: lastMinute.n,
      },
      prevDay: ohlc(prev),
      ticker,
      todaysChange: change,
      todaysChangePerc: Math.round((change / prev.c) * 100 * 1e3) / 1e3,
      updated: trade.sip_timestamp,
    },
  });
}
