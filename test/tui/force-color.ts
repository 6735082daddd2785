/**
 * Imported first by the ink tests: chalk decides its colour level when it is loaded, and under
 * `node --test` stdout is a pipe, so without this every colour (green/red PnL, red errors) would
 * be dropped and could not be asserted. Level 1 = the 16 basic ANSI colours.
 */
process.env['FORCE_COLOR'] = '1';
