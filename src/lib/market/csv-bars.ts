import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError, UsageError } from '../errors.js';
import { nyMidnight, parseDate } from '../time.js';
import type { Bar } from '../types.js';

const REQUIRED = ['open', 'high', 'low', 'close'] as const;

/**
 * Parse daily bars in the common `Date,Open,High,Low,Close,Volume` form. The date column may be
 * named Date/Time/Timestamp or left unnamed (backtesting.py's test files); a time part is ignored.
 * Throws DataError naming the file and row for empty input, missing columns, bad numbers or unsorted dates.
 */
export function parseBarsCsv(text: string, symbol: string, source = 'CSV'): Bar[] {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw new DataError(`${source}: not valid CSV (${(err as Error).message})`);
  }
  const header = rows[0];
  if (!header || rows.length < 2) throw new DataError(`${source}: no bars (empty file or header only)`);
  const names = header.map((h) => h.trim().toLowerCase());
  const dateCol = names.findIndex(
    (n, i) => n === 'date' || n === 'time' || n === 'timestamp' || n === 'datetime' || (i === 0 && n === ''),
  );
  if (dateCol < 0) throw new DataError(`${source}: missing Date column (header: ${header.join(',')})`);
  const col = (name: string): number => names.indexOf(name);
  for (const name of REQUIRED) {
    if (col(name) < 0) throw new DataError(`${source}: missing ${name[0]!.toUpperCase()}${name.slice(1)} column`);
  }
  const volCol = col('volume');
  const bars: Bar[] = [];
  let prev = -Infinity;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    const rawDate = (row[dateCol] ?? '').slice(0, 10);
    let ts: number;
    try {
      ts = nyMidnight(parseDate(rawDate));
    } catch {
      throw new DataError(`${source} line ${line}: malformed date "${row[dateCol] ?? ''}"`);
    }
    if (ts <= prev) throw new DataError(`${source} line ${line}: dates not strictly increasing at ${rawDate}`);
    prev = ts;
    const num = (c: number, name: string): number => {
      const v = Number(row[c]);
      if (row[c] === undefined || row[c] === '' || !Number.isFinite(v)) {
        throw new DataError(`${source} line ${line}: ${name} is not a number ("${row[c] ?? ''}")`);
      }
      return v;
    };
    bars.push({
      symbol,
      timeframe: '1d',
      ts,
      open: num(col('open'), 'Open'),
      high: num(col('high'), 'High'),
      low: num(col('low'), 'Low'),
      close: num(col('close'), 'Close'),
      volume: volCol >= 0 ? num(volCol, 'Volume') : 0,
      vwap: null,
      trades: null,
    });
  }
  return bars;
}

/** The text of a CSV file the user named: a path that is missing, a folder or unreadable is a usage error. */
export function readCsvFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`CSV file ${path} not found`);
    if (code === 'EISDIR') throw new UsageError(`CSV path ${path} is a directory: give the CSV file inside it`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`CSV file ${path} is not readable (${code})`);
    throw new UsageError(`cannot read CSV file ${path}: ${code ?? (err as Error).message}`);
  }
}
