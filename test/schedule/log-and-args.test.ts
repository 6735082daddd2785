import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rotatingLog } from '../../src/lib/schedule/rotating-log.js';
import { shellQuote, splitArgs } from '../../src/lib/schedule/split-args.js';
import { UsageError } from '../../src/lib/errors.js';
import { tempDir } from '../helpers/tmp.js';

test('the log rotates by size and keeps N old files', (t) => {
  const path = join(tempDir(t), 'logs', 'schedule.log');
  const log = rotatingLog(path, 20, 2);
  for (let i = 1; i <= 7; i++) log.write(`line ${i} .....`); // 15 bytes each: one line per file
  assert.equal(readFileSync(path, 'utf8'), 'line 7 .....\n');
  assert.equal(readFileSync(`${path}.1`, 'utf8'), 'line 6 .....\n');
  assert.equal(readFileSync(`${path}.2`, 'utf8'), 'line 5 .....\n');
  assert.equal(existsSync(`${path}.3`), false);
});

test('--args splits like a shell, without expansion; an open quote is a usage error', () => {
  assert.deepEqual(splitArgs(`--symbols AAPL,MSFT  --trade --skip "train, backtest" --x 'a "b"' $HOME`), [
    '--symbols',
    'AAPL,MSFT',
    '--trade',
    '--skip',
    'train, backtest',
    '--x',
    'a "b"',
    '$HOME',
  ]);
  assert.deepEqual(splitArgs(''), []);
  assert.throws(() => splitArgs('--skip "train'), UsageError);
  assert.equal(shellQuote('AAPL,MSFT'), 'AAPL,MSFT');
  assert.equal(shellQuote("it's $x"), `'it'\\''s $x'`);
});
