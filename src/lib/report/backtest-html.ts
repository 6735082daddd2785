import { BACKTEST_CLIENT_JS } from './backtest-client.js';
import { BACKTEST_CSS } from './backtest-css.js';
import { buildReportPayload, COLORS, type BacktestReportInput } from './backtest-data.js';
import { kpiTiles, perSymbolTable, statsTables, tradesTable } from './backtest-tables.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { chartLibrarySource, escapeHtml as esc, jsonForScript } from './html.js';

export type { BacktestReportInput } from './backtest-data.js';

function paramChips(params: BacktestReportInput['params']): string {
  return Object.entries(params)
    .map(([k, v]) => `<span class="chip"><b>${esc(k)}</b>${esc(String(v))}</span>`)
    .join('');
}

function symbolSelector(symbols: readonly string[]): string {
  if (symbols.length < 2) return '';
  const buttons = symbols
    .map((s) => `<button type="button" data-symbol="${esc(s)}" aria-pressed="false">${esc(s)}</button>`)
    .join('');
  return `<div class="symbols" id="symbol-select" role="group" aria-label="Symbol">${buttons}</div>`;
}

const PRICE_LEGEND = `<div class="legend">
<span><span style="color:${COLORS.up}">▲</span>long entry</span>
<span><span style="color:${COLORS.down}">▼</span>short entry</span>
<span><span style="color:${COLORS.up}">●</span>/<span style="color:${COLORS.down}">●</span>exit (PnL; zoom in for labels)</span></div>`;

const equityLegend = (equalWeight: boolean): string => `<div class="legend">
<span><i class="sw" style="background:${COLORS.equity}"></i>Strategy</span>
<span><i class="sw dash"></i>Buy &amp; hold (same starting cash)</span>${
  equalWeight
    ? `\n<span><i class="sw" style="background:${COLORS.equalWeight}"></i>Equal weight (rebalanced each window, same costs)</span>`
    : ''
}</div>`;

function extraTables(tables: BacktestReportInput['tables']): string {
  return (tables ?? [])
    .map((t) => {
      const head = t.head.map((h) => `<th>${esc(h)}</th>`).join('');
      const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
      const note = t.note ? `<div class="legend">${esc(t.note)}</div>` : '';
      return (
        `<section class="card"><div class="card-head"><h2>${esc(t.title)}</h2>${note}</div>` +
        `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`
      );
    })
    .join('\n');
}

const WARNING_STYLE = 'background:#fef2f2;border:2px solid #dc2626;color:#991b1b;font-weight:600';

/**
 * One self-contained HTML page for a backtest: candlesticks with trade markers (a symbol selector for
 * portfolios), equity against buy & hold, drawdown, the statistics, per-symbol totals and the trade
 * list. The chart library and the data are inlined, so it opens offline and makes no request.
 */
export function renderBacktestReport(input: BacktestReportInput): string {
  const payload = buildReportPayload(input);
  const symbols = payload.symbols;
  const portfolio = symbols.length > 1;
  const start = typeof input.stats.Start === 'string' ? input.stats.Start : payload.time[0];
  const end = typeof input.stats.End === 'string' ? input.stats.End : payload.time[payload.time.length - 1];
  const period = start !== undefined && end !== undefined ? ` · ${esc(String(start))} → ${esc(String(end))}` : '';
  const perSymbol =
    portfolio || (input.perSymbol?.length ?? 0) > 1
      ? `<section class="card"><div class="card-head"><h2>Per symbol</h2></div>${perSymbolTable(input)}</section>`
      : '';
  const priceHead =
    `<div class="card-head"><h2>Price &amp; trades — <span id="price-symbol">${esc(symbols[0] ?? '')}</span></h2>` +
    `${symbolSelector(symbols)}${PRICE_LEGEND}</div>`;
  const tradesCard =
    '<section class="card"><div class="card-head"><h2>Trades</h2>' +
    `<div class="legend">${input.trades.length} closed, in closing order</div></div>${tradesTable(input.trades)}</section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Backtest ${symbols.join(', ')} — ${input.title} (${input.runId})`)}</title>
<style>${BACKTEST_CSS}</style>
</head>
<body>
<main>
<header class="top">
<h1>${esc(input.title)}</h1>
<div class="sub">Backtest <code>${esc(input.runId)}</code> · ${esc(symbols.join(', '))}${period} · ${payload.time.length} bars</div>
<div class="chips">${paramChips(input.params)}</div>
</header>
${input.warning ? `<section class="card warning" role="alert" style="${WARNING_STYLE}">${esc(input.warning)}</section>` : ''}
<section class="kpis">${kpiTiles(input.stats, input.trades.length)}</section>
<section class="card">
${priceHead}
<div id="chart-price" class="chart price"></div>
</section>
<section class="card">
<div class="card-head"><h2>Equity</h2>${equityLegend(input.equity.equalWeight !== undefined)}</div>
<div id="chart-equity" class="chart"></div>
</section>
<section class="card">
<div class="card-head"><h2>Drawdown</h2><div class="legend">% below the running equity peak</div></div>
<div id="chart-drawdown" class="chart small"></div>
</section>
<section class="card"><div class="card-head"><h2>Statistics</h2></div>${statsTables(input.stats)}</section>
${extraTables(input.tables)}
${perSymbol}
${tradesCard}
<footer>Generated by ats · Charts: TradingView Lightweight Charts™, Copyright (c) TradingView, Inc.,
<a href="https://www.tradingview.com/">tradingview.com</a> (Apache-2.0)</footer>
</main>
<script type="application/json" id="report-data">${jsonForScript(payload)}</script>
<script type="application/json" id="report-colors">${jsonForScript(COLORS)}</script>
<script>${chartLibrarySource()}</script>
<script>${BACKTEST_CLIENT_JS}</script>
</body>
</html>
`;
}

/** Render and write the report (folder created, written atomically). */
export function writeBacktestReport(path: string, input: BacktestReportInput): void {
  writeFileAtomic(path, renderBacktestReport(input));
}
