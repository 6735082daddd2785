import type { Config } from '../config.js';
import { parseDate } from '../time.js';
import { sessionClose, sessionOnOrBefore } from './calendar.js';
import { SampleSource } from './sample.js';

/**
 * The market time the toolkit acts at: real time, except when the day is fixed, with `--asof DATE` or on the
 * bundled sample (whose "today" is its last session). Then it is one minute after that session's close, so
 * orders, fills and snapshots belong to that session. "Created", "generated", lock and run-log times never
 * use it: they take the wall clock (CommandContext.now).
 */
export function fixedClockMs(cfg: Config): number | null {
  if (cfg.asof) return sessionClose(sessionOnOrBefore(parseDate(cfg.asof, '--asof date'))) + 60_000;
  if (cfg.source === 'sample') return sessionClose(new SampleSource(cfg.sampleDir).latestSession()) + 60_000;
  return null;
}
