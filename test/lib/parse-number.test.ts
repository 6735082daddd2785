import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseDecimal,
  parseFraction,
  parsePrice,
  parseProbability,
  parseWholeNumber,
} from '../../src/lib/parse-number.js';
import { UsageError } from '../../src/lib/errors.js';

const refused = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'));

test('whole numbers: decimal digits only (no hex, exponent, sign, spaces, fractions)', () => {
  assert.equal(parseWholeNumber('10', 'quantity'), 10);
  assert.equal(parseWholeNumber('007', 'quantity'), 7);
  for (const bad of ['0x10', '1e2', '+5', '-5', ' 5', '5 ', '', '2.5', '0', '0b11', 'Infinity', '99999999999999999999'])
    refused(() => parseWholeNumber(bad, 'quantity'), /^quantity must be a positive whole number, got/);
  assert.equal(parseWholeNumber('0', '--seed', 0), 0);
  refused(() => parseWholeNumber('1', '--folds', 2), /--folds must be a whole number of at least 2, got "1"/);
});

test('decimals and prices: plain decimal notation', () => {
  assert.equal(parseDecimal('190.5', '--cash'), 190.5);
  assert.equal(parseDecimal('.5', 'x'), 0.5);
  assert.equal(parseDecimal('-0.3', 'x'), -0.3);
  refused(() => parseDecimal('-0.3', 'x', { min: 0 }), /x must be a decimal number at least 0, got "-0.3"/);
  refused(() => parseDecimal('0', 'x', { min: 0, minExclusive: true }), /above 0/);
  for (const bad of ['0x10', '1e3', '', ' 1', '1.', 'NaN', '1,5']) refused(() => parseDecimal(bad, 'x'), /decimal/);
  assert.equal(parsePrice('190.25', '--limit'), 190.25);
  for (const bad of ['0', '-1', '0x10', '1e2'])
    refused(() => parsePrice(bad, '--limit'), /--limit must be a price > 0/);
});

test('percentage-like flags: 5% and 0.05 are the same; a plain 5 is ambiguous and refused', () => {
  assert.equal(parseFraction('5%', '--stop-loss'), 0.05);
  assert.equal(parseFraction('0.05', '--stop-loss'), 0.05);
  assert.equal(parseFraction('0.5%', '--stop-loss'), 0.005);
  assert.equal(parseFraction('150%', '--take-profit'), 1.5);
  assert.equal(parseFraction('-0.5%', '--threshold', { min: -1, minExclusive: true }), -0.005);
  refused(() => parseFraction('5', '--stop-loss'), /^--stop-loss 5 is ambiguous: write 5% or 0\.05$/);
  refused(() => parseFraction('1', '--commission'), /--commission 1 is ambiguous: write 1% or 0\.01/);
  refused(() => parseFraction('0', '--stop-loss', { min: 0, minExclusive: true }), /--stop-loss must be above 0%/);
  refused(() => parseFraction('101%', '--stop-loss', { max: 1 }), /--stop-loss must be at most 100%, got "101%"/);
  for (const bad of ['x', '5 %', '%', '0x5%', '1e-2'])
    refused(() => parseFraction(bad, '--outlier'), /--outlier must be/);
});

test('probabilities: [0, 1] or a percentage', () => {
  assert.equal(parseProbability('0.55', '--threshold'), 0.55);
  assert.equal(parseProbability('55%', '--threshold'), 0.55);
  assert.equal(parseProbability('1', '--threshold'), 1);
  refused(
    () => parseProbability('0.45', '--threshold', 0.5, 1),
    /--threshold must be a probability within \[0.5, 1\], got "0.45"/,
  );
  refused(() => parseProbability('55', '--threshold'), /probability/);
});
