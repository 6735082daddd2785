/** The dashboard's HTML: a navigation bar, the actions (unless read-only) and the chosen panels. */
import { escapeHtml } from './html.js';
import type { Panel } from './panel.js';

export interface PageOptions {
  title: string;
  panels: readonly Panel[];
  sections: string[];
  csrf: string;
  readOnly: boolean;
  live: boolean;
}

const STYLE = `
body{font:14px system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1f2328}
nav{background:#24292f;padding:8px 16px}nav a{color:#fff;margin-right:14px;text-decoration:none}
main{padding:12px 16px}section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin-bottom:12px}
h2{font-size:16px;margin:4px 0 8px}h3{font-size:14px;margin:10px 0 4px}
table{border-collapse:collapse;width:100%}th,td{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
td.up{color:#1a7f37}td.down{color:#d1242f}td.flash{background:#fff8c5}.empty{color:#57606a}.stale{color:#d1242f}
.status-ok{color:#1a7f37}.status-failed{color:#d1242f}.step{display:inline-block;margin-right:6px;font-size:12px}
.bar{display:flex;align-items:center;gap:8px}.bar span{width:180px}.bar i{display:block;height:10px;background:#1f6feb}
.chart{height:260px}#action-log{height:120px;overflow:auto;background:#0d1117;color:#e6edf3;padding:6px;margin:6px 0 0}
.role-champion{font-weight:bold}.mode{color:#8b949e}`;

export function renderPage(o: PageOptions): string {
  const nav = o.panels.map((p) => `<a href="/panel/${p.id}">${escapeHtml(p.title)}</a>`).join('');
  const actions = o.readOnly
    ? ''
    : `<section id="actions"><h2>Actions</h2><button data-action="daily">Run daily now (paper)</button> ` +
      `<button data-action="verify">Run verify</button><pre id="action-log"></pre></section>`;
  const mode = `${o.live ? 'live prices on' : 'no live prices'}${o.readOnly ? ' · read-only' : ''}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${o.readOnly ? '' : escapeHtml(o.csrf)}">
<title>${escapeHtml(o.title)} · ats</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body>
<nav><a href="/"><b>ats</b></a>${nav}<span class="mode">${mode}</span></nav>
<main>${actions}${o.sections.join('\n')}</main>
<script src="/assets/lightweight-charts.js"></script><script src="/assets/dashboard.js"></script></body></html>`;
}

export const section = (p: Panel, body: string): string =>
  `<section id="panel-${p.id}"><h2>${escapeHtml(p.title)}</h2>${body}</section>`;
