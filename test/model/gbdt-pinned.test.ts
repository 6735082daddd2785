import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { trainGbdt } from '../../src/lib/model/gbdt-train.js';
import type { GbdtModel } from '../../src/lib/model/gbdt-types.js';
import { synthetic } from './synthetic.js';

// Pins the exact trees (splits, thresholds, NaN directions, leaf values) the trainer grew before the
// speed work on the training kernels: optimisations must not change the model.
function treesHash(m: GbdtModel): string {
  return createHash('sha256')
    .update(JSON.stringify({ base: m.baseScore, trees: m.trees }))
    .digest('hex');
}

const cases = [
  { name: 'full rows, 2 threads', rows: 60_000, cols: 12, seed: 11, params: { trees: 25, depth: 6, threads: 2 } },
  {
    name: 'subsampled, minLeaf 20, 1 thread',
    rows: 20_000,
    cols: 9,
    seed: 12,
    params: { trees: 20, depth: 5, subsample: 0.7, colsample: 0.6, minLeaf: 20, threads: 1, seed: 7 },
  },
];

const pinned: Record<string, string> = {
  'full rows, 2 threads': '319d3a7af9ca275191be11dcbb9c18e1599d9a9f4822c6677502f8e9fc79f2a5',
  'subsampled, minLeaf 20, 1 thread': '0edac139e31e72051b1ebf98ebe12763686d7ceedbcd92b3b0115fda463f0de0',
};

for (const c of cases) {
  test(`trained trees are pinned: ${c.name}`, async () => {
    const model = await trainGbdt(synthetic('signal', c.rows, c.cols, c.seed), c.params);
    assert.equal(treesHash(model), pinned[c.name]);
  });
}
