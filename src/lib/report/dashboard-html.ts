/**
 * reports/dashboard.html: model quality at a glance — AUC history of every trained model, the latest
 * model's feature importance (gain), calibration and walk-forward folds. One self-contained file:
 * inline CSS and SVG, no script, no network.
 */
import { writeFileAtomic } from '../files/atomic-write.js';
import { escapeHtml } from './html.js';
import { barChart, calibrationChart, lineChart } from './svg-charts.js';

export interface DashboardHistoryEntry {
  id: string;
  createdAt: number;
  kind: string;
  active: boolean;
  cvAuc: number;
  cvAucStd: number;
  holdoutAuc: number;
  /** champion / challenger / retired, and the out-of-sample signal Sharpe after costs. */
  role?: string;
  oosSharpe?: number;
}

/** One champion/challenger decision, newest first. */
export interface DashboardDecision {
  createdAt: number;
  metric: string;
  promoted: boolean;
  championAfter: string | null;
  reasons: string[];
}

export interface DashboardFold {
  fold: number;
  trainFrom: string;
  trainTo: string;
  testFrom: string;
  testTo: string;
  trainRows: number;
  rows: number;
  auc: number;
  logLoss: number;
  accuracy: number;
  topKHitRate: number;
  trees: number;
}

export interface DashboardInput {
  generatedAt: number;
  decisions?: DashboardDecision[];
  /** The model gate's decision for this model (daily --trade), one line. */
  gate?: { open: boolean; text: string };
  history: DashboardHistoryEntry[];
  model: {
    id: string;
    kind: string;
    active: boolean;
    symbols: string[];
    dataFrom: string;
    dataTo: string;
    target: string;
    /** Target horizon in sessions = the purge gap. */
    horizon: number;
    topK: number;
    tiles: Array<{ label: string; value: number; digits?: number }>;
    folds: DashboardFold[];
    importance: Array<{ feature: string; gain: number }>;
    calibration: Array<{ meanPredicted: number; observedRate: number; count: number }>;
  };
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#0f172a;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 20px 40px}
h1{font-size:22px;font-weight:650;margin:0 0 4px}
h2{font-size:15px;font-weight:600;margin:0 0 10px}
.sub{color:#64748b;font-size:13px;margin-bottom:16px}
code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#eef2f7;padding:1px 6px;border-radius:4px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:10px;margin-bottom:16px}
@media (max-width:700px){.kpis{grid-template-columns:repeat(2,1fr)}}
.kpi{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:10px 14px}
.kpi-label{color:#64748b;font-size:12px}
.kpi-value{font-size:20px;font-weight:650;font-variant-numeric:tabular-nums}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:14px 16px;margin-bottom:16px}
.grid{display:grid;grid-template-columns:3fr 2fr;gap:16px}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
.note{color:#64748b;font-size:12px;margin-top:6px}
table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid #eef0f3;text-align:right;white-space:nowrap}
th{color:#64748b;font-weight:600}
th:first-child,td:first-child{text-align:left}
tr.active td{background:#eff6ff}
`;

const num = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function table(headers: string[], rows: string[][], activeRow?: (i: number) => boolean): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (r, i) =>
        `<tr${activeRow?.(i) ? ' class="active"' : ''}>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table>${head}${body}</table>`;
}

function historyCard(history: DashboardHistoryEntry[]): string {
  const labels = history.map((h) => isoDate(h.createdAt));
  const all = history
    .flatMap((h) => [h.cvAuc - (h.cvAucStd || 0), h.cvAuc + (h.cvAucStd || 0), h.holdoutAuc])
    .filter(Number.isFinite);
  const yMin = Math.min(0.45, ...all.map((v) => Math.floor(v * 20) / 20));
  const yMax = Math.max(0.6, ...all.map((v) => Math.ceil(v * 20) / 20));
  const chart = lineChart(
    labels,
    [
      {
        name: 'CV AUC (mean ± std)',
        color: '#2563eb',
        values: history.map((h) => h.cvAuc),
        errors: history.map((h) => h.cvAucStd),
      },
      { name: 'holdout AUC', color: '#f59e0b', values: history.map((h) => h.holdoutAuc) },
    ],
    { yMin, yMax, reference: 0.5, title: 'AUC history' },
  );
  const rows = [...history]
    .reverse()
    .map((h) => [
      h.id,
      isoDate(h.createdAt),
      h.kind,
      num(h.cvAuc),
      num(h.cvAucStd),
      num(h.holdoutAuc),
      num(h.oosSharpe ?? NaN),
      h.role ?? (h.active ? 'active' : ''),
    ]);
  const reversed = [...history].reverse();
  return (
    `<section class="card"><h2>AUC history</h2>${chart}<p class="note">Dashed line: AUC 0.5, a coin flip.</p>` +
    table(
      ['model', 'trained', 'kind', 'CV AUC', 'CV std', 'holdout AUC', 'OOS Sharpe', 'role'],
      rows,
      (i) => reversed[i]!.active,
    ) +
    '</section>'
  );
}

function decisionsCard(decisions: readonly DashboardDecision[]): string {
  if (decisions.length === 0) return '';
  const rows = decisions.map((d) => [
    isoDate(d.createdAt),
    d.metric,
    d.promoted ? 'promoted' : 'kept',
    d.championAfter ?? '-',
    d.reasons.join('; '),
  ]);
  return (
    '<section class="card"><h2>Champion and challenger</h2>' +
    table(['date', 'metric', 'decision', 'champion', 'reasons'], rows) +
    '</section>'
  );
}

function foldsCard(m: DashboardInput['model']): string {
  const rows = m.folds.map((f) => [
    String(f.fold),
    `${f.trainFrom} → ${f.trainTo}`,
    `${f.testFrom} → ${f.testTo}`,
    String(f.trainRows),
    String(f.rows),
    num(f.auc),
    num(f.logLoss),
    num(f.accuracy),
    num(f.topKHitRate),
    String(f.trees),
  ]);
  return (
    `<section class="card"><h2>Walk-forward folds</h2>` +
    table(
      ['fold', 'train', 'test', 'train rows', 'test rows', 'AUC', 'log loss', 'accuracy', `top-${m.topK} hit`, 'trees'],
      rows,
    ) +
    `<p class="note">Expanding window in time order; training stops ${m.horizon} session(s) before each test block ` +
    '(purge gap = target horizon).</p></section>'
  );
}

function gateLine(gate: DashboardInput['gate']): string {
  if (!gate) return '';
  const style = gate.open
    ? 'background:#f0fdf4;border:1px solid #16a34a;color:#166534'
    : 'background:#fef2f2;border:2px solid #dc2626;color:#991b1b';
  return `<section class="card gate" role="status" style="${style}"><b>Model gate:</b> ${escapeHtml(gate.text)}</section>`;
}

export function renderDashboard(input: DashboardInput): string {
  const m = input.model;
  const importance = [...m.importance].sort((a, b) => b.gain - a.gain);
  const total = importance.reduce((s, d) => s + d.gain, 0) || 1;
  const tiles = m.tiles
    .map(
      (t) =>
        `<div class="kpi"><div class="kpi-label">${escapeHtml(t.label)}</div>` +
        `<div class="kpi-value">${num(t.value, t.digits ?? 3)}</div></div>`,
    )
    .join('');
  const gainLabel = m.kind === 'logistic' ? '|standardized weight|, share of total' : 'split gain, share of total';
  const generated = new Date(input.generatedAt).toISOString().replace('T', ' ').slice(0, 16);
  const subtitle =
    `Latest: <code>${escapeHtml(m.id)}</code> (${escapeHtml(m.kind)}${m.active ? ', active' : ''}) · ` +
    `${escapeHtml(m.symbols.join(', '))} · ${escapeHtml(m.dataFrom)} → ${escapeHtml(m.dataTo)} · ` +
    `target: ${escapeHtml(m.target)} · generated ${escapeHtml(generated)} UTC`;
  const calibrationCard =
    `<section class="card"><h2>Calibration (out-of-fold)</h2>${calibrationChart(m.calibration, 'calibration')}` +
    '<p class="note">Points on the dashed diagonal are calibrated; circle size ~ rows in the bin.</p></section>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ats model dashboard</title><style>${CSS}</style></head>
<body><main>
<h1>Model dashboard</h1>
<div class="sub">${subtitle}</div>
${gateLine(input.gate)}
<div class="kpis">${tiles}</div>
${historyCard(input.history)}
${decisionsCard(input.decisions ?? [])}
<div class="grid">
<section class="card"><h2>Feature importance</h2>${barChart(
    importance.map((d) => ({ label: d.feature, value: d.gain / total })),
    { title: 'feature importance', color: '#2563eb' },
  )}<p class="note">${gainLabel}.</p></section>
${calibrationCard}
</div>
${foldsCard(m)}
</main></body></html>
`;
}

export function writeDashboard(path: string, input: DashboardInput): void {
  writeFileAtomic(path, renderDashboard(input));
}
