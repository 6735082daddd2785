/** Links to the files in the reports folder (backtests, dashboards, CSVs), served read-only under /reports/. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, table, when } from '../html.js';
import { panel } from '../panel.js';

export interface ReportFile {
  path: string;
  bytes: number;
  modifiedAt: number;
}

/** Files up to two folders deep, newest first (screenshots and report assets sit one level down). */
export function listReportFiles(dir: string, depth = 2, prefix = ''): ReportFile[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, prefix));
  } catch {
    return [];
  }
  const out: ReportFile[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const st = statSync(join(dir, rel), { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) {
      if (depth > 1) out.push(...listReportFiles(dir, depth - 1, rel));
    } else if (st.isFile()) out.push({ path: rel, bytes: st.size, modifiedAt: st.mtimeMs });
  }
  return out.sort((a, b) => b.modifiedAt - a.modifiedAt);
}

export const reportsPanel = panel<{ files: ReportFile[] }>({
  id: 'reports',
  title: 'Reports',
  load: (ctx) => ({ files: listReportFiles(ctx.cfg.reportsDir).slice(0, 200) }),
  render: (d) =>
    table(
      ['file', 'size', 'modified'],
      d.files.map((f) => [
        { html: `<a href="/reports/${f.path.split('/').map(encodeURIComponent).join('/')}">${escapeHtml(f.path)}</a>` },
        `${(f.bytes / 1024).toFixed(1)} KiB`,
        when(f.modifiedAt),
      ]),
    ),
});
