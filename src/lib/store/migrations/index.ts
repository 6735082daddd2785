/**
 * Numbered migrations, applied in order on open; PRAGMA user_version records the last applied.
 * One file per migration; never edit a shipped one, add the next number.
 */
import m001 from './001-market-data.js';
import m002 from './002-backtests.js';
import m003 from './003-models.js';
import m004 from './004-execution.js';
import m005 from './005-pipeline.js';
import m006 from './006-execution.js';
import m007 from './007-paper-resting.js';
import m008 from './008-sectors.js';
import m010 from './010-model-zoo.js';
import m016 from './016-regime.js';
import m017 from './017-option-chain.js';
import m018 from './018-tune-trials.js';
import m023 from './023-performance-record.js';
import m026 from './026-schedule.js';

export const MIGRATIONS: readonly string[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m010,
  m016,
  m017,
  m018,
  m023,
  m026,
];
