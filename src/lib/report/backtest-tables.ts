import type { BacktestReportInput, ReportTrade } from './backtest-data.js';
import { escapeHtml as esc } from './html.js';
import { formatCount, formatDays, formatFixed2, formatMoney, formatPercent, formatStat } from './format.js';

/** backtesting.py's order of `Backtest.run()` statistics, then ours; any other key follows. */
export const BACKTEST_STAT_ORDER = [
  'Start',
  'End',
  'Duration',
  'Exposure Time [%]',
  'Equity Final [$]',
  'Equity Peak [$]',
  'Commissions [$]',
  'Return [%]',
  'Buy & Hold Return [%]',
  'Return (Ann.) [%]',
  'Volatility (Ann.) [%]',
  'CAGR [%]',
  'Sharpe Ratio',
  'Sortino Ratio',
  'Calmar Ratio',
  'Alpha [%]',
  'Beta',
  'Max. Drawdown [%]',
  'Avg. Drawdown [%]',
  'Max. Drawdown Duration',
  'Avg. Drawdown Duration',
  '# Trades',
  'Win Rate [%]',
  'Best Trade [%]',
  'Worst Trade [%]',
  'Avg. Trade [%]',
  'Max. Trade Duration',
  'Avg. Trade Duration',
  'Profit Factor',
  'Expectancy [%]',
  'SQN',
  'Kelly Criterion',
  'Profit [$]',
  'Max. Consecutive Losses',
  'Trades per Symbol',
] as const;

/** CSS class for a signed amount: green gain, red loss. */
export function signClass(v: unknown): string {
  return typeof v !== 'number' || !Number.isFinite(v) || v === 0 ? '' : v > 0 ? 'pos' : 'neg';
}

const SIGNED_STATS = new Set([
  'Return [%]',
  'Buy & Hold Return [%]',
  'Return (Ann.) [%]',
  'CAGR [%]',
  'Alpha [%]',
  'Best Trade [%]',
  'Worst Trade [%]',
  'Avg. Trade [%]',
  'Expectancy [%]',
  'Profit [$]',
]);

function orderedStats(stats: Record<string, unknown>): Array<[string, unknown]> {
  const known = new Set<string>(BACKTEST_STAT_ORDER);
  const first = BACKTEST_STAT_ORDER.filter((k) => k in stats).map((k): [string, unknown] => [k, stats[k]]);
  return [...first, ...Object.entries(stats).filter(([k]) => !known.has(k) && !k.startsWith('_'))];
}

/** The statistics as two side-by-side tables (they wrap to one column on a narrow screen). */
export function statsTables(stats: Record<string, unknown>): string {
  const rows = orderedStats(stats);
  const half = Math.ceil(rows.length / 2);
  const table = (part: Array<[string, unknown]>): string =>
    `<table class="stats"><tbody>${part
      .map(
        ([k, v]) =>
          `<tr><th scope="row">${esc(k)}</th><td class="num ${SIGNED_STATS.has(k) ? signClass(v) : ''}">${esc(formatStat(k, v))}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  return `<div class="stats-grid">${table(rows.slice(0, half))}${table(rows.slice(half))}</div>`;
}

/** Headline numbers shown as tiles above the charts. */
export function kpiTiles(stats: Record<string, unknown>, tradeCount: number): string {
  const tiles: Array<[string, string, string]> = [
    ['Return', formatStat('Return [%]', stats['Return [%]']), signClass(stats['Return [%]'])],
    [
      'Buy & hold',
      formatStat('Buy & Hold Return [%]', stats['Buy & Hold Return [%]']),
      signClass(stats['Buy & Hold Return [%]']),
    ],
    ['Final equity', formatStat('Equity Final [$]', stats['Equity Final [$]']), ''],
    ['Sharpe', formatStat('Sharpe Ratio', stats['Sharpe Ratio']), ''],
    [
      'Max. drawdown',
      formatStat('Max. Drawdown [%]', stats['Max. Drawdown [%]']),
      signClass(stats['Max. Drawdown [%]']),
    ],
    ['Win rate', formatStat('Win Rate [%]', stats['Win Rate [%]']), ''],
    ['Trades', formatCount(tradeCount), ''],
  ];
  return tiles
    .map(
      ([label, value, cls]) =>
        `<div class="kpi"><div class="kpi-label">${esc(label)}</div><div class="kpi-value ${cls}">${esc(value)}</div></div>`,
    )
    .join('');
}

