/**
 * Text formatting for the position viewer. Pure string functions; no ink here so they are
 * testable on their own. Fractions (weight, unrealizedPct) are 0.1 = 10 %.
 */

import { nyOffsetMs } from '../lib/time.js';

const MISSING = '—';

function grouped(abs: number, decimals: number): string {
  return abs.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A sign only for values that stay non-zero after rounding, so -0.001 prints as $0.00, not -$0.00. */
function signOf(value: number, decimals: number, signed: boolean): string {
  const rounded = Number(Math.abs(value).toFixed(decimals));
  if (rounded === 0) return '';
  if (value < 0) return '-';
  return signed ? '+' : '';
}

/**
 * The colour of a gain or loss as it is printed: a value that rounds to zero (0.00) is neutral, not red.
 * `decimals` is the precision it is shown with (cents for money, hundredths of a percent).
 */
export function pnlColor(value: number, decimals = 2): 'green' | 'red' | undefined {
  if (!Number.isFinite(value) || Number(Math.abs(value).toFixed(decimals)) === 0) return undefined;
  return value > 0 ? 'green' : 'red';
}

/** Dollars to the cent with thousands separators: 1234.5 -> "$1,234.50"; `signed` adds "+" to gains. */
export function formatMoney(value: number, opts: { signed?: boolean } = {}): string {
  if (!Number.isFinite(value)) return MISSING;
  return `${signOf(value, 2, opts.signed ?? false)}$${grouped(Math.abs(value), 2)}`;
}

/** A per-share price: cents for ordinary prices, four decimals below $1 where cents hide the move. */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const decimals = Math.abs(value) < 1 && value !== 0 ? 4 : 2;
  return `${signOf(value, decimals, false)}$${grouped(Math.abs(value), decimals)}`;
}

/** A fraction as a percentage with two decimals: 0.1234 -> "12.34%"; `signed` adds "+" to gains. */
export function formatPct(fraction: number, opts: { signed?: boolean } = {}): string {
  if (!Number.isFinite(fraction)) return MISSING;
  const pct = fraction * 100;
  return `${signOf(pct, 2, opts.signed ?? false)}${Math.abs(pct).toFixed(2)}%`;
}

/**
 * A protective level and how far the price is from it: "$180.00 5.2%" (5.2 % of room left), a negative
 * distance once the price is past it, "—" when the broker holds no such order.
 */
export function formatLevel(level: number | null | undefined, distance: number | null): string {
  if (level === null || level === undefined || !Number.isFinite(level)) return MISSING;
  return distance === null ? formatPrice(level) : `${formatPrice(level)} ${formatPct(distance)}`;
}

/** Wall-clock time of an update in New York ("14:03:22"), the market's own clock. */
export function formatClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  return new Date(ms + nyOffsetMs(ms)).toISOString().slice(11, 19);
}

/** Share counts: whole shares without decimals, fractional shares to at most four places. */
export function formatQty(qty: number): string {
  if (!Number.isFinite(qty)) return MISSING;
  const text = Number.isInteger(qty)
    ? grouped(Math.abs(qty), 0)
    : Math.abs(qty)
        .toFixed(4)
        .replace(/\.?0+$/, '');
  return `${qty < 0 ? '-' : ''}${text}`;
}

/** "10 shares", "1 share", "5 shares short" — the size phrase used by the close confirmation. */
export function describeSize(qty: number): string {
  const abs = formatQty(Math.abs(qty));
  const noun = Math.abs(qty) === 1 ? 'share' : 'shares';
  return qty < 0 ? `${abs} ${noun} short` : `${abs} ${noun}`;
}

/** Fit text into exactly `width` cells: pad on the aligned side, cut with "…" when too long. */
export function fitCell(text: string, width: number, align: 'left' | 'right'): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}
