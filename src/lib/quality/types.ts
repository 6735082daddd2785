import type { SessionDate } from '../types.js';

export const FindingLevel = { error: 'error', warning: 'warning', info: 'info' } as const;
export type FindingLevel = (typeof FindingLevel)[keyof typeof FindingLevel];

/** Names of the checks, as they appear in `Finding.check`. */
export const QualityCheck = {
  summary: 'summary',
  noData: 'no-data',
  badTimestamp: 'bad-timestamp',
  misalignedTimestamp: 'misaligned-timestamp',
  duplicateBar: 'duplicate-bar',
  nonSessionBar: 'non-session-bar',
  missingSessions: 'missing-sessions',
  badPrice: 'bad-price',
  ohlc: 'ohlc',
  badVolume: 'bad-volume',
  outlierMove: 'outlier-move',
  staleData: 'stale-data',
  unfinishedSession: 'unfinished-session',
} as const;
export type QualityCheck = (typeof QualityCheck)[keyof typeof QualityCheck];

export interface Finding {
  symbol: string;
  level: FindingLevel;
  /** One of `QualityCheck`'s values for findings made here; callers may add their own (hence string). */
  check: string;
  message: string;
  date?: SessionDate;
  detail?: Record<string, number | string>;
}

/**
 * A daily bar as a raw store row may hold it: any price or volume may be null or NaN, timestamps may repeat.
 * Every `Bar` is one. `ts` is UTC epoch ms of 00:00 America/New_York on the session day.
 */
export interface QualityBar {
  ts: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
}

export interface QualityOptions {
  /** Absolute close-to-close return above which a move is flagged (0.25 = 25%). */
  outlierReturn?: number;
  /** The New York date that is "today" for the staleness check. */
  asOf: SessionDate;
  /** The current instant (UTC ms); when given, a session counts as complete only after its closing bell. */
  nowMs?: number;
}

/** A bar with a usable timestamp and the New York session date it belongs to. */
export interface DatedBar {
  bar: QualityBar;
  date: SessionDate;
}

/** What every check receives: the input, sorted and dated once. */
export interface QualityContext {
  symbol: string;
  /** Bars with a usable timestamp, oldest first (duplicates and non-session days included). */
  dated: DatedBar[];
  /** One bar per session date (the first seen), session days only, oldest first. */
  sessions: DatedBar[];
  /** Rows whose timestamp is not a finite instant inside the calendar's years. */
  undatable: QualityBar[];
}
