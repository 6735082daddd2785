/**
 * Execution reports through events only: with no subscriber nothing is written anywhere; the CSV writers
 * subscribed by writeExecutionCsv produce reports/orders.csv and reports/pnl.csv from the same events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExecutionEvents } from '../../src/lib/execution/events.js';
import type { ExecutionEventMap } from '../../src/lib/execution/events.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { writeExecutionCsv } from '../../src/lib/report/execution-csv.js';
import { deps, execEnv, order, paperBroker, setQuote } from '../broker/exec-helpers.js';

test('placing and closing emit orderRecorded / positionClosed; without subscribers no file is written', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  const seen: Array<[keyof ExecutionEventMap, string]> = [];
  const events = new ExecutionEvents()
    .on('orderRecorded', (o) => seen.push(['orderRecorded', `${o.side} ${o.status}`]))
    .on('positionClosed', (r) => seen.push(['positionClosed', `${r.symbol} ${r.qty} ${r.pnl}`]));
  const d = { ...deps(env, paperBroker(env)), events };
  await placeOrder(d, order('AAPL', 'buy', 2));
  setQuote(env, 'AAPL', 103);
  await placeOrder(d, order('AAPL', 'sell', 2));
  assert.deepEqual(seen, [
    ['orderRecorded', 'buy filled'],
    ['positionClosed', 'AAPL 2 6'], // 2 × (103 − 100)
    ['orderRecorded', 'sell filled'],
  ]);
  assert.equal(existsSync(env.reportsDir), false, 'execution itself writes no report');

  writeExecutionCsv(events, env.reportsDir);
  events.emit('orderRecorded', { ...(await placeOrder(d, order('AAPL', 'buy', 1, 'again'))).order });
  assert.equal(readFileSync(join(env.reportsDir, 'orders.csv'), 'utf8').trim().split('\n').length, 3);
});
