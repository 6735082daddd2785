import { writeFileAtomic } from '../files/atomic-write.js';
import { escapeHtml } from './html.js';
import { fixed, formatMoney, shownSign } from './format.js';
import type { IndexData, PnlPoint } from './index-data.js';

const COLORS = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777'];

/** Cumulative PnL lines as inline SVG (no script): x = date order, y = dollars, zero line marked. */
export function pnlChart(series: Record<string, PnlPoint[]>): string {
  const entries = Object.entries(series).filter(([, pts]) => pts.length > 0);
  if (entries.length === 0)
    return '<p class="empty">No realized PnL yet: it appears after the first closed trade or backtest.</p>';
  const dates = [...new Set(entries.flatMap(([, pts]) => pts.map((p) => p.date)))].sort();
  const values = entries.flatMap(([, pts]) => pts.map((p) => p.cumulative)).concat(0);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const W = 900;
  const H = 260;
  const P = { l: 70, r: 10, t: 10, b: 28 };
  const x = (d: string): number => P.l + ((W - P.l - P.r) * dates.indexOf(d)) / Math.max(1, dates.length - 1);
  const y = (v: number): number => P.t + (H - P.t - P.b) * (1 - (v - lo) / span);
  const lines = entries.map(([name, pts], i) => {
    const d = pts.map((p, k) => `${k ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.cumulative).toFixed(1)}`).join('');
    return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.6"><title>${escapeHtml(name)}</title></path>`;
  });
  const yTicks = [lo, lo + span / 2, hi].map(
    (v) => `<text x="${P.l - 6}" y="${y(v) + 4}" text-anchor="end">${escapeHtml(formatMoney(v, false))}</text>`,
  );
  const anchors = ['start', 'middle', 'end'];
  const xTicks = [dates[0]!, dates[Math.floor(dates.length / 2)]!, dates[dates.length - 1]!].map(
    (d, i) => `<text x="${x(d)}" y="${H - 8}" text-anchor="${anchors[i]}">${d}</text>`,
  );
  const legend = entries
    .map(([name], i) => `<span><i style="background:${COLORS[i % COLORS.length]}"></i>${escapeHtml(name)}</span>`)
    .join('');
  return (
    `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="cumulative realized PnL" ` +
    `font-family="system-ui, sans-serif" font-size="11" fill="#475569">\n` +
    `<line x1="${P.l}" x2="${W - P.r}" y1="${y(0)}" y2="${y(0)}" stroke="#94a3b8" stroke-dasharray="4 3"/>` +
    `${lines.join('')}${yTicks.join('')}${xTicks.join('')}</svg><div class="legend">${legend}</div>`
  );
}

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const TONE = { 1: 'up', 0: 'flat', [-1]: 'down' } as const;
const pnlCell = (v: number): string => `<span class="${TONE[shownSign(v)]}">${escapeHtml(formatMoney(v))}</span>`;
const pct = (v: number): string => `${fixed(v * 100)}%`;

/** reports/index.html: one self-contained page linking every other report (no script, no network). */
export function renderIndex(d: IndexData): string {
  const positions = table(
    ['Symbol', 'Qty', 'Avg cost', 'Last', 'Market value', 'Unrealized', 'Weight'],
    d.positions.map((p) => [
      escapeHtml(p.symbol),
      String(p.qty),
      p.avgCost.toFixed(2),
      p.last.toFixed(2),
      escapeHtml(formatMoney(p.marketValue)),
      pnlCell(p.unrealizedPnl),
      pct(p.weight),
    ]),
    'No open positions.',
  );
  const playbook = table(
    ['#', 'Symbol', 'Probability', 'Momentum', 'RSI', 'ATR %', 'Side'],
    d.playbook.map((r) => [
      String(r.rank),
      escapeHtml(r.symbol),
      r.probability.toFixed(3),
      pct(r.momentum),
      r.rsi.toFixed(1),
      pct(r.atrPct),
      escapeHtml(r.side),
    ]),
    'No playbook for this session yet (ats playbook).',
  );
  const runs = table(
    ['Run', 'Session', 'Status', 'Steps', 'Started (UTC)', 'Error'],
    d.runs.map((r) => [
      String(r.id),
      r.session,
      `<span class="st-${escapeHtml(r.status)}">${escapeHtml(r.status)}</span>`,
      escapeHtml(r.steps.map((s) => `${s.name}:${s.status}`).join(' ')),
      new Date(r.startedAt).toISOString().slice(0, 16).replace('T', ' '),
      escapeHtml(r.error ?? ''),
    ]),
    'No daily run yet.',
  );
  const links = d.links.length
    ? `<ul class="links">${d.links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>`
    : '<p class="empty">No other report yet.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ats dashboard — ${escapeHtml(d.session)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f8fafc;color:#0f172a}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}.sub{color:#64748b;margin:0 0 20px}
section{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:16px 20px;margin-bottom:16px}
h2{font-size:16px;margin:0 0 12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #f1f5f9}
th{color:#64748b;font-weight:600}td:nth-child(n+3){font-variant-numeric:tabular-nums}
.up{color:#15803d}.down{color:#b91c1c}.empty{color:#64748b}
.links{display:flex;flex-wrap:wrap;gap:10px;list-style:none;padding:0;margin:0}
.links a{display:inline-block;padding:6px 12px;border:1px solid #cbd5e1;border-radius:999px;color:#1d4ed8;text-decoration:none;
  font-size:13px}
.legend{display:flex;gap:16px;font-size:12px;color:#475569;margin-top:6px}
.legend i{display:inline-block;width:12px;height:3px;margin-right:6px;vertical-align:middle}
.st-ok{color:#15803d}.st-failed{color:#b91c1c}.st-stopped{color:#b45309}
</style></head>
<body><main>
<h1>ats dashboard</h1>
<p class="sub">Session ${escapeHtml(d.session)} · generated ${escapeHtml(d.generatedAt)}</p>
<section><h2>Reports</h2>${links}</section>
<section><h2>Realized PnL (cumulative, from reports/pnl.csv)</h2>${pnlChart(d.pnl)}</section>
<section><h2>Positions</h2>${positions}</section>
<section><h2>Playbook</h2>${playbook}</section>
<section><h2>Recent daily runs</h2>${runs}</section>
</main></body></html>
`;
}

export function writeIndex(path: string, d: IndexData): void {
  writeFileAtomic(path, renderIndex(d));
}
