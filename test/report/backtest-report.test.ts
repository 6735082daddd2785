/**
 * The HTML backtest report on real runs (SMA 10/20 cross over data/sample, the bundled real daily
 * bars): self-contained (no http(s) script or stylesheet, the chart library inlined), the embedded
 * data consistent with the engine's result, and in headless Chromium no console or page error and
 * no network request, with the charts drawn. Screenshots go to reports/screenshots/ for review.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderBacktestReport, writeBacktestReport } from '../../src/lib/report/backtest-html.js';
import { formatMoney } from '../../src/lib/report/format.js';
import { nyDate } from '../../src/lib/time.js';
import { browserSkip, checkPageInBrowser } from '../helpers/browser.js';
import { tempDir } from '../helpers/tmp.js';
import { embeddedPayload, smaCrossRun } from './report-input.js';

const SCREENSHOTS = join(process.cwd(), 'reports', 'screenshots');
const noChromium = browserSkip();

interface Payload {
  runId: string;
  daily: boolean;
  symbols: string[];
  time: string[];
  equity: number[];
  buyHold: number[];
  drawdownPct: number[];
  markers: Record<string, unknown[]>;
  candles: Record<string, { close: Array<number | null> }>;
  tradeCount: number;
}

function assertSelfContained(html: string): void {
  const remote =
    /<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?\/\/|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?\/\//i;
  assert.equal(remote.exec(html)?.[0], undefined, 'a remote script/link/img');
  assert.doesNotMatch(html, /@import|url\(\s*["']?(?:https?:)?\/\//i, 'remote CSS');
  // The inlined lightweight-charts bundle (≈200 kB) defines the global the page script uses.
  assert.match(html, /window\.LightweightCharts=/);
}

const rowsOf = (html: string, tableClass: string): number => {
  const m = new RegExp(`<table class="${tableClass}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  return m ? (m[1]!.match(/<tr>/g) ?? []).length : -1;
};

test('single-symbol report: self-contained, data consistent with the engine result', () => {
  const { result, input } = smaCrossRun(['AAPL']);
  const html = renderBacktestReport(input);
  assertSelfContained(html);
  const p = embeddedPayload(html) as unknown as Payload;
  assert.ok(
    result.trades.length > 50,
    `expected many SMA-cross trades on 11 years of AAPL, got ${result.trades.length}`,
  );
  assert.equal(p.runId, result.id);
  assert.equal(p.tradeCount, result.trades.length);
  assert.equal(p.daily, true);
  assert.equal(p.time.length, result.curves.ts.length);
  assert.equal(p.time[0], nyDate(result.curves.ts[0]!));
  assert.equal(p.time[0], '2013-01-02');
  // Each round trip gives an entry arrow and an exit dot, all on AAPL bars.
  assert.equal(p.markers.AAPL!.length, 2 * result.trades.length);
  assert.equal(p.candles.AAPL!.close.filter((c) => c === null).length, 0);
  // Curves against the engine's own statistics (independent code paths in stats.ts).
  assert.equal(p.equity.at(-1), Math.round(result.stats['Equity Final [$]'] * 100) / 100);
  assert.ok(
    Math.abs(Math.min(...p.drawdownPct) - result.stats['Max. Drawdown [%]']) < 1e-3,
    'drawdown curve minimum = Max. Drawdown [%]',
  );
  assert.equal(p.buyHold[0], p.equity[0]);
  const bh = ((p.buyHold.at(-1)! - p.buyHold[0]!) / p.buyHold[0]!) * 100;
  // Buy & Hold Return [%] is measured from the close before the first decision (bar 20), the curve from bar 0.
  assert.ok(bh > 0 && Number.isFinite(result.stats['Buy & Hold Return [%]']));
  // Tables: one row per trade; first trade's PnL printed in dollars and cents.
  assert.equal(rowsOf(html, 'data trades'), result.trades.length);
  assert.ok(html.includes(formatMoney(result.trades[0]!.pnl)));
  assert.match(html, /<th scope="row">Sharpe Ratio<\/th><td class="num ">-?\d+\.\d\d<\/td>/);
  assert.match(html, /<th scope="row">Max\. Drawdown Duration<\/th><td class="num ">[\d,]+ days<\/td>/);
  assert.match(html, /<th scope="row">Equity Final \[\$\]<\/th><td class="num ">\$[\d,]+\.\d\d<\/td>/);
  assert.ok(!html.includes('id="symbol-select"'), 'no symbol selector for one symbol');
});

test('text from parameters and titles cannot break out of the page', () => {
  const { input } = smaCrossRun(['AAPL'], { from: '2023-01-03' });
  const evil = '</script><script>alert(1)</script><!--';
  const html = renderBacktestReport({
    ...input,
    runId: `bt-${evil}`,
    title: `x <b>${evil}`,
    params: { ...input.params, note: evil },
  });
  assert.ok(!html.includes('<script>alert(1)'), 'raw injected script');
  assert.ok(!html.includes('x <b>'), 'raw injected tag');
  assert.equal((embeddedPayload(html) as unknown as Payload).runId, `bt-${evil}`);
});

test('a run with no closed trade still gives a complete page', () => {
  const { result, input } = smaCrossRun(['AAPL'], { from: '2023-12-01' });
  assert.equal(result.trades.length, 0, 'no SMA cross completes a round trip in December 2023');
  const html = renderBacktestReport(input);
  assert.match(html, /No closed trades\./);
  assert.match(html, /<div class="kpi-label">Trades<\/div><div class="kpi-value ">0<\/div>/);
  assert.deepEqual((embeddedPayload(html) as unknown as Payload).markers.AAPL, []);
});

test('writeBacktestReport creates the folder and leaves no temp file', (t) => {
  const dir = tempDir(t);
  const { input } = smaCrossRun(['AAPL'], { from: '2023-01-03' });
  const path = join(dir, 'nested', 'deeper', 'report.html');
  writeBacktestReport(path, input);
  writeBacktestReport(path, input);
  assert.deepEqual(readdirSync(join(dir, 'nested', 'deeper')), ['report.html']);
  assert.equal(readFileSync(path, 'utf8'), renderBacktestReport(input));
});

test('single-symbol report renders in Chromium with no error and no request', { skip: noChromium }, async (t) => {
  const dir = tempDir(t);
  const { result, input } = smaCrossRun(['AAPL']);
  const file = join(dir, 'report.html');
  writeBacktestReport(file, input);
  const shot = join(SCREENSHOTS, 'backtest-report.png');
  const page = await checkPageInBrowser<{ canvases: number; heights: number[]; markers: number }>(file, shot, {
    waitForSelector: 'body[data-ready="1"]',
    evaluate: `({ canvases: document.querySelectorAll('canvas').length,
      heights: ['chart-price', 'chart-equity', 'chart-drawdown'].map((id) => document.getElementById(id).getBoundingClientRect().height),
      markers: JSON.parse(document.getElementById('report-data').textContent).markers.AAPL.length })`,
  });
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.match(page.title, new RegExp(`AAPL.*${result.id}`));
  // lightweight-charts draws each pane and axis on its own canvases: several per chart.
  assert.ok(page.evaluated!.canvases >= 9, `canvases: ${page.evaluated!.canvases}`);
  for (const h of page.evaluated!.heights) assert.ok(h >= 150, `chart height ${h}`);
  assert.equal(page.evaluated!.markers, 2 * result.trades.length);
  assert.ok(readFileSync(shot).subarray(1, 4).toString() === 'PNG');
});

test(
  'portfolio report: per-symbol table and a working symbol selector in Chromium',
  { skip: noChromium },
  async (t) => {
    const dir = tempDir(t);
    const { result, input } = smaCrossRun(['AAPL', 'MSFT', 'NVDA'], { from: '2021-01-04' });
    const html = renderBacktestReport(input);
    assertSelfContained(html);
    const p = embeddedPayload(html) as unknown as Payload;
    assert.deepEqual(p.symbols, ['AAPL', 'MSFT', 'NVDA']);
    const markers = Object.values(p.markers).reduce((s, m) => s + m.length, 0);
    assert.equal(markers, 2 * result.trades.length);
    assert.equal(rowsOf(html, 'data'), 3, 'one per-symbol row per symbol');
    for (const s of p.symbols) assert.ok(html.includes(`data-symbol="${s}"`));
    const file = join(dir, 'portfolio.html');
    writeBacktestReport(file, input);
    const page = await checkPageInBrowser<string>(file, join(SCREENSHOTS, 'backtest-report-portfolio.png'), {
      waitForSelector: 'body[data-ready="1"]',
      evaluate: `(async () => {
      document.querySelector('[data-symbol="MSFT"]').click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return document.getElementById('price-symbol').textContent + ' ' + document.querySelector('button.active').textContent;
    })()`,
    });
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.failedRequests, []);
    assert.equal(page.evaluated, 'MSFT MSFT');
  },
);