/** Every closed trade in closing order. */
export function tradesTable(trades: readonly ReportTrade[]): string {
  if (trades.length === 0) return '<p class="empty">No closed trades.</p>';
  const head = [
    '#',
    'Symbol',
    'Side',
    'Size',
    'Entry',
    'Entry price',
    'Exit',
    'Exit price',
    'PnL',
    'Return',
    'Duration',
  ];
  const numeric = new Set(['#', 'Size', 'Entry price', 'Exit price', 'PnL', 'Return', 'Duration']);
  const rows = trades.map((t, i) => {
    const side = t.size > 0 ? '<span class="tag long">Long</span>' : '<span class="tag short">Short</span>';
    const cells = [
      `<td class="num muted">${i + 1}</td>`,
      `<td>${esc(t.symbol)}</td>`,
      `<td>${side}</td>`,
      `<td class="num">${formatCount(Math.abs(t.size))}</td>`,
      `<td>${esc(t.entryTime)}</td>`,
      `<td class="num">${formatFixed2(t.entryPrice)}</td>`,
      `<td>${esc(t.exitTime)}</td>`,
      `<td class="num">${formatFixed2(t.exitPrice)}</td>`,
      `<td class="num ${signClass(t.pnl)}">${formatMoney(t.pnl)}</td>`,
      `<td class="num ${signClass(t.returnPct)}">${formatPercent(t.returnPct * 100)}</td>`,
      `<td class="num">${t.duration === undefined ? '—' : formatDays(t.duration)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const headCells = head.map((h) => `<th class="${numeric.has(h) ? 'num' : ''}">${h}</th>`).join('');
  return (
    `<div class="scroll"><table class="data trades"><thead><tr>${headCells}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** Per-symbol totals: the given trade counts and PnL, plus win rate and best/worst trade from the trades. */
export function perSymbolTable(input: Pick<BacktestReportInput, 'bars' | 'trades' | 'perSymbol'>): string {
  const list =
    input.perSymbol ??
    input.bars.map((b) => {
      const own = input.trades.filter((t) => t.symbol === b.symbol);
      return { symbol: b.symbol, trades: own.length, pnl: own.reduce((s, t) => s + t.pnl, 0) };
    });
  const head = ['Symbol', 'Trades', 'Win rate', 'Best trade', 'Worst trade', 'PnL'];
  const rows = list.map((p) => {
    const returns = input.trades.filter((t) => t.symbol === p.symbol).map((t) => t.returnPct * 100);
    const wins = returns.filter((r) => r > 0).length;
    const best = returns.length ? Math.max(...returns) : Number.NaN;
    const worst = returns.length ? Math.min(...returns) : Number.NaN;
    const winRate = returns.length ? (wins / returns.length) * 100 : Number.NaN;
    const cells = [
      `<td>${esc(p.symbol)}</td>`,
      `<td class="num">${formatCount(p.trades)}</td>`,
      `<td class="num">${formatPercent(winRate)}</td>`,
      `<td class="num ${signClass(best)}">${formatPercent(best)}</td>`,
      `<td class="num ${signClass(worst)}">${formatPercent(worst)}</td>`,
      `<td class="num ${signClass(p.pnl)}">${formatMoney(p.pnl)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const headCells = head.map((h, i) => `<th class="${i ? 'num' : ''}">${h}</th>`).join('');
  return `<table class="data"><thead><tr>${headCells}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
