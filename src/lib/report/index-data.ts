import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PositionRow } from '../position-row.js';
import type { DailyRunRecord } from '../store/run-log.js';
import type { PlaybookRow } from '../store/playbook.js';

export interface PnlPoint {
  date: string;
  cumulative: number;
}

export interface IndexData {
  generatedAt: string;
  session: string;
  /** Cumulative realized PnL per ledger source (reports/pnl.csv), by exit date. */
  pnl: Record<string, PnlPoint[]>;
  positions: PositionRow[];
  runs: DailyRunRecord[];
  playbook: PlaybookRow[];
  links: Array<{ label: string; href: string }>;
}

/** reports/pnl.csv → cumulative realized PnL by date for each source (backtest runs, portfolio/evaluator exits). */
export function cumulativePnl(csvText: string): Record<string, PnlPoint[]> {
  const rows = parse<Record<string, string>>(csvText, { columns: true, skip_empty_lines: true });
  const bySource = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const source = r.source === 'backtest' ? `backtest ${r.ref ?? ''}`.trim() : 'trading';
    const pnl = Number(r.pnl);
    if (!r.date || !Number.isFinite(pnl)) continue;
    let m = bySource.get(source);
    if (!m) bySource.set(source, (m = new Map<string, number>()));
    m.set(r.date, (m.get(r.date) ?? 0) + pnl);
  }
  const out: Record<string, PnlPoint[]> = {};
  for (const [source, m] of bySource) {
    let c = 0;
    out[source] = [...m].sort(([a], [b]) => a.localeCompare(b)).map(([date, v]) => ({ date, cumulative: (c += v) }));
  }
  return out;
}

/** Links to the other reports that exist, relative to reports/index.html. */
export function reportLinks(reportsDir: string, latestBacktest: string | null): IndexData['links'] {
  const links: IndexData['links'] = [];
  if (latestBacktest && existsSync(latestBacktest))
    links.push({ label: 'Latest backtest', href: relative(reportsDir, latestBacktest) });
  const files = existsSync(reportsDir) ? readdirSync(reportsDir) : [];
  if (files.includes('dashboard.html')) links.push({ label: 'Model dashboard', href: 'dashboard.html' });
  if (files.includes('strategies.html')) links.push({ label: 'Options strategies', href: 'strategies.html' });
  const playbooks = files.filter((f) => /^playbook-\d{4}-\d{2}-\d{2}\.csv$/.test(f)).sort();
  if (playbooks.length)
    links.push({
      label: `Playbook ${playbooks[playbooks.length - 1]!.slice(9, 19)}`,
      href: playbooks[playbooks.length - 1]!,
    });
  for (const [file, label] of [
    ['scoreboard.csv', 'Model scoreboard'],
    ['portfolio.csv', 'Portfolio history'],
    ['pnl.csv', 'Realized PnL ledger'],
    ['orders.csv', 'Orders'],
  ] as const) {
    if (files.includes(file)) links.push({ label, href: file });
  }
  return links;
}

export function readPnlCsv(reportsDir: string): Record<string, PnlPoint[]> {
  const file = join(reportsDir, 'pnl.csv');
  return existsSync(file) ? cumulativePnl(readFileSync(file, 'utf8')) : {};
}
