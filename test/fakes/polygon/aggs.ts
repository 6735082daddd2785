/**
 * GET /v2/aggs/ticker/:ticker/range/:multiplier/:timespan/:from/:to and GET /v2/aggs/ticker/:ticker/prev,
 * shaped like mock_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json, openapi_v2_aggs_ticker_range.json
 * (the one with next_url) and mock_v2_aggs_ticker_AAPL_prev.json.
 */
import { nyDate, nyMidnight, addDays } from '../../../src/lib/time.js';
import { lowerIndex, minuteBars, symbolSeed } from './bars.js';
import type { BarSeries, FakeBar } from './bars.js';
import { badRequest, encodeCursor, requestId } from './replies.js';
import type { Reply } from './replies.js';

export interface ServedSeries {
  series: BarSeries;
  /** Bars after this instant are not served (generated data stops at "now"; given data is served whole). */
  untilMs: number;
}

export interface AggsContext {
  baseUrl: string;
  pageSize: number;
  nowMs: number;
  seriesOf(ticker: string): ServedSeries | undefined;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Real API: limit defaults to 5000, at most 50000. */
const DEFAULT_LIMIT = 5000;
const MAX_LIMIT = 50_000;

/** A bar as the API writes it; key order as in the recorded mock (v, vw, o, c, h, l, t, n). */
function barJson(b: FakeBar, ticker?: string): string {
  let s = ticker === undefined ? '{' : `{"T":${JSON.stringify(ticker)},`;
  s += `"v":${b.v},`;
  if (b.vw !== undefined) s += `"vw":${b.vw},`;
  s += `"o":${b.o},"c":${b.c},"h":${b.h},"l":${b.l},"t":${b.t}`;
  if (b.n !== undefined) s += `,"n":${b.n}`;
  return s + '}';
}

function aggsBody(ticker: string, adjusted: boolean, results: string[], nextUrl?: string): Reply {
  const n = results.length;
  let body = `{"ticker":${JSON.stringify(ticker)},"queryCount":${n},"resultsCount":${n},"adjusted":${adjusted},`;
  // The real API leaves `results` out entirely when there is nothing to return.
  if (n > 0) body += `"results":[${results.join(',')}],`;
  body += `"status":"OK","request_id":"${requestId()}","count":${n}`;
  if (nextUrl !== undefined) body += `,"next_url":${JSON.stringify(nextUrl)}`;
  return { status: 200, body: body + '}' };
}

/** from/to path segments: `YYYY-MM-DD` (a New York day) or epoch milliseconds. */
function instant(raw: string, endOfDay: boolean): number | undefined {
  if (DATE_RE.test(raw)) return endOfDay ? nyMidnight(addDays(raw, 1)) - 1 : nyMidnight(raw);
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

export function aggregates(
  ctx: AggsContext,
  p: { ticker: string; multiplier: string; timespan: string; from: string; to: string },
  query: URLSearchParams,
): Reply {
  if (p.multiplier !== '1') return badRequest(`fake Polygon serves multiplier 1 only, got ${p.multiplier}`);
  if (p.timespan !== 'day' && p.timespan !== 'minute')
    return badRequest(`fake Polygon serves day and minute, got ${p.timespan}`);
  const fromMs = instant(p.from, false);
  // A daily bar's t is the day's New York midnight, so a `to` date matches t == midnight of that day.
  const toMs = instant(p.to, p.timespan === 'minute');
  if (fromMs === undefined || toMs === undefined)
    return badRequest(`Could not parse the time parameter: '${p.from}' / '${p.to}'`);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(query.get('limit') ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
  const sort = query.get('sort') === 'desc' ? 'desc' : 'asc';
  const adjusted = query.get('adjusted') !== 'false';
  const served = ctx.seriesOf(p.ticker);
  if (served === undefined) return aggsBody(p.ticker, adjusted, []);

  const until = Math.min(toMs, served.untilMs);
  const pick =
    p.timespan === 'day'
      ? dailyPicker(served.series, fromMs, until)
      : minutePicker(served.series, p.ticker, fromMs, until);
  const pageLen = Math.min(limit, ctx.pageSize, pick.count);
  const start = sort === 'asc' ? 0 : pick.count - 1;
  const step = sort === 'asc' ? 1 : -1;
  const results = new Array<string>(pageLen);
  for (let k = 0; k < pageLen; k++) results[k] = barJson(pick.at(start + k * step));

  let nextUrl: string | undefined;
  if (pageLen < pick.count) {
    // next_url carries a cursor and NO apiKey (real API); its from/to continue where this page stopped.
    const nextT = pick.at(start + pageLen * step).t;
    const cursor = new URLSearchParams({ limit: String(limit), sort });
    if (query.has('adjusted')) cursor.set('adjusted', String(adjusted));
    const [from, to] = sort === 'asc' ? [String(nextT), p.to] : [p.from, String(nextT)];
    const path = `/v2/aggs/ticker/${encodeURIComponent(p.ticker)}/range/1/${p.timespan}/${from}/${to}`;
    nextUrl = `${ctx.baseUrl}${path}?cursor=${encodeCursor(cursor)}`;
  }
  return aggsBody(p.ticker, adjusted, results, nextUrl);
}

interface Picker {
  count: number;
  at(k: number): FakeBar;
}

function dailyPicker(series: BarSeries, fromMs: number, toMs: number): Picker {
  const lo = lowerIndex(series, fromMs);
  const hi = lowerIndex(series, toMs + 1);
  return { count: Math.max(0, hi - lo), at: (k) => series.barAt(lo + k) };
}

function minutePicker(series: BarSeries, ticker: string, fromMs: number, toMs: number): Picker {
  const seed = symbolSeed(ticker);
  const bars: FakeBar[] = [];
  for (let i = lowerIndex(series, fromMs - DAY_MS); i < series.length && series.timeAt(i) <= toMs; i++) {
    const day = series.barAt(i);
    for (const m of minuteBars(day, nyDate(day.t + 3_600_000 * 12), seed)) {
      if (m.t >= fromMs && m.t <= toMs) bars.push(m);
    }
  }
  return { count: bars.length, at: (k) => bars[k] as FakeBar };
}

/** The previous session's daily bar relative to "now" (the last bar before today's New York midnight). */
export function previousClose(ctx: AggsContext, ticker: string, query: URLSearchParams): Reply {
  const adjusted = query.get('adjusted') !== 'false';
  const served = ctx.seriesOf(ticker);
  const todayStart = nyMidnight(nyDate(ctx.nowMs));
  const i = served === undefined ? -1 : lowerIndex(served.series, Math.min(todayStart, served.untilMs + 1)) - 1;
  const results = served !== undefined && i >= 0 ? [barJson(served.series.barAt(i), ticker)] : [];
  return aggsBody(ticker, adjusted, results);
}
