/** `ats options`: the pricing and strategy commands end to end, and bad input refused with exit 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

test('options price --json: Hull Example 15.6 call, 4.76 (Hull 9th ed.)', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(
    [
      'options',
      'price',
      '--type',
      'call',
      '--spot',
      '42',
      '--strike',
      '40',
      '--days',
      '182.5',
      '--rate',
      '0.1',
      '--dividend-yield',
      '0',
      '--vol',
      '20%',
      '--json',
    ],
    { cwd },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, number>;
  assert.deepEqual(Object.keys(out), ['price', 'delta', 'gamma', 'theta', 'vega', 'rho']);
  assert.equal(out.price!.toFixed(2), '4.76');
});

test('options iv --json inverts options price; --american too', async (t) => {
  const cwd = tempDir(t);
  const base = [
    '--type',
    'put',
    '--spot',
    '95',
    '--strike',
    '100',
    '--days',
    '60',
    '--rate',
    '4%',
    '--dividend-yield',
    '0.01',
  ];
  for (const american of [[], ['--american']]) {
    const p = await runCli(['options', 'price', ...base, '--vol', '0.33', ...american, '--json'], { cwd });
    const price = (JSON.parse(p.stdout) as { price: number }).price;
    const r = await runCli(['options', 'iv', ...base, '--price', price.toFixed(10), ...american, '--json'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Math.abs((JSON.parse(r.stdout) as { iv: number }).iv - 0.33) < 1e-6);
  }
});

test('the issue’s done-when: bull_put_spread 95/100 prints max profit, max loss, breakeven and POP', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(
    [
      'options',
      'strategy',
      'bull_put_spread',
      '--strikes',
      '95,100',
      '--spot',
      '104',
      '--days',
      '21',
      '--vol',
      '0.3',
      '--rate',
      '0.04',
      '--dividend-yield',
      '0',
      '--json',
    ],
    { cwd },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  for (const k of [
    'legs',
    'netPremium',
    'maxProfit',
    'maxLoss',
    'breakevens',
    'pop',
    'popStdErr',
    'expectedValue',
    'greeks',
  ])
    assert.ok(k in out, k);
  assert.equal(out.source, 'model chain (no market quotes)');
  assert.ok((out.maxProfit as number) > 0 && (out.maxLoss as number) > 0);
  assert.ok(Math.abs((out.maxProfit as number) + (out.maxLoss as number) - 500) < 1e-6);
  assert.ok((out.pop as number) > 0.5 && (out.pop as number) < 1);
  const text = await runCli(
    [
      'options',
      'strategy',
      'iron_condor',
      '--strikes',
      '90,95,110,115',
      '--spot',
      '104',
      '--days',
      '21',
      '--vol',
      '0.3',
    ],
    { cwd },
  );
  assert.match(text.stdout, /prob\. of profit +\d+\.\d+% ± \d+\.\d+% \(Monte Carlo, 100000 paths/);
  assert.match(text.stdout, /model chain \(no market quotes\)/);
});

const price = [
  'options',
  'price',
  '--type',
  'call',
  '--strike',
  '100',
  '--days',
  '30',
  '--rate',
  '0.04',
  '--dividend-yield',
  '0',
];
const strategy = ['options', 'strategy', 'bull_put_spread', '--spot', '104', '--days', '21', '--vol', '0.3'];
const iv = [
  'options',
  'iv',
  '--type',
  'call',
  '--spot',
  '110',
  '--strike',
  '100',
  '--days',
  '365',
  '--rate',
  '0.05',
  '--dividend-yield',
  '0',
];
const CASES: Array<[string, string[], RegExp]> = [
  ['zero spot', [...price, '--spot', '0', '--vol', '0.2'], /--spot must be a decimal number above 0, got "0"/],
  ['negative vol', [...price, '--spot', '100', '--vol', '-0.2'], /--vol must be above 0%/],
  [
    'zero days',
    ['options', 'strategy', 'long_call', '--strikes', '100', '--spot', '100', '--days', '0', '--vol', '0.2'],
    /--days must be a decimal number above 0/,
  ],
  ['strikes out of order', [...strategy, '--strikes', '100,95'], /--strikes must be strictly ascending, got 100,95/],
  [
    'wrong strike count',
    [...strategy, '--strikes', '95,100,105'],
    /bull_put_spread takes 2 strikes \(--strikes\), got 3/,
  ],
  [
    'price below intrinsic',
    [...iv, '--price', '14'],
    /no implied volatility: price 14 is at or below the discounted intrinsic value/,
  ],
  ['price above bound', [...iv, '--price', '120'], /at or above the no-arbitrage bound 110/],
  [
    'expiry in the past',
    ['options', 'strategy', 'long_call', '--strikes', '190', '--symbol', 'AAPL', '--expiry', '2023-06-16'],
    /--expiry 2023-06-16 is not after 2023-12-29, the session being processed/,
  ],
  [
    'bad symbol',
    ['options', 'strategy', 'long_call', '--strikes', '1', '--symbol', 'AA PL', '--expiry', '2024-01-19'],
    /invalid symbol/,
  ],
  [
    'spot with --symbol',
    [...strategy, '--strikes', '95,100', '--symbol', 'AAPL', '--expiry', '2024-01-19'],
    /drop --spot and --days/,
  ],
  ['bad type', ['options', 'price', '--type', 'straddle'], /argument 'straddle' is invalid/],
];
for (const [name, args, message] of CASES)
  test(`options: ${name} → exit 2, one line, nothing written`, async (t) => {
    const cwd = tempDir(t);
    const r = await runCli(args, { cwd });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('(run with')).length,
      1,
      r.stderr,
    );
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(cwd), []);
  });
