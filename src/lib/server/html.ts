/** Small HTML builders for panels; every value goes through escapeHtml. */
import { escapeHtml } from '../report/html.js';

export { escapeHtml };

export type Cell = string | number | null | undefined | { html: string; cls?: string };

const cellHtml = (c: Cell): string => {
  if (c === null || c === undefined) return '<td>—</td>';
  if (typeof c === 'object') return `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`;
  return `<td>${escapeHtml(String(c))}</td>`;
};

export function table(headers: string[], rows: Cell[][], rowAttrs?: (i: number) => string): string {
  if (rows.length === 0) return '<p class="empty">nothing yet</p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r, i) => `<tr${rowAttrs ? ` ${rowAttrs(i)}` : ''}>${r.map(cellHtml).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Two decimals; a value that rounds to zero shows as 0.00, not -0.00. */
export const money = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : (Math.abs(n) < 0.005 ? 0 : n).toFixed(2);
export const pct = (f: number | null | undefined): string =>
  f === null || f === undefined ? '—' : `${(f * 100).toFixed(2)}%`;
export const when = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
/** Embed data for a page script: JSON in a non-executed script element (no `</script` inside). */
export const jsonData = (id: string, value: unknown): string =>
  `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
