/**
 * Numbered migrations, applied in order on open; PRAGMA user_version records the last applied.
 * One file per migration; never edit a shipped one, add the next number.
 */
import m001 from './001-market-data.js';
import m002 from './002-backtests.js';

export const MIGRATIONS: readonly string[] = [m001, m002];
