/** evaluator --watch --options: a timed pass applies the option rules (the paper condor of test/helpers/paper-condor.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PaperBroker } from '../../src/lib/broker/paper.js';
import { sessionClose } from '../../src/lib/market/calendar.js';
import { openStore } from '../../src/lib/store/open.js';
import { watchPositions } from '../../src/lib/evaluator/watch.js';
import type { EvaluatorResult } from '../../src/lib/evaluator/run-pass.js';
import { tempDir } from '../helpers/tmp.js';
import { openPaperCondor } from '../helpers/paper-condor.js';
import { deps } from '../broker/exec-helpers.js';

test('a watch pass with the option rules only closes the condor by take-profit and stops on abort', async (t) => {
  const dir = tempDir(t, 'ats-optwatch-');
  const db = join(dir, 'ats.db');
  await openPaperCondor(db);
  const store = openStore(db);
  t.after(() => store.close());
  // 28 Apr: PnL 36.96 ≥ half the 62 max profit (test/broker/paper-options.test.ts works the numbers).
  const clock = { now: sessionClose('2025-04-28') + 60_000 };
  const broker = new PaperBroker(store, { now: () => clock.now, optionsRate: 0.04 });
  const env = { dir, store, reportsDir: join(dir, 'reports'), clock };
  const stop = new AbortController();
  const passes: EvaluatorResult[][] = [];
  const r = await watchPositions(deps(env, broker), null, {
    intervalMs: 60_000,
    signal: stop.signal,
    options: { rules: { takeProfit: 0.5, stopMultiple: 2, closeDte: 7 }, rate: 0.04 },
    onPass: (results) => {
      passes.push(results);
      stop.abort();
    },
  });
  assert.deepEqual(
    passes[0]!.map((x) => [x.symbol, x.action]),
    [['iron_condor SPY 2025-05-16', 'close']],
  );
  assert.deepEqual([r.passes, r.closes], [1, 1]);
  assert.deepEqual(await broker.getPositions(), []);
});
