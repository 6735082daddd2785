/** The flags of `ats collect`, shared by its batch and stream modes. */
export interface CollectOptions {
  symbols?: string;
  days: number;
  source?: string;
  minute?: boolean;
  options?: boolean;
  fundamentals?: boolean;
  quotes?: boolean;
  stream?: boolean;
  realtime?: boolean;
}
