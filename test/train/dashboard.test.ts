import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTrainJob, type TrainJobOptions } from '../../src/lib/model/train-job.js';
import { writeModelDashboard } from '../../src/lib/report/model-dashboard.js';
import { browserSkip, checkPageInBrowser } from '../helpers/browser.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';
import { featureNames } from '../../src/lib/features/matrix.js';

const SYMBOLS = ['AAPL', 'AMZN', 'MSFT', 'NVDA'];

async function trainTwice(t: { after: (fn: () => void) => void }): Promise<{ path: string; ids: string[] }> {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, SYMBOLS);
  const o = (now: number, kind: 'gbdt' | 'logistic'): TrainJobOptions => ({
    symbols: SYMBOLS,
    target: { horizon: 5, threshold: 0 },
    config: {
      learner: {
        kind,
        gbdt: { trees: 60, depth: 4, minLeaf: 100, learningRate: 0.05, seed: 5, earlyStoppingRounds: 20 },
        l2: 1,
      },
      folds: 4,
      topK: 2,
      validFraction: 0.2,
    },
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    activate: true,
    now,
  });
  const a = await runTrainJob(store, o(FIXED_NOW - 86_400_000 * 3, 'logistic'));
  const b = await runTrainJob(store, o(FIXED_NOW, 'gbdt'));
  return { path: writeModelDashboard(store, join(dir, 'reports'), b.id, FIXED_NOW), ids: [a.id, b.id] };
}

test('dashboard.html: AUC history of every model, importance, calibration, folds; self-contained (no network, no script)', async (t) => {
  const { path, ids } = await trainTwice(t);
  const html = readFileSync(path, 'utf8');
  for (const id of ids) assert.ok(html.includes(id), id);
  assert.equal((html.match(/<svg /g) ?? []).length, 3);
  for (const heading of ['AUC history', 'Feature importance', 'Calibration (out-of-fold)', 'Walk-forward folds'])
    assert.ok(html.includes(`<h2>${heading}</h2>`), heading);
  assert.ok(!/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i.test(html), 'a network reference');
  assert.ok(!/https?:/i.test(html), 'a URL');
  assert.ok(!/<script|<link|@import|url\(/i.test(html), 'external or scripted content');
});

test(
  'dashboard.html renders in Chromium with no console errors or requests (screenshot in reports/screenshots)',
  { skip: browserSkip() },
  async (t) => {
    const { path } = await trainTwice(t);
    const shot = join(process.cwd(), 'reports', 'screenshots', 'dashboard.png');
    const page = await checkPageInBrowser<{ svgs: number; bars: number; points: number }>(path, shot, {
      waitForSelector: 'svg',
      evaluate:
        '({ svgs: document.querySelectorAll("svg").length, bars: document.querySelectorAll("svg rect[rx]").length, ' +
        'points: document.querySelectorAll("svg circle").length })',
    });
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.failedRequests, []);
    assert.equal(page.title, 'ats model dashboard');
    assert.equal(page.evaluated?.svgs, 3);
    assert.equal(page.evaluated?.bars, featureNames().length);
    assert.ok((page.evaluated?.points ?? 0) >= 4);
  },
);
