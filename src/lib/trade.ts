/** A closed round trip, as the backtest engine and the live record report it. */
export interface Trade {
  symbol: string;
  /** Shares; negative for a short. */
  size: number;
  entryBar: number;
  exitBar: number;
  /** New York date (`YYYY-MM-DD`, or date-time for intraday bars). */
  entryTime: string;
  exitTime: string;
  /** Fill prices including slippage. */
  entryPrice: number;
  exitPrice: number;
  /** size × (exit − entry) − commissions. */
  pnl: number;
  /** Fraction (0.05 = 5 %): side × (exit/entry − 1) − commissions / (|size| × entry). */
  returnPct: number;
  /** Entry plus exit commission in cash. */
  commission: number;
  /** Exit time − entry time in days (whole days for daily bars). */
  duration: number;
}
