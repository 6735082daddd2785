/**
 * Broker amounts are decimal strings. Alpaca accepts at most 2 decimals for prices ≥ $1 and 4 below
 * (sub-penny rule, SEC Rule 612); quantities are whole shares here, sent as integers in a string.
 */

export function priceDecimals(price: number): number {
  return Math.abs(price) >= 1 ? 2 : 4;
}

/**
 * Round a price to the tick the broker accepts, half up. The product is first cut to 12 significant digits so
 * binary noise cannot decide a half: 105 × 1.001 is 105.10499999999999 in floating point and must round to 105.11.
 */
export function roundPrice(price: number): number {
  const f = 10 ** priceDecimals(price);
  return Math.round(Number((price * f).toPrecision(12))) / f;
}

/** "190.5" → "190.50"; 0.12345 → "0.1235". */
export function formatPrice(price: number): string {
  return roundPrice(price).toFixed(priceDecimals(price));
}

export function formatQty(qty: number): string {
  return String(qty);
}
