import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assetClassOf, normalizeSymbol, parseSymbolList } from '../../src/lib/symbols.js';
import { UsageError } from '../../src/lib/errors.js';
import { parseDate } from '../../src/lib/time.js';

test('symbols are trimmed, upper-cased and validated: stocks, OCC options, crypto', () => {
  const ok: Array<[string, string, string]> = [
    [' aapl ', 'AAPL', 'stock'],
    ['brk.b', 'BRK.B', 'stock'],
    ['O:AAPL250117C00150000', 'O:AAPL250117C00150000', 'option'],
    ['o:spy240119p00450000', 'O:SPY240119P00450000', 'option'],
    ['x:btcusd', 'X:BTCUSD', 'crypto'],
  ];
  for (const [raw, want, cls] of ok) {
    assert.equal(normalizeSymbol(raw), want);
    assert.equal(assetClassOf(want), cls);
  }
  for (const bad of [
    '',
    'AA$PL',
    'TOOLONGSYM',
    'BRK.',
    'O:AAPL25011C00150000',
    'O:AAPL250117X00150000',
    'X:',
    '1234',
    'AAPL MSFT',
  ]) {
    assert.throws(
      () => normalizeSymbol(bad),
      (e: unknown) => e instanceof UsageError,
      bad,
    );
  }
});

test('symbol lists: commas, duplicates removed in order, empty refused', () => {
  assert.deepEqual(parseSymbolList('msft, AAPL,,msft'), ['MSFT', 'AAPL']);
  assert.throws(() => parseSymbolList(' , '), /no symbols given/);
  assert.throws(() => parseSymbolList(undefined), /no symbols given/);
});

test('dates: only real YYYY-MM-DD days', () => {
  assert.equal(parseDate('2024-02-29'), '2024-02-29');
  for (const bad of ['2023-02-29', '2024-13-01', '24-01-01', '2024/01/01', 'today'])
    assert.throws(() => parseDate(bad), UsageError, bad);
});
