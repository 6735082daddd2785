/** OCC symbology (OCC, "Options Symbology Initiative", 2010): root, YYMMDD, C/P, strike × 1000 in 8 digits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOcc, normalizeOcc, parseOcc } from '../../src/lib/options/occ.js';
import { normalizeSymbol } from '../../src/lib/symbols.js';

test('both spellings parse to the same contract and normalise to the stored O: form', () => {
  const plain = parseOcc('AAPL240119C00190000');
  assert.deepEqual(plain, { root: 'AAPL', expiry: '2024-01-19', type: 'call', strike: 190 });
  assert.deepEqual(parseOcc('O:AAPL240119C00190000'), plain);
  assert.equal(normalizeOcc('aapl240119c00190000'), 'O:AAPL240119C00190000');
  assert.equal(normalizeOcc('O:SPY250321P00412500'), 'O:SPY250321P00412500');
  assert.equal(parseOcc('O:SPY250321P00412500').strike, 412.5);
  assert.equal(formatOcc(plain, false), 'AAPL240119C00190000');
  // The stored form is the one the rest of ats accepts as a symbol.
  assert.equal(normalizeSymbol(normalizeOcc('AAPL240119C00190000')), 'O:AAPL240119C00190000');
});

for (const [raw, reason] of [
  ['AAPL241319C00190000', /bad date "241319": no such day/],
  ['AAPL240230C00190000', /bad date "240230": no such day/],
  ['AAPL24011C00190000', /bad date/],
  ['AAPL240119X00190000', /bad type letter "X": expected C or P/],
  ['AAPL240119C0019000', /bad strike field "0019000": expected 8 digits/],
  ['AAPL240119C0019000A', /bad strike field/],
  ['AAPL240119C00000000', /the strike must be above 0/],
  ['240119C00190000', /expected a root of 1 to 6 letters/],
] as const)
  test(`malformed OCC symbol refused with its reason: ${raw}`, () => {
    assert.throws(
      () => parseOcc(raw),
      (e: Error & { exitCode?: number }) => reason.test(e.message) && e.exitCode === 2,
    );
  });
