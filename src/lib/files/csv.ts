import { appendFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A number rounded at the edge, so binary noise (500.16999999999996) never reaches a file: prices to 1e-4
 * (sub-cent averages survive), money to the cent. Null stays null; -0 becomes 0.
 */
export function rounded(v: number | null | undefined, decimals: number): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const scale = 10 ** decimals;
  return Math.round(v * scale) / scale || 0;
}

/** One CSV field: quoted when it holds a comma, quote or newline (RFC 4180). */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Append rows to a CSV file, writing the header first when the file is new or empty. One append
 * call per batch, so a crash leaves whole lines (or none) of this batch.
 */
export function appendCsv(
  path: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): void {
  if (rows.length === 0 && existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const fresh = !existsSync(path) || statSync(path).size === 0;
  const lines = rows.map((r) => r.map(csvField).join(','));
  appendFileSync(path, (fresh ? `${header.join(',')}\n` : '') + lines.map((l) => `${l}\n`).join(''));
}
