/**
 * scanAggregates against the reference reader it replaces: JSON.parse (+ mapAggregates). Values must be
 * bit-identical (Object.is, so -0 and NaN count), on the recorded Polygon bodies
 * (test/fixtures/polygon/mock_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json,
 * openapi_v2_aggs_ticker_range.json; provenance in SOURCES.txt) and on large generated bodies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scanAggregates } from '../../src/lib/market/aggregates-scan.js';
import { columnsToBars, type BarColumnSet } from '../../src/lib/bar-columns.js';
import { mapAggregates } from '../../src/lib/market/polygon-map.js';
import { mergeDailyPages, readAggregatesPage } from '../../src/lib/market/polygon-aggregates.js';
import { TemporaryError } from '../../src/lib/errors.js';
import { fixturePath } from '../helpers/tmp.js';

const FIELDS = [
  ['t', 'ts'],
  ['o', 'open'],
  ['h', 'high'],
  ['l', 'low'],
  ['c', 'close'],
  ['v', 'volume'],
  ['vw', 'vwap'],
  ['n', 'trades'],
] as const;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every field of every bar equals JSON.parse's number (missing/null → NaN), bit for bit. */
function assertSameAsJsonParse(text: string): BarColumnSet {
  const page = scanAggregates(bytes(text));
  assert.ok(page, 'the scanner reads the body');
  const results = (JSON.parse(text) as { results?: Array<Record<string, unknown>> | null }).results ?? [];
  assert.equal(page.bars.ts.length, results.length);
  results.forEach((r, i) => {
    for (const [key, column] of FIELDS) {
      const want = typeof r[key] === 'number' ? r[key] : NaN;
      const got = page.bars[column][i]!;
      assert.ok(Object.is(got, want), `bar ${i} ${key}: got ${got}, JSON.parse ${want}`);
    }
  });
  return page.bars;
}

/** The lean path (scan → merge) gives exactly the bars of the old path (JSON.parse → mapAggregates). */
function assertSameBarsAsMapper(text: string): void {
  const lean = columnsToBars(
    'AAPL',
    '1d',
    mergeDailyPages([readAggregatesPage(bytes(text), 'test').bars], -Infinity, Infinity),
  );
  assert.deepEqual(lean, mapAggregates(JSON.parse(text), 'AAPL', '1d', 'test'));
}

for (const file of [
  'mock_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json',
  'openapi_v2_aggs_ticker_range.json',
]) {
  test(`recorded body ${file}: bit-identical to JSON.parse, same bars as mapAggregates`, () => {
    const text = readFileSync(fixturePath('polygon', file), 'utf8');
    const bars = assertSameAsJsonParse(text);
    assert.equal(bars.ts.length, 2);
    assertSameBarsAsMapper(text);
    const page = scanAggregates(bytes(text))!;
    const json = JSON.parse(text) as { next_url?: string; status: string; resultsCount: number };
    assert.equal(page.nextUrl, json.next_url ?? null);
    assert.equal(page.status, 'OK');
    assert.equal(page.resultsCount, json.resultsCount);
  });
}

/** A deterministic random literal of the kinds Polygon and our fakes print. */
function literal(rnd: () => number): string {
  const kinds = [
    () => String(50 + rnd() * 100), // 17 significant digits (shortest round-trip form)
    () => String(-(rnd() * 1000)), // negative
    () => String(Math.round(rnd() * 1e9)), // integer
    () => (rnd() * 500).toFixed(4), // real Polygon prices: 4 decimals
    () => `${1 + Math.floor(rnd() * 9)}e-7`, // exponent
    () => `${(rnd() * 10).toPrecision(19)}E+${Math.floor(rnd() * 30)}`, // 19 digits, capital E, signed exponent
    () => `-${(rnd() * 9).toPrecision(18)}e-${Math.floor(rnd() * 300)}`, // tiny, beyond the fast paths
    () => `0.${'0'.repeat(Math.floor(rnd() * 6))}${Math.floor(rnd() * 1e17)}`, // leading zeros in the fraction
    () => `${1 + Math.floor(rnd() * 999_999)}${'0'.repeat(Math.floor(rnd() * 20))}.${Math.floor(rnd() * 1e6)}`, // long mantissa
    () => (rnd() < 0.5 ? '-0' : '0.0'),
  ];
  return kinds[Math.floor(rnd() * kinds.length)]!();
}

