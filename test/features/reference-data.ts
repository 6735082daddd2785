import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { fixturePath } from '../helpers/tmp.js';

/** A CSV of numbers keyed by header; empty cells become NaN (TA-Lib's "no output" warm-up). */
export interface NumericTable {
  header: string[];
  column(name: string): Float64Array;
}

/** Reads test/fixtures/indicators/<file>; the first column (index or date) is kept as text only. */
export function readIndicatorCsv(...parts: string[]): NumericTable {
  const lines = readFileSync(fixturePath('indicators', ...parts), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return {
    header,
    column(name: string): Float64Array {
      const j = header.indexOf(name);
      assert.ok(j >= 0, `column ${name} missing from ${parts.join('/')}`);
      return Float64Array.from(rows, (r) => (r[j] === undefined || r[j] === '' ? Number.NaN : Number(r[j])));
    },
  };
}

/**
 * Asserts actual == expected bar by bar: NaN exactly where expected is NaN, otherwise within a relative
 * 1e-9 (absolute 1e-9 when |expected| < 1). Returns the number of bit-identical values.
 */
export function assertSeriesClose(actual: Float64Array, expected: Float64Array, label: string, tol = 1e-9): number {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let identical = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${label}[${i}]: expected warm-up NaN, got ${a}`);
      continue;
    }
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${label}[${i}]: got ${a}, expected ${e}`);
    if (a === e) identical++;
  }
  return identical;
}

/** One Tulip test case: indicator name, options, input arrays and right-aligned output arrays. */
export interface TulipCase {
  name: string;
  options: number[];
  arrays: number[][];
}

/** Parses tulip/untest.txt or atoz.txt ("name opts" line, then one {..} line per input and per output). */
export function readTulipCases(file: string): TulipCase[] {
  const cases: TulipCase[] = [];
  let current: TulipCase | undefined;
  for (const raw of readFileSync(fixturePath('indicators', 'tulip', file), 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('{')) {
      current?.arrays.push(
        line
          .slice(1, -1)
          .split(',')
          .filter((v) => v !== '')
          .map(Number),
      );
      continue;
    }
    const [name, ...opts] = line.split(/\s+/);
    current = { name: name!, options: opts.map(Number), arrays: [] };
    cases.push(current);
  }
  return cases;
}

export function tulipCase(file: string, name: string): TulipCase {
  const c = readTulipCases(file).find((x) => x.name === name);
  assert.ok(c, `no ${name} case in tulip/${file}`);
  return c;
}
