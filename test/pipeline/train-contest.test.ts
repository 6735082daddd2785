import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../src/lib/config.js';
import { createLogger } from '../../src/lib/log.js';
import { trainStep } from '../../src/lib/pipeline/steps/train.js';
import type { DailyContext } from '../../src/lib/pipeline/steps.js';
import { listDecisions } from '../../src/lib/store/model-decisions.js';
import { activeModel, getModel, modelRole } from '../../src/lib/store/models.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { openStore, type Store } from '../../src/lib/store/open.js';
import { tempDir } from '../helpers/tmp.js';
import { plantedBars } from '../train/planted.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC'];
const SESSIONS = 1000;
const NOISE = 560;

function context(store: Store, dir: string, now: number, over: Partial<ReturnType<typeof defaultConfig>> = {}) {
  const cfg = {
    ...defaultConfig(dir),
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    ...over,
  };
  return {
    store,
    cfg,
    log: createLogger({ verbose: false, quiet: true }, () => {}),
    now: () => now,
    marketNow: () => now,
    scrub: (s: string) => s,
    asOf: '2022-09-30',
    symbols: SYMBOLS,
    options: { retrain: true, retrainDays: 7 },
    results: {},
    orders: [],
  } as unknown as DailyContext;
}

test("daily's retrain enters the contest: the first model becomes champion, a better one replaces it, a worse one does not", async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  const bars = plantedBars(SYMBOLS, SESSIONS, NOISE, 11);
  const noiseEnd = bars[NOISE - 1]!.ts;
  upsertBars(
    store,
    bars.filter((b) => b.ts <= noiseEnd),
    'test',
  );

  // 1. The first model ever (coin-flip prices) becomes the champion; the step says so, and that the gate guards.
  const first = await trainStep.run(context(store, dir, Date.UTC(2024, 0, 2)));
  const champion = activeModel(store)!;
  assert.match(String(first), /no champion yet: m-\S+ becomes the champion \(the model gate still guards orders\)/);
  assert.match(String(first), /walk-forward Sharpe after costs \S+ vs buy-and-hold \S+/);

  // 2. The planted pattern arrives: the retrained model beats the champion out of sample and replaces it.
  upsertBars(store, bars, 'test');
  const ctx = context(store, dir, Date.UTC(2024, 0, 3));
  const second = String(await trainStep.run(ctx));
  const better = activeModel(store)!;
  assert.notEqual(better.id, champion.id);
  assert.match(second, new RegExp(`promoted: ${better.id} replaces ${champion.id} \\(Sharpe gain \\d`));
  assert.equal(modelRole(getModel(store, champion.id)), 'retired');
  assert.equal((ctx.results['train'] as { decision: { promoted: boolean } }).decision.promoted, true);

  // 3. A retrain that does not beat the champion by the required margin stays a challenger; the champion trades on.
  const strict = context(store, dir, Date.UTC(2024, 0, 4), { promotionMinSharpeGain: 100 });
  const third = String(await trainStep.run(strict));
  const challenger = (strict.results['train'] as { id: string }).id;
  assert.equal(activeModel(store)!.id, better.id, 'the champion stays active');
  assert.equal(modelRole(getModel(store, challenger)), 'challenger');
  assert.match(
    third,
    new RegExp(
      `challenger not promoted, ${better.id} stays the champion \\(Sharpe gain -?\\d\\.\\d+ <= required 100\\.000`,
    ),
  );
  assert.deepEqual(
    listDecisions(store).map((d) => d.promoted),
    [false, true, true],
  );
  assert.match(readFileSync(join(dir, 'reports', 'dashboard.html'), 'utf8'), /stays the champion/);
});