function generatedBody(count: number, seed: number): string {
  let s = seed;
  const rnd = (): number => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const bars: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields = [`"t":${1_390_000_000_000 + i * 86_400_000}`];
    for (const key of ['o', 'h', 'l', 'c', 'v']) fields.push(`"${key}":${literal(rnd)}`);
    if (rnd() < 0.8) fields.push(`"vw":${literal(rnd)}`); // missing vw
    if (rnd() < 0.8) fields.push(`"n":${rnd() < 0.1 ? 'null' : Math.floor(rnd() * 1e5)}`); // missing or null n
    fields.sort(() => rnd() - 0.5); // any key order
    bars.push(`{${fields.join(rnd() < 0.5 ? ',' : ' ,\n  ')}}`);
  }
  return (
    `{"ticker":"GEN","queryCount":${count},"resultsCount":${count},"adjusted":true,"results":[${bars.join(',')}],` +
    `"status":"OK","request_id":"r\\u0031","count":${count}}`
  );
}

test('large generated bodies (negatives, exponents, integers, missing vw/n, -0): bit-identical to JSON.parse', () => {
  for (let seed = 1; seed <= 8; seed++) {
    const text = generatedBody(5000, seed);
    assertSameAsJsonParse(text);
    assertSameBarsAsMapper(text);
  }
});

test('a body whose resultsCount understates the bars still reads every bar (the columns grow)', () => {
  const text = generatedBody(3000, 99).replace('"resultsCount":3000', '"resultsCount":1');
  assert.equal(assertSameAsJsonParse(text).ts.length, 3000);
});

test('empty results, results absent, results null: no bars, next_url still read', () => {
  for (const text of [
    '{"ticker":"X","resultsCount":0,"results":[],"status":"OK"}',
    '{"ticker":"X","queryCount":0,"resultsCount":0,"adjusted":true,"status":"OK","request_id":"a","count":0}',
    '{"results":null,"status":"DELAYED","next_url":"https://api.polygon.io/v2/aggs/ticker/X/range/1/day/1/2?cursor=abc"}',
    ' \n{ }\n ',
  ]) {
    const page = scanAggregates(bytes(text));
    assert.ok(page, text);
    assert.equal(page.bars.ts.length, 0);
    assert.deepEqual(readAggregatesPage(bytes(text), 'test').bars.ts.length, 0);
  }
  assert.equal(
    scanAggregates(bytes('{"results":null,"next_url":"https://x/y?cursor=abc","status":"DELAYED"}'))?.nextUrl,
    'https://x/y?cursor=abc',
  );
});

const good = '{"results":[{"t":1112331600000,"o":1.5,"h":2,"l":1,"c":1.25,"v":100}],"status":"OK"}';

test('anything unexpected → null (the general reader decides); its verdict matches the old path', () => {
  const unknownKey = good.replace('"v":100', '"v":100,"otc":true');
  const stringNumber = good.replace('"o":1.5', '"o":"1.5"');
  const cases: Array<[string, string]> = [
    ['unknown key in a bar', unknownKey],
    ['string where a number belongs', stringNumber],
    ['nested object at the top', good.replace('"status":"OK"', '"meta":{"a":1}')],
    ['leading zero', good.replace('"v":100', '"v":0100')],
    ['missing timestamp', good.replace('"t":1112331600000,', '')],
    ['trailing garbage', `${good}x`],
    ['truncated', good.slice(0, 40)],
    ['HTML from a proxy', '<html><body>502 Bad Gateway</body></html>'],
    ['empty body', ''],
  ];
  for (const [what, text] of cases) assert.equal(scanAggregates(bytes(text)), null, what);
  // Same results as JSON.parse + mapAggregates where that path succeeds…
  for (const text of [unknownKey, stringNumber]) assertSameBarsAsMapper(text);
  // …and a retryable error where it fails.
  for (const text of [good.slice(0, 40), '<html>', '', good.replace('"t":1112331600000,', '')]) {
    assert.throws(() => readAggregatesPage(bytes(text), 'daily aggregates for X'), TemporaryError);
  }
});

test('mergeDailyPages: re-stamps, sorts, drops repeats (the bar read last wins), cuts to the range', () => {
  const page = (ts: number[], close: number[]): BarColumnSet => {
    const text = `{"results":[${ts.map((t, i) => `{"t":${t},"o":1,"h":1,"l":1,"c":${close[i]},"v":1}`).join(',')}]}`;
    return scanAggregates(bytes(text))!.bars;
  };
  const day = (d: number): number => Date.UTC(2024, 0, d, 5); // 00:00 New York in January (EST)
  const merged = mergeDailyPages(
    [page([day(8), day(9)], [8, 9]), page([day(2), day(3), day(9)], [2, 3, 99])],
    day(3),
    day(9),
  );
  assert.deepEqual([...merged.ts], [day(3), day(8), day(9)]);
  assert.deepEqual([...merged.close], [3, 8, 99]);
  // A t later in the New York day is stamped to that day's midnight.
  assert.deepEqual([...mergeDailyPages([page([day(4) + 3_600_000], [4])], -Infinity, Infinity).ts], [day(4)]);
});
