import type { Config } from '../config.js';
import { parseDate } from '../time.js';
import { sessionClose, sessionOnOrBefore } from './calendar.js';
import { SampleSource } from './sample.js';

/**
 * The market time the toolkit acts at (never used for "created at" fields, which take the wall clock). Real time, except when the day is fixed: with `--asof DATE`, or on
 * the bundled sample (whose "today" is its last session). Then "now" is one minute after that
 * session's close, so orders, fills, snapshots and run logs all belong to that session.
 */
export function fixedClockMs(cfg: Config): number | null {
  if (cfg.asof) return sessionClose(sessionOnOrBefore(parseDate(cfg.asof, '--asof date'))) + 60_000;
  if (cfg.source === 'sample') return sessionClose(new SampleSource(cfg.sampleDir).latestSession()) + 60_000;
  return null;
}
