/**
 * `--retrain-every`: how often the walk-forward backtest trains a new model. `3M` (months), `1Y` (years), `2W`
 * (weeks of 5 sessions) or a number of sessions (`63`, `63S`). The test range is cut into consecutive windows that
 * start on its first session and every period after it.
 */
import { UsageError } from '../errors.js';
import { addDays, nyDate } from '../time.js';
import type { SessionDate } from '../types.js';

export type RetrainEvery = { unit: 'months' | 'sessions'; n: number; label: string };

export function parseRetrainEvery(raw: string): RetrainEvery {
  const m = /^(\d+)\s*([MYWS]?)$/i.exec(raw.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!m || !(n >= 1 && n <= 10_000))
    throw new UsageError(`--retrain-every must be months (3M), years (1Y), weeks (2W) or sessions (63), got "${raw}"`);
  const unit = m[2]!.toUpperCase();
  const label = `${n}${unit || 'S'}`;
  if (unit === 'M') return { unit: 'months', n, label };
  if (unit === 'Y') return { unit: 'months', n: 12 * n, label };
  if (unit === 'W') return { unit: 'sessions', n: 5 * n, label };
  return { unit: 'sessions', n, label };
}

/** `date` plus `months` calendar months, as a string that compares correctly with session dates (may be `…-02-31`). */
function addMonths(date: SessionDate, months: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (mo - 1) + months;
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-${pad(d)}`;
}

/** Inclusive session-index ranges of the windows; throws UsageError when one period is longer than the range. */
export function cutWindows(sessions: Float64Array, every: RetrainEvery): Array<{ first: number; last: number }> {
  const n = sessions.length;
  if (n === 0) throw new UsageError('the test range holds no session');
  const firstDate = nyDate(sessions[0]!);
  const lastDate = nyDate(sessions[n - 1]!);
  const tooLong = (): UsageError =>
    new UsageError(
      `--retrain-every ${every.label} is longer than the test range ${firstDate}..${lastDate} (${n} sessions): ` +
        'retrain more often or test a longer range',
    );
  const windows: Array<{ first: number; last: number }> = [];
  if (every.unit === 'sessions') {
    if (every.n > n) throw tooLong();
    for (let first = 0; first < n; first += every.n) windows.push({ first, last: Math.min(n, first + every.n) - 1 });
    return windows;
  }
  if (addMonths(firstDate, every.n) > addDays(lastDate, 1)) throw tooLong();
  let first = 0;
  for (let k = 1; first < n; k++) {
    const end = addMonths(firstDate, k * every.n);
    let last = first;
    while (last + 1 < n && nyDate(sessions[last + 1]!) < end) last++;
    windows.push({ first, last });
    first = last + 1;
  }
  return windows;
}
