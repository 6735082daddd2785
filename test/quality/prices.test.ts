import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bar, findingsOf, problems, withBar } from './build-bars.js';

test('null, NaN, zero or negative prices: one bad-price error per bar naming the fields', () => {
  for (const [field, value] of [
    ['close', null],
    ['open', Number.NaN],
    ['low', 0],
    ['high', -1],
  ] as const) {
    const bars = withBar('2024-01-09', bar('2024-01-09', 106, { [field]: value }));
    const found = findingsOf(bars).filter((f) => f.level !== 'info');
    // A missing close also removes the bar from the outlier chain, so only the price error shows.
    assert.deepEqual(
      found.map((f) => [f.level, f.check, f.date, f.detail?.fields]),
      [['error', 'bad-price', '2024-01-09', field]],
      `${field}=${String(value)}`,
    );
  }
  const several = withBar('2024-01-09', bar('2024-01-09', 106, { open: null, close: null }));
  assert.equal(findingsOf(several).find((f) => f.check === 'bad-price')?.detail?.fields, 'open,close');
});

test('OHLC violations: high below open/close, low above open/close, high below low', () => {
  const cases = [
    { open: 100, high: 101, low: 99, close: 102 },
    { open: 100, high: 103, low: 101, close: 102 },
    { open: 100, high: 99, low: 101, close: 100 },
  ];
  for (const c of cases) {
    const bars = withBar('2024-01-09', { ts: bar('2024-01-09', 1).ts, volume: 1000, ...c });
    assert.deepEqual(problems(bars), [['error', 'ohlc', '2024-01-09']], JSON.stringify(c));
  }
  const msg = findingsOf(
    withBar('2024-01-09', { ts: bar('2024-01-09', 1).ts, volume: 1, open: 100, high: 99, low: 101, close: 100 }),
  ).find((f) => f.check === 'ohlc')?.message;
  assert.match(msg ?? '', /high below open\/close, low above open\/close, high below low/);
});

test('OHLC edge cases that are fine: high = close, low = open, a doji, float noise', () => {
  const ok = [
    { open: 100, high: 102, low: 100, close: 102 },
    { open: 100, high: 100, low: 100, close: 100 },
    { open: 100, high: 102 * (1 - 1e-12), low: 99, close: 102 },
  ];
  for (const c of ok) {
    assert.deepEqual(
      problems(withBar('2024-01-09', { ts: bar('2024-01-09', 1).ts, volume: 1, ...c })),
      [],
      JSON.stringify(c),
    );
  }
});

test('negative or missing volume is an error; zero volume is fine', () => {
  assert.deepEqual(problems(withBar('2024-01-09', bar('2024-01-09', 106, { volume: -5 }))), [
    ['error', 'bad-volume', '2024-01-09'],
  ]);
  assert.deepEqual(problems(withBar('2024-01-09', bar('2024-01-09', 106, { volume: null }))), [
    ['error', 'bad-volume', '2024-01-09'],
  ]);
  assert.deepEqual(problems(withBar('2024-01-09', bar('2024-01-09', 106, { volume: 0 }))), []);
});
