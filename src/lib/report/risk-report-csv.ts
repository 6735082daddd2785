import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';
import { csvField, rounded } from '../files/csv.js';
import type { RiskReport } from '../risk/risk-report.js';

/**
 * reports/risk-report.csv, rewritten whole each run: one row per figure, `section,key,value,limit,note`
 * (exposure rows: gross dollars and % of equity; var: dollars; correlation: one row per pair; stress: dollars).
 */
export function writeRiskReportCsv(reportsDir: string, r: RiskReport): string {
  const rows: Array<Array<string | number | null>> = [['section', 'key', 'value', 'limit', 'note']];
  const exposure = (section: string, list: RiskReport['exposure']['bySymbol']) => {
    for (const e of list) {
      rows.push([
        section,
        e.key,
        rounded(e.gross, 2),
        e.limit,
        `${rounded(e.pctOfEquity, 2)}% of equity${e.over ? ' OVER LIMIT' : ''}`,
      ]);
    }
  };
  exposure('exposure_symbol', r.exposure.bySymbol);
  exposure('exposure_sector', r.exposure.bySector);
  exposure('exposure_asset_class', r.exposure.byAssetClass);
  exposure('exposure_strategy', r.exposure.byStrategy);
  for (const v of r.var) {
    const c = `${Math.round(v.confidence * 100)}%`;
    rows.push(['var', c, rounded(v.var, 2), null, `historical, ${r.sessions} sessions`]);
    rows.push(['expected_shortfall', c, rounded(v.es, 2), null, `historical, ${r.sessions} sessions`]);
  }
  const { symbols, matrix } = r.correlation;
  for (let i = 0; i < symbols.length; i++)
    for (let j = i + 1; j < symbols.length; j++)
      rows.push(['correlation', `${symbols[i]}/${symbols[j]}`, rounded(matrix[i]![j], 4), null, null]);
  for (const s of r.stress) rows.push(['stress', s.scenario, rounded(s.pnl, 2), null, s.note]);
  for (const n of r.notes) rows.push(['note', '', null, null, n]);
  mkdirSync(reportsDir, { recursive: true });
  const path = join(reportsDir, 'risk-report.csv');
  writeFileAtomic(path, rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n');
  return path;
}
