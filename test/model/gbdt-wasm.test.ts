/**
 * The WebAssembly training kernels (src/lib/model/wasm/gbdt-kernels.wat) against plain references
 * written here: each kernel must give exactly (bit for bit) what the straightforward loop gives, and
 * the committed module must be the assembled text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binOf, EDGE_WIDTH, featureEdges, NAN_BIN } from '../../src/lib/model/gbdt-binning.js';
import { allocateShared, HIST_WIDTH, sharedViews, type SharedViews } from '../../src/lib/model/gbdt-shared.js';
import { GBDT_KERNELS_WASM } from '../../src/lib/model/gbdt-kernels-wasm.js';
import { mulberry32 } from '../../src/lib/model/rng.js';
import { DataError } from '../../src/lib/errors.js';
import { assemble } from '../../scripts/build-wasm.js';

const ROWS = 5_000;
const COLS = 7;

function views(): SharedViews {
  return sharedViews(allocateShared(ROWS, COLS, 4, 255, 1));
}

test('the committed module is the assembled kernels text (scripts/build-wasm.ts)', async () => {
  assert.equal(GBDT_KERNELS_WASM, (await assemble()).toString('base64'));
});

test('bin: the same bins as binOf, NaN and infinities included, in both layouts', () => {
  const v = views();
  const rand = mulberry32(3);
  const X = new Float64Array(ROWS * COLS);
  for (let i = 0; i < X.length; i++) {
    const u = rand();
    X[i] = u < 0.03 ? NaN : u < 0.04 ? Infinity : u < 0.05 ? -Infinity : (rand() - 0.5) * 10 ** Math.floor(rand() * 6);
  }
  // Feature 1 has few distinct values, so many values sit exactly on an edge's neighbours.
  for (let r = 0; r < ROWS; r++) X[r * COLS + 1] = Math.floor(rand() * 7) / 4;
  const column = new Float64Array(ROWS);
  for (let f = 0; f < COLS; f++) {
    for (let r = 0; r < ROWS; r++) column[r] = Math.fround(X[r * COLS + f]!);
    v.edgeCount[f] = featureEdges(column, f, 255, v.edges);
    // Values equal to an edge go left of it (edge < x is false): put some exactly on the edges.
    for (let r = 0; r < 50; r++) X[r * COLS + f] = v.edges[f * EDGE_WIDTH + (r % Math.max(1, v.edgeCount[f]!))]!;
  }
  v.X.set(X);
  v.wasm.bin(v.X.byteOffset, ROWS, COLS, v.edges.byteOffset, 0, ROWS, v.bins.byteOffset, v.colBins.byteOffset);
  for (let r = 0; r < ROWS; r++) {
    for (let f = 0; f < COLS; f++) {
      const want = binOf(X[r * COLS + f]!, v.edges, f);
      assert.equal(v.bins[r * COLS + f], want, `row ${r} feature ${f} value ${X[r * COLS + f]}`);
      assert.equal(v.colBins[f * ROWS + r], want);
    }
  }
  assert.ok(v.bins.includes(NAN_BIN));
});

function fillRows(v: SharedViews, seed: number): number[] {
  const rand = mulberry32(seed);
  for (let i = 0; i < v.bins.length; i++) v.bins[i] = Math.floor(rand() * 256);
  for (let r = 0; r < ROWS; r++) v.packed[r] = Math.floor(rand() * 127 - 63) * 2 ** 26 + Math.floor(rand() * 64);
  const rows: number[] = [];
  for (let r = 0; r < ROWS; r++) if (rand() < 0.3) rows.push(r);
  v.idx.set(rows);
  return rows;
}

for (const kernel of ['accumulate', 'accumulateSparse'] as const) {
  test(`${kernel}: each feature's bin sums of the packed gradients, into the histogram given`, () => {
    const v = views();
    const rows = fillRows(v, 4);
    const from = 3;
    const to = rows.length - 2;
    const want = new Float64Array(COLS * HIST_WIDTH);
    for (let i = from; i < to; i++) {
      const r = rows[i]!;
      for (let f = 0; f < COLS; f++) want[f * HIST_WIDTH + v.bins[r * COLS + f]!]! += v.packed[r]!;
    }
    const base = COLS * HIST_WIDTH; // the second slot: the kernel must write only there
    v.hist.fill(0);
    v.wasm[kernel](
      v.idx.byteOffset,
      from,
      to,
      v.bins.byteOffset,
      v.packed.byteOffset,
      v.hist.byteOffset + 8 * base,
      COLS,
    );
    assert.deepEqual(v.hist.subarray(base, 2 * base), want);
    assert.ok(v.hist.subarray(0, base).every((x) => x === 0));
    assert.ok(v.hist.subarray(2 * base).every((x) => x === 0));
  });
}

test('partition and merge: a stable split of a node by one feature, left rows first', () => {
  const v = views();
  const rows = fillRows(v, 5);
  const feature = 2;
  const split = 97;
  for (let r = 0; r < ROWS; r++) v.colBins[feature * ROWS + r] = v.bins[r * COLS + feature]!;
  for (let b = 0; b < 256; b++) v.goLeft[b] = b === NAN_BIN ? 1 : b <= split ? 1 : 0;
  const goesLeft = (r: number) => v.goLeft[v.bins[r * COLS + feature]!] === 1;
  const from = 10;
  const to = rows.length - 5;
  const node = rows.slice(from, to);
  const col = v.colBins.byteOffset + feature * ROWS;
  const nLeft = v.wasm.partition(v.idx.byteOffset, v.scratch.byteOffset, from, to, col, v.goLeft.byteOffset);
  assert.equal(nLeft, node.filter(goesLeft).length);
  v.wasm.merge(v.idx.byteOffset, v.scratch.byteOffset, from, to, nLeft, from, from + nLeft);
  assert.deepEqual(Array.from(v.idx.subarray(from, to)), [
    ...node.filter(goesLeft),
    ...node.filter((r) => !goesLeft(r)),
  ]);
  assert.deepEqual(Array.from(v.idx.subarray(0, from)), rows.slice(0, from));
});

test('leafSums adds in row order (the same floats as a loop) and leafApply adds the value to each row', () => {
  const v = views();
  const rows = fillRows(v, 6);
  const rand = mulberry32(7);
  for (let r = 0; r < ROWS; r++) {
    v.grad[r] = rand() - 0.5;
    v.hess[r] = rand() * 0.25;
    v.margin[r] = rand();
  }
  let g = 0;
  let h = 0;
  for (const r of rows) {
    g += v.grad[r]!;
    h += v.hess[r]!;
  }
  v.wasm.leafSums(v.idx.byteOffset, 0, rows.length, v.grad.byteOffset, v.hess.byteOffset, v.fargs.byteOffset);
  assert.equal(v.fargs[0], g);
  assert.equal(v.fargs[1], h);
  const before = Float64Array.from(v.margin);
  v.wasm.leafApply(v.idx.byteOffset, 0, rows.length, v.margin.byteOffset, 0.125);
  const inLeaf = new Set(rows);
  for (let r = 0; r < ROWS; r++) assert.equal(v.margin[r], inLeaf.has(r) ? before[r]! + 0.125 : before[r]);
});

test('exp is Math.exp bit for bit (V8 computes it with the same fdlibm algorithm), specials included', () => {
  const { exp } = views().wasm;
  const rand = mulberry32(8);
  for (const scale of [1e-12, 1e-6, 0.3, 1, 3, 40, 745]) {
    for (let i = 0; i < 200_000; i++) {
      const x = (rand() * 2 - 1) * scale;
      if (!Object.is(exp(x), Math.exp(x))) assert.fail(`exp(${x}) = ${exp(x)}, Math.exp gives ${Math.exp(x)}`);
    }
  }
  for (const x of [0, -0, 1, -1, NaN, Infinity, -Infinity, 709.78, 709.79, -745.13, -745.14, 1e-300, Math.LN2 / 2]) {
    assert.ok(Object.is(exp(x), Math.exp(x)), `exp(${x})`);
  }
});

test('gradients: p − y and max(p(1 − p), 1e-16) as JavaScript computes them, with their maxima', () => {
  const v = views();
  const rand = mulberry32(9);
  for (let r = 0; r < ROWS; r++) {
    v.margin[r] = (rand() - 0.5) * (r % 10 === 0 ? 80 : 6);
    v.y[r] = rand() < 0.4 ? 1 : 0;
  }
  v.wasm.gradients(
    v.margin.byteOffset,
    v.y.byteOffset,
    v.grad.byteOffset,
    v.hess.byteOffset,
    0,
    ROWS,
    v.fargs.byteOffset,
  );
  let gMax = 0;
  let hMax = 0;
  for (let r = 0; r < ROWS; r++) {
    const p = 1 / (1 + Math.exp(-v.margin[r]!));
    const g = p - v.y[r]!;
    const h = Math.max(p * (1 - p), 1e-16);
    assert.ok(Object.is(v.grad[r], g) && Object.is(v.hess[r], h), `row ${r}`);
    gMax = Math.max(gMax, Math.abs(g));
    hMax = Math.max(hMax, h);
  }
  assert.equal(v.fargs[0], gMax);
  assert.equal(v.fargs[1], hMax);
});

test('a training set beyond the 4 GiB of WebAssembly memory is refused in one line, before anything is allocated', () => {
  assert.throws(
    () => allocateShared(400_000_000, 40, 32, 255, 1),
    (e: unknown) =>
      e instanceof DataError &&
      /400000000 rows × 40 features needs [\d.]+ GiB of training memory; the limit is 4 GiB/.test(e.message),
  );
});
