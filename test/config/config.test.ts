import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config.js';
import { parseDotEnv } from '../../src/lib/dotenv.js';
import { ConfigError } from '../../src/lib/errors.js';
import { tempDir } from '../helpers/tmp.js';

const base = (cwd: string, env: NodeJS.ProcessEnv = {}, flags = {}) =>
  loadConfig({ flags, env, cwd, packageRoot: '/pkg' });

test('layers: defaults < ats.config.json < .env < environment < flags', (t) => {
  const cwd = tempDir(t);
  assert.equal(base(cwd).db, join(cwd, 'data/ats.db'));
  assert.equal(base(cwd).rateLimit, 5);
  writeFileSync(join(cwd, 'ats.config.json'), JSON.stringify({ db: 'file.db', rateLimit: 10 }));
  assert.equal(base(cwd).db, join(cwd, 'file.db'));
  writeFileSync(join(cwd, '.env'), 'ATS_DB=dotenv.db\nPOLYGON_RATE_LIMIT=20\n');
  assert.equal(base(cwd).db, join(cwd, 'dotenv.db'));
  assert.equal(base(cwd).rateLimit, 20);
  assert.equal(base(cwd, { ATS_DB: 'env.db' }).db, join(cwd, 'env.db'));
  assert.equal(base(cwd, { ATS_DB: 'env.db' }, { db: 'flag.db', rateLimit: '0' }).db, join(cwd, 'flag.db'));
  assert.equal(base(cwd, {}, { rateLimit: '0' }).rateLimit, 0);
});

test('source defaults to polygon only when a key is configured; --source overrides', (t) => {
  const cwd = tempDir(t);
  assert.equal(base(cwd).source, 'sample');
  assert.equal(base(cwd, { POLYGON_API_KEY: 'k123456' }).source, 'polygon');
  assert.equal(base(cwd, { POLYGON_API_KEY: 'k123456' }, { source: 'sample' }).source, 'sample');
});

test('secrets are refused in the config file; bad values are ConfigErrors naming the setting', (t) => {
  const cwd = tempDir(t);
  writeFileSync(join(cwd, 'ats.config.json'), JSON.stringify({ polygonApiKey: 'abc' }));
  assert.throws(
    () => base(cwd),
    (e: unknown) => e instanceof ConfigError && /secret/.test(e.message),
  );
  writeFileSync(join(cwd, 'ats.config.json'), '{ not json');
  assert.throws(
    () => base(cwd),
    (e: unknown) => e instanceof ConfigError && /not valid JSON/.test(e.message),
  );
  writeFileSync(join(cwd, 'ats.config.json'), JSON.stringify({ colour: 'blue' }));
  assert.throws(() => base(cwd), /unknown key "colour"/);
  const clean = tempDir(t);
  assert.throws(() => base(clean, { POLYGON_RATE_LIMIT: 'fast' }), /POLYGON_RATE_LIMIT/);
  assert.throws(() => base(clean, {}, { source: 'yahoo' }), /--source must be/);
  assert.throws(() => base(clean, { ATS_TRADING_MODE: 'yolo' }), /ATS_TRADING_MODE/);
});

test('.env parsing: comments, export, quotes', () => {
  assert.deepEqual(parseDotEnv('# c\nexport A=1\nB="two words"\nC=\'x\' \nD=v # trailing\n\nbad line\n'), {
    A: '1',
    B: 'two words',
    C: 'x',
    D: 'v',
  });
});
