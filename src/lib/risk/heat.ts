/**
 * Portfolio heat: the dollars the open positions lose if every protective stop is hit, i.e. for each position
 * Σ qty × (price − stop) for a long (stop − price for a short). A position's stops are the broker's resting
 * protective orders; shares they do not cover count at the sizing stop, or at their whole value when there is none
 * (nothing limits that loss).
 */

export interface HeatPosition {
  symbol: string;
  /** Signed: negative for a short. */
  qty: number;
  /** Current price per share. */
  price: number;
  /** Resting protective stops at the broker (shares and stop price each). */
  stops: ReadonlyArray<{ qty: number; stopPrice: number }>;
  /** The stop used to size the position (two ATRs away), for shares no broker stop covers; null = unknown. */
  sizingStop: number | null;
}

/** Dollars at risk to the stops for one position (never negative: a stop past the price locks in a gain). */
export function positionHeat(p: HeatPosition): number {
  const dir = p.qty >= 0 ? 1 : -1;
  const lossTo = (stop: number): number => Math.max(0, dir * (p.price - stop));
  let uncovered = Math.abs(p.qty);
  let risk = 0;
  for (const s of p.stops) {
    const q = Math.min(uncovered, s.qty);
    if (q <= 0) break;
    risk += q * lossTo(s.stopPrice);
    uncovered -= q;
  }
  if (uncovered > 0) risk += uncovered * (p.sizingStop === null ? p.price : lossTo(p.sizingStop));
  return risk;
}

/** Sum of positionHeat over the positions. */
export function portfolioHeat(positions: readonly HeatPosition[]): number {
  return positions.reduce((sum, p) => sum + positionHeat(p), 0);
}
