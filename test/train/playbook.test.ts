import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankPlaybook, runPlaybook, type PlaybookOptions } from '../../src/lib/model/playbook.js';
import { runTrainJob } from '../../src/lib/model/train-job.js';
import { loadPlaybook } from '../../src/lib/store/playbook.js';
import { DataError, UsageError } from '../../src/lib/errors.js';
import { rsi, atr } from '../../src/lib/features/index.js';
import { loadSeries } from '../../src/lib/store/bars.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';

const candidate = (symbol: string, probability: number) => ({
  symbol,
  probability,
  momentum: 0,
  rsi: 50,
  atrPct: 0.02,
  close: 100,
});

test('ranking: highest probability first, ties by symbol; long at p >= threshold, short at p <= 1 - threshold only when allowed', () => {
  const c = [
    candidate('MSFT', 0.4),
    candidate('AAPL', 0.6),
    candidate('TSLA', 0.45),
    candidate('AMZN', 0.6),
    candidate('NVDA', 0.55),
  ];
  const rows = rankPlaybook(c, { top: 10, threshold: 0.55, allowShort: false });
  assert.deepEqual(
    rows.map((r) => [r.rank, r.symbol, r.side]),
    [
      [1, 'AAPL', 'long'],
      [2, 'AMZN', 'long'],
      [3, 'NVDA', 'long'],
      [4, 'TSLA', 'flat'],
      [5, 'MSFT', 'flat'],
    ],
  );
  const shorts = rankPlaybook(c, { top: 10, threshold: 0.55, allowShort: true });
  assert.deepEqual(
    shorts.map((r) => r.side),
    ['long', 'long', 'long', 'flat', 'short'],
  ); // 0.45 > 1 - 0.55; 0.40 <= 0.45
  assert.deepEqual(
    rankPlaybook(c, { top: 2, threshold: 0.55, allowShort: false }).map((r) => r.symbol),
    ['AAPL', 'AMZN'],
  );
  assert.throws(() => rankPlaybook(c, { top: 2, threshold: 0.4, allowShort: false }), UsageError);
});

test('playbook: no active model is a clear error telling the user to train', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, ['AAPL'], { days: 30 });
  const o: PlaybookOptions = {
    symbols: ['AAPL'],
    top: 5,
    threshold: 0.55,
    allowShort: false,
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    now: FIXED_NOW,
  };
  await assert.rejects(
    runPlaybook(store, o),
    (e: unknown) => e instanceof DataError && /no active model: run ats train/.test(e.message),
  );
  await assert.rejects(
    runPlaybook(store, { ...o, modelId: 'm-unknown' }),
    (e: unknown) => e instanceof DataError && /unknown model id "m-unknown"/.test(e.message),
  );
});

test('playbook with the active model: ranked rows in the store and the CSV; a re-run replaces them, never duplicates', async (t) => {
  const dir = tempDir(t);
  const symbols = ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA'];
  const store = await sampleStore(t, dir, symbols);
  const modelsDir = join(dir, 'models');
  const reportsDir = join(dir, 'reports');
  const trained = await runTrainJob(store, {
    symbols,
    target: { horizon: 5, threshold: 0 },
    config: {
      learner: { kind: 'gbdt', gbdt: { trees: 40, depth: 4, minLeaf: 50, seed: 2 }, l2: 1 },
      folds: 2,
      topK: 2,
      validFraction: 0.2,
    },
    modelsDir,
    reportsDir,
    activate: true,
    now: FIXED_NOW,
  });
  const o: PlaybookOptions = {
    symbols,
    top: 10,
    threshold: 0.55,
    allowShort: true,
    modelsDir,
    reportsDir,
    now: FIXED_NOW,
  };
  const first = await runPlaybook(store, o);
  assert.equal(first.modelId, trained.id);
  assert.equal(first.session, '2023-12-29');
  assert.equal(first.rows.length, 7);
  assert.deepEqual(
    first.rows.map((r) => r.rank),
    [1, 2, 3, 4, 5, 6, 7],
  );
  assert.ok(first.rows.every((r, k) => k === 0 || first.rows[k - 1]!.probability >= r.probability));
  // the context columns against the indicator functions on the stored closes (TA-Lib-checked in test/features)
  const aapl = loadSeries(store, 'AAPL');
  const n = aapl.close.length;
  const row = first.rows.find((r) => r.symbol === 'AAPL')!;
  assert.equal(row.close, aapl.close[n - 1]);
  assert.equal(row.momentum, aapl.close[n - 1]! / aapl.close[n - 21]! - 1);
  assert.equal(row.rsi, rsi(aapl.close, 14)[n - 1]);
  assert.ok(Math.abs(row.atrPct - atr(aapl.high, aapl.low, aapl.close, 14)[n - 1]! / aapl.close[n - 1]!) < 1e-15);

  const csv = readFileSync(first.csvPath, 'utf8').trim().split('\n');
  assert.equal(first.csvPath, join(reportsDir, 'playbook-2023-12-29.csv'));
  assert.equal(
    csv[0],
    'session,model_id,rank,symbol,probability,side,momentum_20,rsi_14,atr_pct,close,regime_trend,regime_vol_pct',
  );
  assert.equal(csv.length, 8);
  assert.ok(csv[1]!.startsWith(`2023-12-29,${trained.id},1,${first.rows[0]!.symbol},`));
  assert.equal(loadPlaybook(store, '2023-12-29').length, 7);

  const again = await runPlaybook(store, { ...o, top: 3 });
  assert.deepEqual(
    again.rows.map((r) => r.symbol),
    first.rows.slice(0, 3).map((r) => r.symbol),
  );
  const stored = loadPlaybook(store, '2023-12-29', trained.id);
  assert.deepEqual(
    stored.map((r) => [r.rank, r.symbol]),
    again.rows.map((r) => [r.rank, r.symbol]),
  );
  assert.equal(readFileSync(again.csvPath, 'utf8').trim().split('\n').length, 4);
});
