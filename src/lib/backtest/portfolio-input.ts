/** What the portfolio simulation loop works on: prices per symbol aligned to one calendar, and the run's terms. */
export interface PortfolioLoopInput {
  /** Per symbol, indexed by the symbol's own bar. */
  open: readonly Float64Array[];
  close: readonly Float64Array[];
  /** Per symbol: first and last bar inside the window (last < first when none). */
  first: Int32Array;
  last: Int32Array;
  /**
   * Calendar slot of each bar, per symbol (slots lo..lo+slots−1 are the window). null when every
   * symbol has a bar on every slot of one shared calendar: then bar = slot, no lookup at all.
   */
  slotOf: readonly Int32Array[] | null;
  lo: number;
  slots: number;
  symbols: number;
  cash: number;
  rate: number;
  slip: number;
  finalize: boolean;
  /** Dollars one entry may cost (MAX_RISK); Infinity = no cap. */
  maxCost: number;
}
