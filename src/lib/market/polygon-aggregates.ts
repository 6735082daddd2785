import { DataError, TemporaryError } from '../errors.js';
import { scanAggregates } from './aggregates-scan.js';
import { barsToColumns, concatColumns, pickRows, sliceColumns, type BarColumnSet } from '../bar-columns.js';
import { asObject, mapAggregates } from './polygon-map.js';
import { stampSessions } from './session-stamp.js';

/**
 * Daily aggregates in column form: each page's body is read as raw bytes (scanAggregates, falling back
 * to JSON.parse + mapAggregates for anything it does not recognise), next_url is followed page by page,
 * and the pages are merged sorted by ts, without duplicates, re-stamped to 00:00 New York.
 */

/** One request through the caller's retry layer; `read` runs inside it, so a malformed body is retried. */
export type Attempt = <T>(send: () => Promise<unknown>, read: (body: unknown) => T) => Promise<T>;

interface Page {
  bars: BarColumnSet;
  nextUrl: string | null;
}

/** A body as axios hands it over: raw bytes (the lean path), text, or an already parsed object. */
export function readAggregatesPage(body: unknown, endpoint: string): Page {
  if (body instanceof Uint8Array) {
    const scanned = scanAggregates(body);
    if (scanned !== null) return { bars: scanned.bars, nextUrl: scanned.nextUrl };
    return readAggregatesPage(new TextDecoder().decode(body), endpoint);
  }
  if (typeof body === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new TemporaryError(`malformed response from Polygon ${endpoint} (not JSON)`);
    }
    return readAggregatesPage(parsed, endpoint);
  }
  const o = asObject(body, endpoint);
  const bars = barsToColumns(mapAggregates(o, '', '1d', endpoint));
  return { bars, nextUrl: typeof o.next_url === 'string' && o.next_url !== '' ? o.next_url : null };
}

/** Every page from `first` on, following next_url; merged and limited to ts in [fromTs, toTs]. */
export async function fetchDailyColumns(
  attempt: Attempt,
  first: () => Promise<unknown>,
  next: (url: string) => Promise<unknown>,
  endpoint: string,
  fromTs: number,
  toTs: number,
): Promise<BarColumnSet> {
  const pages: BarColumnSet[] = [];
  const seen = new Set<string>();
  let send = first;
  for (;;) {
    const page = await attempt(send, (body) => readAggregatesPage(body, endpoint));
    pages.push(page.bars);
    const url = page.nextUrl;
    if (url === null || url === '') break;
    if (seen.has(url)) throw new DataError(`Polygon ${endpoint}: next_url repeats a page already read`);
    seen.add(url);
    send = () => next(url);
  }
  return mergeDailyPages(pages, fromTs, toTs);
}

/**
 * Pages in the order read → one series: ts re-stamped to 00:00 New York (Polygon's daily `t` is the
 * session's start in New York already, so this is normally a no-op), sorted, a repeated ts keeping
 * the bar read last, and cut to [fromTs, toTs].
 */
export function mergeDailyPages(pages: readonly BarColumnSet[], fromTs: number, toTs: number): BarColumnSet {
  let c = pages.length === 1 ? pages[0]! : concatColumns(pages);
  const ts = c.ts;
  stampSessions(ts);
  let ascending = true;
  for (let i = 1; i < ts.length && ascending; i++) ascending = ts[i]! > ts[i - 1]!;
  if (!ascending) c = sortUnique(c);
  let lo = 0;
  let hi = c.ts.length;
  while (lo < hi && c.ts[lo]! < fromTs) lo++;
  while (hi > lo && c.ts[hi - 1]! > toTs) hi--;
  return lo === 0 && hi === c.ts.length ? c : sliceColumns(c, lo, hi);
}

function sortUnique(c: BarColumnSet): BarColumnSet {
  const ts = c.ts;
  const order = Array.from({ length: ts.length }, (_, i) => i).sort((a, b) => ts[a]! - ts[b]! || a - b);
  const keep: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const following = order[k + 1];
    if (following === undefined || ts[following] !== ts[i]) keep.push(i); // the last of equal ts wins
  }
  return pickRows(c, keep);
}
