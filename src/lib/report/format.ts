/** Number formatting for human-facing reports (HTML): rounded at the edge, US separators, "—" for no value. */

export const NO_VALUE = '—';

const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const fixed2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Infinity is a real answer for some ratios (e.g. a profit factor with no losing trade). */
function nonFinite(v: number | null | undefined): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  return NO_VALUE;
}

/** `$12,345.67`, `-$80.00`; with `cents` false, whole dollars (`-$80`). */
export function formatMoney(v: number | null | undefined, cents = true): string {
  if (!finite(v)) return nonFinite(v);
  // round first so a float residue like -1e-12 prints as $0.00, not -$0.00
  const scale = cents ? 100 : 1;
  const rounded = (Math.sign(v) * Math.round(Math.abs(v) * scale)) / scale || 0;
  return (cents ? money : dollars).format(rounded);
}

/** 1, 0 or -1: the sign of `v` as printed with `decimals` (a loss that rounds to 0.00 is no loss). */
export function shownSign(v: number, decimals = 2): 1 | 0 | -1 {
  if (!finite(v) || Number(Math.abs(v).toFixed(decimals)) === 0) return 0;
  return v > 0 ? 1 : -1;
}

/** `v.toFixed(decimals)` without float noise's "-0.00". */
export function fixed(v: number, decimals = 2): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A price or an amount in plain text, to the cent: `192.53`, `-` when there is none (never `-0.00`). */
export function cents(v: number | null | undefined): string {
  return finite(v) ? fixed(v, 2) : '-';
}

/** A value already in percent: `12.35%`. */
export function formatPercent(v: number | null | undefined): string {
  return finite(v) ? `${fixed2.format(v)}%` : nonFinite(v);
}

/** `1,234.57` (prices, ratios). */
export function formatFixed2(v: number | null | undefined): string {
  return finite(v) ? fixed2.format(v) : nonFinite(v);
}

export function formatCount(v: number | null | undefined): string {
  return finite(v) ? whole.format(v) : nonFinite(v);
}

/** Days: whole for daily bars (`12 days`, `1 day`), two decimals for intraday (`0.27 days`). */
export function formatDays(v: number | null | undefined): string {
  if (!finite(v)) return nonFinite(v);
  if (Number.isInteger(v)) return `${whole.format(v)} ${Math.abs(v) === 1 ? 'day' : 'days'}`;
  return `${fixed2.format(v)} days`;
}

const COUNT_KEYS = new Set(['# Trades', 'Max. Consecutive Losses']);

/**
 * One backtesting.py statistic by its key: `[%]` percent, `[$]` money, `…Duration` days, counts as
 * integers, other numbers (ratios) to two decimals; a per-symbol map as `AAPL 3 · MSFT 5`.
 */
export function formatStat(key: string, value: unknown): string {
  if (value === null || value === undefined) return NO_VALUE;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (key.endsWith('[%]')) return formatPercent(value);
    if (key.endsWith('[$]')) return formatMoney(value);
    if (key.endsWith('Duration')) return formatDays(value);
    if (COUNT_KEYS.has(key)) return formatCount(value);
    return formatFixed2(value);
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? formatCount(v) : String(v)}`)
      .join(' · ');
  }
  return typeof value === 'bigint' || typeof value === 'symbol' ? String(value) : NO_VALUE;
}
