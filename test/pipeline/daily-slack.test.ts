/** Which alerts the daily run posts, read from a real store: a protective fill of the session, the daily loss stop. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { dailySlackMessages } from '../../src/lib/pipeline/daily-slack.js';
import type { DailyRun } from '../../src/lib/pipeline/daily.js';
import { saveAccountMark } from '../../src/lib/store/account-marks.js';
import { startOfDayEquity } from '../../src/lib/store/execution-marks.js';
import { insertFill } from '../../src/lib/store/fills.js';
import { openStore } from '../../src/lib/store/open.js';
import { saveOrder, type LedgerOrder } from '../../src/lib/store/orders.js';
import { nyDate, nyMidnight } from '../../src/lib/time.js';
import { tempDir } from '../helpers/tmp.js';

const SESSION = '2024-01-05';
const AT = nyMidnight(SESSION) + 15 * 3600_000; // 15:00 New York

function order(id: string, o: Partial<LedgerOrder>): LedgerOrder {
  return {
    clientOrderId: id,
    broker: 'paper',
    brokerOrderId: `b-${id}`,
    runId: 'daily-2024-01-04',
    session: '2024-01-04',
    intent: 'entry',
    source: 'daily',
    status: 'filled',
    filledQty: 10,
    filledAvgPrice: 190,
    reason: null,
    createdAt: AT - 86_400_000,
    updatedAt: AT,
    symbol: 'AAPL',
    side: 'buy',
    qty: 10,
    type: 'market',
    timeInForce: 'gtc',
    limitPrice: null,
    stopPrice: null,
    ...o,
  };
}

const run = (status: DailyRun['status']): DailyRun => ({
  session: SESSION,
  source: 'sample',
  status,
  runId: 1,
  resumedFrom: null,
  steps: [{ name: 'verify', status: 'ok', ms: 5, summary: 'fine' }],
  message: `daily run for ${SESSION} completed`,
  exitCode: 0,
  results: {},
  orders: [],
});

test('a stop leg that filled in the session and a loss past the limit each get an alert; PnL of the day is summed', (t) => {
  const store = openStore(join(tempDir(t), 'ats.db'));
  t.after(() => store.close());
  saveOrder(store, order('entry-1', {}));
  saveOrder(
    store,
    order('stop-1', { intent: 'exit', side: 'sell', type: 'stop', stopPrice: 180, parentId: 'entry-1' }),
  );
  const fill = { broker: 'paper' as const, symbol: 'AAPL', qty: 10, commission: 0 };
  insertFill(store, {
    ...fill,
    id: 'b-entry-1:10',
    clientOrderId: 'entry-1',
    side: 'buy',
    price: 190,
    realizedPnl: 0,
    ts: AT - 86_400_000,
  });
  insertFill(store, {
    ...fill,
    id: 'b-stop-1:10',
    clientOrderId: 'stop-1',
    side: 'sell',
    price: 179.5,
    realizedPnl: -105,
    ts: AT,
  });
  startOfDayEquity(store, 'paper', SESSION, 100_000, AT - 3600_000);
  saveAccountMark(store, 'paper', { session: nyDate(AT), equity: 94_000, cash: 94_000 }, AT);

  const cfg = { broker: 'paper' as const, alertTradeDollars: 10_000, maxDailyLossPct: 5 };
  const [summary, ...alerts] = dailySlackMessages({ run: run('ok'), store, cfg });
  assert.ok(summary);
  assert.match(JSON.stringify(summary.blocks), /Realised PnL \(day\)\*\\n-\$105\.00/);
  assert.deepEqual(
    alerts.map((a) => a.text),
    [
      ':shield: Protective stop filled: sell 10 AAPL at $179.50',
      ':rotating_light: Daily loss limit hit (2024-01-05): 6.00% below the start of day',
    ],
  );

  // Within the limit (a 4 % loss against 5 %): no loss alert.
  saveAccountMark(store, 'paper', { session: nyDate(AT), equity: 96_000, cash: 96_000 }, AT + 1);
  const calmer = dailySlackMessages({ run: run('ok'), store, cfg }).map((m) => m.text);
  assert.equal(calmer.filter((t) => t.includes('Daily loss')).length, 0);
});
