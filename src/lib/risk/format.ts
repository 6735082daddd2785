/** Number formatting for risk messages: dollars with thousands separators, percentages that never hide a breach. */

const dollarFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 7300 → "$7,300"; -12.5 → "-$12.5". */
export function dollars(n: number): string {
  return n < 0 ? `-$${dollarFormat.format(-n)}` : `$${dollarFormat.format(n)}`;
}

/**
 * A percentage with as few decimals as possible (at least one place where needed, up to 6) such that a value
 * that differs from `limit` never prints as the limit itself: 5.004 against a 5 limit prints "5.004", not "5".
 */
export function percent(value: number, limit?: number): string {
  for (let digits = 1; digits <= 6; digits++) {
    const s = trimZeros(value.toFixed(digits));
    if (limit === undefined || value === limit || Number(s) !== limit) return s;
  }
  return trimZeros(value.toFixed(6));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
