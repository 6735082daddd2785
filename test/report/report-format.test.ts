/** Report formatting and HTML plumbing, against hand-computed strings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/lib/errors.js';
import { formatMoney, formatStat } from '../../src/lib/report/format.js';
import { writeFileAtomic } from '../../src/lib/files/atomic-write.js';
import { chartLibrarySource, escapeHtml, jsonForScript } from '../../src/lib/report/html.js';
import { tempDir } from '../helpers/tmp.js';

test('formatStat formats by backtesting.py key kind', () => {
  const cases: Array<[string, unknown, string]> = [
    ['Return [%]', 12.3456, '12.35%'],
    ['Buy & Hold Return [%]', 1080.0549, '1,080.05%'],
    ['Max. Drawdown [%]', -46.554, '-46.55%'],
    ['Equity Final [$]', 1234567.891, '$1,234,567.89'],
    ['Profit [$]', -5, '-$5.00'],
    ['Duration', 4013, '4,013 days'],
    ['Max. Trade Duration', 1, '1 day'],
    ['Avg. Trade Duration', 6.5 / 24, '0.27 days'],
    ['# Trades', 128, '128'],
    ['Sharpe Ratio', 0.1549, '0.15'],
    ['Beta', -0.0312, '-0.03'],
    ['Sortino Ratio', Number.NaN, '—'],
    ['Calmar Ratio', null, '—'],
    ['Profit Factor', Infinity, '∞'],
    ['Start', '2013-01-02', '2013-01-02'],
    ['Trades per Symbol', { AAPL: 33, MSFT: 1036 }, 'AAPL 33 · MSFT 1,036'],
  ];
  for (const [key, value, expected] of cases) assert.equal(formatStat(key, value), expected, key);
  assert.equal(formatMoney(-1234.5, false), '-$1,235');
  assert.equal(formatMoney(1234.4, false), '$1,234');
});

test('escapeHtml escapes markup and both quote kinds', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
  );
});

test('jsonForScript cannot close its script block and parses back to the same value', () => {
  const value = { s: '</script><!-- \u2028 \u2029', n: [1.5, Number.NaN, Infinity] };
  const text = jsonForScript(value);
  assert.ok(!text.includes('<'), text);
  assert.ok(!text.includes('\u2028') && !text.includes('\u2029'));
  assert.deepEqual(JSON.parse(text), { s: value.s, n: [1.5, null, null] });
});

test('the chart library comes from the installed package, with no closing script tag in it', () => {
  const lib = chartLibrarySource();
  assert.ok(lib.length > 100_000, `bundle of ${lib.length} chars`);
  assert.match(lib, /TradingView Lightweight Charts/);
  assert.doesNotMatch(lib, /<\/script/i);
});

test('writeFileAtomic replaces the file whole and reports an unwritable place as ConfigError', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'a', 'out.html');
  writeFileAtomic(path, 'one');
  writeFileAtomic(path, 'two');
  assert.deepEqual(readdirSync(join(dir, 'a')), ['out.html']);
  const blocker = join(dir, 'file');
  writeFileSync(blocker, 'x');
  assert.throws(
    () => writeFileAtomic(join(blocker, 'out.html'), 'x'),
    (err: unknown) => err instanceof ConfigError && /cannot write .*file\/out\.html/.test(err.message),
  );
});
