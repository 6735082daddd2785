/** Every setting, from every layer, goes through one parser: bad values are refused naming layer, key and rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config.js';
import { SETTINGS } from '../../src/lib/config-settings.js';
import { ConfigError, UsageError } from '../../src/lib/errors.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const load = (cwd: string, env: NodeJS.ProcessEnv = {}, flags = {}) =>
  loadConfig({ flags, env, cwd, packageRoot: '/pkg' });
const withFile = (cwd: string, body: unknown) => writeFileSync(join(cwd, 'ats.config.json'), JSON.stringify(body));

test('config file values are validated: enum, number and type errors name the file, the key and the rule', (t) => {
  const cwd = tempDir(t);
  const cases: Array<[unknown, RegExp]> = [
    [{ source: 'bloomberg' }, /"source" must be one of polygon, sample \(got "bloomberg"\)/],
    [{ rateLimit: 'fast' }, /"rateLimit" must be a number ≥ 0 \(got "fast"\)/],
    [{ db: 5 }, /"db" must be a non-empty string \(got 5\)/],
    [{ broker: 'ib' }, /"broker" must be one of paper, alpaca/],
    [{ paperCash: -1 }, /"paperCash" must be a number > 0/],
    [{ maxSymbolPct: 150 }, /"maxSymbolPct" must be a number > 0 and ≤ 100/],
    [{ maxOpenPositions: 2.5 }, /"maxOpenPositions" must be a whole number ≥ 0/],
    [{ polygonBaseUrl: 'ftp://x' }, /"polygonBaseUrl" must be a http or https URL/],
    [{ maxRisk: { call: 'lots' } }, /"maxRisk" bad entry "call"/],
    [{ tradingMode: 'yolo' }, /"tradingMode" cannot be set in a file/],
    [{ tradingMode: 'live' }, /"tradingMode" cannot be set in a file/],
    [{ asof: '2023-01-03' }, /unknown key "asof"/],
  ];
  for (const [body, expected] of cases) {
    withFile(cwd, body);
    assert.throws(
      () => load(cwd),
      (e: unknown) => e instanceof ConfigError && e.message.includes('ats.config.json') && expected.test(e.message),
      JSON.stringify(body),
    );
  }
  withFile(cwd, { maxRisk: { call: 100, condor: 50 }, maxSymbolPct: '2.5%', paperCash: 5000, broker: 'alpaca' });
  const cfg = load(cwd);
  assert.deepEqual(cfg.maxRisk, { call: 100, condor: 50 });
  assert.equal(cfg.maxSymbolPct, 2.5);
  assert.equal(cfg.paperCash, 5000);
  assert.equal(cfg.broker, 'alpaca');
});

test('environment and .env values go through the same parser; numbers are decimal literals only', (t) => {
  const cwd = tempDir(t);
  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ ATS_PAPER_CASH: '0x10' }, /^environment: ATS_PAPER_CASH must be a number > 0 \(got "0x10"\)$/],
    [{ ATS_HTTP_ATTEMPTS: '1e1' }, /ATS_HTTP_ATTEMPTS must be a whole number ≥ 1 and ≤ 100/],
    [{ ATS_MAX_OPEN_POSITIONS: '3.5' }, /ATS_MAX_OPEN_POSITIONS must be a whole number/],
    [{ ATS_SOURCE: 'yahoo' }, /ATS_SOURCE must be one of polygon, sample/],
    [{ ATS_TRADING_MODE: 'yolo' }, /ATS_TRADING_MODE must be one of paper, live/],
    [{ ATS_ASOF: '2023-02-30' }, /ATS_ASOF must be a date YYYY-MM-DD/],
    [{ MAX_RISK: 'call=abc' }, /MAX_RISK bad entry "call"/],
    [{ MAX_RISK: 'call=1,call=2' }, /strategy "call" is given twice/],
    [{ POLYGON_WS_URL: 'https://x' }, /POLYGON_WS_URL must be a ws or wss URL/],
  ];
  for (const [env, expected] of bad) {
    assert.throws(
      () => load(cwd, env),
      (e: unknown) => e instanceof ConfigError && expected.test(e.message),
      JSON.stringify(env),
    );
  }
  writeFileSync(join(cwd, '.env'), 'ATS_BROKER_TIMEOUT_MS=soon\n');
  assert.throws(() => load(cwd), /\.env: ATS_BROKER_TIMEOUT_MS must be a number > 0 \(got "soon"\)$/);
  writeFileSync(join(cwd, '.env'), 'ATS_TRADING_MODE=live\n');
  assert.throws(() => load(cwd), /\.env: ATS_TRADING_MODE is read from the process environment only/);
  writeFileSync(join(cwd, '.env'), 'MAX_RISK= call = 100 , iron-condor=52.5 \nATS_PAPER_SLIPPAGE_BPS=2.5\n');
  const cfg = load(cwd, { POLYGON_WS_REALTIME_URL: 'ws://127.0.0.1:9' });
  assert.deepEqual(cfg.maxRisk, { call: 100, 'iron-condor': 52.5 });
  assert.equal(cfg.paperSlippageBps, 2.5);
  assert.equal(cfg.polygonRealtimeWsUrl, 'ws://127.0.0.1:9');
  const proto = load(tempDir(t), { MAX_RISK: '__proto__=5' }).maxRisk;
  assert.equal(Object.hasOwn(proto, '__proto__'), true, '"__proto__" stays an ordinary key');
});

test('flags are usage errors (exit 2) naming the flag', (t) => {
  const cwd = tempDir(t);
  assert.throws(
    () => load(cwd, {}, { broker: 'ib' }),
    (e: unknown) => e instanceof UsageError && /^--broker/.test(e.message),
  );
  assert.throws(() => load(cwd, {}, { rateLimit: '0x10' }), /--rate-limit must be a number ≥ 0/);
});

test('reports and model files belong to their store unless set', (t) => {
  const cwd = tempDir(t);
  const a = load(cwd, {}, { db: 'one/a.db' });
  const b = load(cwd, {}, { db: 'two/b.sqlite' });
  assert.equal(a.reportsDir, join(cwd, 'one', 'a-reports'));
  assert.equal(a.modelsDir, join(cwd, 'one', 'a-models'));
  assert.equal(b.reportsDir, join(cwd, 'two', 'b-reports'));
  assert.equal(load(cwd, { ATS_REPORTS_DIR: 'out' }).reportsDir, join(cwd, 'out'));
});

test('the CLI refuses a bad config file with exit 3 and one line, before any work', async (t) => {
  const cwd = tempDir(t);
  withFile(cwd, { source: 'bloomberg', tradingMode: 'yolo', rateLimit: 'fast' });
  const r = await runCli(['verify'], { cwd });
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /ats\.config\.json: "source" must be one of polygon, sample \(got "bloomberg"\)/);
  withFile(cwd, { db: 5 });
  const db = await runCli(['quality'], { cwd });
  assert.equal(db.code, 3, db.stderr);
  assert.match(db.stderr, /"db" must be a non-empty string/);
});

test('the README configuration table lists every setting with its environment variable and config key', () => {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Exit codes'));
  const rows = section.split('\n').filter((l) => l.startsWith('| '));
  for (const [key, def] of Object.entries(SETTINGS)) {
    const row = rows.find((r) => r.includes(`\`${def.env}\``));
    assert.ok(row, `README lists ${def.env}`);
    if (def.file) assert.ok(row.startsWith(`| \`${key}\` |`), `README row of ${def.env} names the config key ${key}`);
    if ('flag' in def) assert.ok(row.includes(`\`${def.flag}\``), `README row of ${def.env} names ${def.flag}`);
  }
});
