/**
 * decimalToDouble against Number() (V8's correctly rounded string → double, the conversion JSON.parse
 * uses): wherever it answers, the answer must be the same double; it may only decline (NaN).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalToDouble } from '../../src/lib/market/exact-decimal.js';

/** Split a digit string of 16–19 significant digits the way the scanner does. */
function convert(digits: string, scale: number): number {
  return decide(Number(digits.slice(0, 15)), digits.length - 15, Number(digits.slice(15) || '0'), scale);
}

/** decimalToDouble's value, NaN when it declines. */
function decide(a: number, k: number, b: number, scale: number): number {
  const slot = new Float64Array([a]);
  const ok = decimalToDouble(slot, 0, k, b, scale);
  assert.equal(ok, !Number.isNaN(slot[0]!), 'the slot holds NaN exactly when it declines');
  return slot[0]!;
}

const literal = (digits: string, scale: number): string => `${digits}e-${scale}`;

test('random 16–19 digit mantissas: the same double as Number(), and nearly always decided', () => {
  let s = 7;
  const rnd = (): number => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  let decided = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const length = 16 + Math.floor(rnd() * 4);
    let digits = String(1 + Math.floor(rnd() * 9));
    while (digits.length < length) digits += String(Math.floor(rnd() * 10));
    const scale = Math.floor(rnd() * 23);
    const got = convert(digits, scale);
    if (Number.isNaN(got)) continue;
    decided++;
    assert.ok(
      Object.is(got, Number(literal(digits, scale))),
      `${literal(digits, scale)}: ${got} vs ${Number(literal(digits, scale))}`,
    );
  }
  assert.ok(decided > n * 0.99, `decided ${decided} of ${n}`);
});

test('decimals within 10^-19 of a halfway point between two doubles: never a wrong double', () => {
  let s = 11;
  const rnd = (): number => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const view = new Float64Array(1);
  const raw = new BigUint64Array(view.buffer);
  for (let i = 0; i < 50_000; i++) {
    view[0] = (1 + rnd()) * 10 ** Math.floor(rnd() * 6);
    const x = view[0];
    raw[0] = raw[0]! + 1n;
    const next = view[0];
    // The halfway point printed with 19 significant digits lands on either side of it, or on it.
    const mid = (x / 2 + next / 2).toPrecision(19);
    const [int, frac = ''] = mid.split('.');
    const digits = (int! + frac).replace(/^0+/, '');
    const got = convert(digits, frac.length);
    if (!Number.isNaN(got)) assert.ok(Object.is(got, Number(mid)), `${mid}: ${got} vs ${Number(mid)}`);
  }
});

test('out of its range it declines rather than guessing', () => {
  assert.ok(Number.isNaN(decide(123456789012345, 2, 67, 23)), 'scale beyond 10^22');
  assert.ok(Number.isNaN(decide(123456789012345, 2, 67, -1)), 'negative scale');
  // 2^60 exactly: a power of two, where the ulp below is half the ulp above.
  const p = '1152921504606846976';
  const got = convert(p, 0);
  assert.ok(Number.isNaN(got) || got === 2 ** 60);
});
