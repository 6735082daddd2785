/** The flags of `ats collect`, shared by its batch and stream modes. */
export interface CollectOptions {
  symbols?: string;
  days: number;
  source?: string;
  minute?: boolean;
  options?: boolean;
  /** With --options: the first N expiries, or a range of calendar days to expiry ("7-60"). */
  expiries?: number;
  dte?: string;
  fundamentals?: boolean;
  quotes?: boolean;
  stream?: boolean;
  realtime?: boolean;
}
