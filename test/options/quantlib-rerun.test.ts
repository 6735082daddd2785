/**
 * Where QuantLib is importable (Debian's quantlib-python), the fixture script is re-run for its European
 * cases and must reproduce the committed file: the fixtures are QuantLib's output, not hand-edited. CI
 * without QuantLib skips this and relies on the committed fixtures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixturePath } from '../helpers/tmp.js';
import { quantlib } from './quantlib-fixtures.js';

const python = ['/usr/bin/python3', 'python3'].find(
  (p) => spawnSync(p, ['-c', 'import QuantLib'], { stdio: 'ignore' }).status === 0,
);

test(
  'the committed European fixtures are what QuantLib computes today',
  { skip: python ? false : 'no QuantLib' },
  () => {
    const run = spawnSync(python!, [fixturePath('options', 'make_quantlib_fixtures.py'), '--european-only'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    assert.equal(run.status, 0, run.stderr);
    const fresh = (JSON.parse(run.stdout) as typeof quantlib).european;
    assert.equal(fresh.length, quantlib.european.length);
    fresh.forEach((c, i) => {
      const old = quantlib.european[i]!;
      for (const [k, v] of Object.entries(c)) {
        const before = old[k as keyof typeof old];
        if (typeof v === 'number')
          assert.ok(Math.abs(v - (before as number)) <= 1e-10 * Math.abs(v) + 1e-20, `${i} ${k}`);
        else assert.equal(v, before);
      }
    });
  },
);
