/**
 * The options scan on the bundled real daily bars (data/sample) in a real store: direction from the playbook,
 * strategy by IV rank, strikes by delta, sizing by the tier's risk per trade and MAX_RISK, point in time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { europeanGreeks } from '../../src/lib/options/bsm.js';
import {
  chooseStrategy,
  modelExpiry,
  modelStrikes,
  pickStrikes,
  spreadWidth,
  strikeStep,
} from '../../src/lib/options/scan-pick.js';
import { scaleStrategy, scanOptions, type ScanSettings } from '../../src/lib/pipeline/options-scan.js';
import { strategyLegs } from '../../src/lib/options/strategy-legs.js';
import { analyzeStrategy } from '../../src/lib/options/strategy.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { replaceChainSnapshot, type OptionChainRow } from '../../src/lib/store/option-chain.js';
import { openStore, type Store } from '../../src/lib/store/open.js';
import { replacePlaybook, type PlaybookRow } from '../../src/lib/store/playbook.js';
import { addDays } from '../../src/lib/time.js';
import { tempDir } from '../helpers/tmp.js';

const SYMBOLS = ['AAPL', 'MSFT', 'TSLA'];
const T = '2023-06-30';

function sampleStore(t: { after: (fn: () => void) => void }): Store {
  const store = openStore(join(tempDir(t), 'ats.db'));
  t.after(() => store.close());
  for (const s of SYMBOLS)
    upsertBars(store, parseBarsCsv(readFileSync(join('data', 'sample', `${s}.csv`), 'utf8'), s), 'sample');
  return store;
}

const pick = (symbol: string, rank: number, side: PlaybookRow['side']): PlaybookRow => ({
  symbol,
  rank,
  probability: side === 'long' ? 0.6 : 0.4,
  momentum: 0,
  rsi: 50,
  atrPct: 0.02,
  close: 100,
  side,
});

const settings = (over: Partial<ScanSettings> = {}): ScanSettings => ({
  asOf: T,
  equity: 20_000,
  maxRisk: {},
  rate: 0.04,
  ivRichRank: 50,
  ...over,
});

test('strategy by direction and IV rank; strike spacing and width by price level', () => {
  assert.equal(chooseStrategy('bullish', true), 'bull_put_spread');
  assert.equal(chooseStrategy('bullish', false), 'bull_call_spread');
  assert.equal(chooseStrategy('bearish', true), 'bear_call_spread');
  assert.equal(chooseStrategy('bearish', false), 'bear_put_spread');
  assert.equal(chooseStrategy('neutral', true), 'iron_condor');
  assert.equal(chooseStrategy('neutral', false), null);
  assert.deepEqual([20, 50, 200, 300, 900].map(strikeStep), [0.5, 1, 2.5, 5, 10]);
  // 2.5 % of 375 = 9.375 → 2 steps of 5; of 40 = 1 → 1 step of 1
  assert.equal(spreadWidth(375), 10);
  assert.equal(spreadWidth(40), 1);
  assert.equal(modelExpiry('2023-06-30'), '2023-08-04'); // first Friday ≥ 30 days out (July 30 is a Sunday)
});

test('strikes by delta: the bull put sells the put nearest 0.30 delta (checked against every grid strike)', () => {
  const m = { spot: 100, years: 30 / 365, rate: 0.04, volAt: () => 0.3 };
  const strikes = modelStrikes(100);
  const [long, short] = pickStrikes('bull_put_spread', strikes, strikes, m)!;
  const delta = (k: number): number =>
    Math.abs(
      europeanGreeks({ type: 'put', spot: 100, strike: k, years: m.years, rate: 0.04, dividendYield: 0, vol: 0.3 })
        .delta,
    );
  for (const k of strikes) assert.ok(Math.abs(delta(short!) - 0.3) <= Math.abs(delta(k) - 0.3) + 1e-12, `strike ${k}`);
  assert.equal(short, 95); // |delta| 0.249 at 95 against 0.353 at 97.5 (2.5 steps at a $100 spot)
  assert.equal(short - long!, spreadWidth(100));
});

test('scan: playbook long → bullish, short → bearish, tier list neutral; model chain; sized by risk per trade', (t) => {
  const store = sampleStore(t);
  replacePlaybook(store, T, 'm1', [pick('AAPL', 1, 'long'), pick('TSLA', 2, 'short')], 1);
  const r = scanOptions(store, settings({ ivRichRank: 0, equity: 40_000 }));
  assert.equal(r.tier, 'medium');
  assert.equal(r.riskDollars, 1200); // 40,000 × 3 % (src/lib/risk/tiers.ts)
  const by = new Map(r.trades.map((x) => [x.symbol, x]));
  assert.equal(by.get('AAPL')?.strategy, 'bull_put_spread');
  assert.equal(by.get('TSLA')?.strategy, 'bear_call_spread');
  assert.equal(by.get('MSFT')?.strategy, 'iron_condor', JSON.stringify(r.dropped));
  for (const x of r.trades) {
    assert.equal(x.analysis.source, 'model chain (no market quotes)');
    assert.match(x.ivRankSource, /^realised vol/);
    const perPosition = x.analysis.maxLoss! / x.analysis.positions;
    assert.ok(x.analysis.maxLoss! <= 1200 + 1e-9);
    assert.ok(x.analysis.maxLoss! + perPosition > 1200, 'one more position would pass the budget');
  }
  const ranked = r.trades.map((x) => x.analysis.expectedValue);
  assert.deepEqual(
    ranked,
    [...ranked].sort((a, b) => b - a),
  );
  assert.ok(!r.dropped.some((d) => d.symbol === 'SPY'), 'no bars: not a candidate');
});

test('scan: MAX_RISK below one position drops the trade with the reason; cheap IV + neutral is no trade', (t) => {
  const store = sampleStore(t);
  replacePlaybook(store, T, 'm1', [pick('AAPL', 1, 'long')], 1);
  const r = scanOptions(store, settings({ ivRichRank: 0, maxRisk: { spread: 10 } }));
  const aapl = r.dropped.find((d) => d.symbol === 'AAPL');
  assert.equal(aapl?.strategy, 'bull_put_spread');
  assert.match(aapl.reason, /MAX_RISK spread=\$10\.00/);
  const cheap = scanOptions(store, settings({ ivRichRank: 101 }));
  assert.match(cheap.dropped.find((d) => d.symbol === 'MSFT')!.reason, /neutral with cheap IV/);
  assert.equal(cheap.trades.find((x) => x.symbol === 'AAPL')?.strategy, 'bull_call_spread');
});

/** A synthetic snapshot: strikes 150–230 by 5, one expiry, every contract at `iv`, mid = the BSM price. */
function snapshot(session: string, spot: number, iv: number): OptionChainRow[] {
  const expiry = addDays(session, 35);
  const rows: OptionChainRow[] = [];
  for (let k = 150; k <= 230; k += 5)
    for (const type of ['call', 'put'] as const) {
      const p = europeanGreeks({ type, spot, strike: k, years: 35 / 365, rate: 0.04, dividendYield: 0, vol: iv }).price;
      rows.push({
        ticker: `O:AAPL${expiry.slice(2).replace(/-/g, '')}${type === 'call' ? 'C' : 'P'}${String(k * 1000).padStart(8, '0')}`,
        underlying: 'AAPL',
        expiry,
        type,
        strike: k,
        bid: Math.max(0.01, p - 0.05),
        ask: p + 0.05,
        last: p,
        dayClose: p,
        volume: 10,
        openInterest: 100,
        iv,
        delta: null,
        gamma: null,
        theta: null,
        vega: null,
        underlyingPrice: spot,
        quoteTs: null,
        session,
        greeksSource: 'polygon',
        priceSource: 'mid',
      });
    }
  return rows;
}

test('scan: 20+ stored snapshots rank the IV against the chain; legs from the chain; point in time', (t) => {
  const store = sampleStore(t);
  replacePlaybook(store, T, 'm1', [pick('AAPL', 1, 'long')], 1);
  // 24 weekday snapshots up to T with IV 0.20..0.43: the last (T) is the highest → rank 100 → rich → bull put
  let d = T;
  const sessions: string[] = [];
  while (sessions.length < 24) {
    if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) sessions.unshift(d);
    d = addDays(d, -1);
  }
  sessions.forEach((s, i) => replaceChainSnapshot(store, 'AAPL', s, snapshot(s, 190, 0.2 + i * 0.01), 1));
  const only = settings({ symbols: ['AAPL'] });
  const before = scanOptions(store, only);
  const aapl = before.trades[0]!;
  assert.equal(aapl.strategy, 'bull_put_spread');
  assert.equal(aapl.ivRank, 100);
  assert.equal(aapl.ivRankSource, 'chain IV, 24 snapshots');
  assert.match(aapl.analysis.source, /^market chain \(snapshot of 2023-06-30/);
  assert.ok(Math.abs(aapl.ivNow - 0.43) < 1e-12);

  // Later data of every kind: bars after T doubled, a later snapshot, a later playbook turning AAPL short
  const later = parseBarsCsv(readFileSync(join('data', 'sample', 'AAPL.csv'), 'utf8'), 'AAPL')
    .filter((b) => new Date(b.ts).toISOString().slice(0, 10) > T)
    .map((b) => ({ ...b, close: b.close * 2, high: b.high * 2 }));
  upsertBars(store, later, 'perturbed');
  replaceChainSnapshot(store, 'AAPL', '2023-07-05', snapshot('2023-07-05', 150, 0.9), 1);
  replacePlaybook(store, '2023-07-05', 'm1', [pick('AAPL', 1, 'short')], 2);
  assert.deepEqual(scanOptions(store, only), before);
  // …which the scan of the later session does see
  assert.equal(scanOptions(store, { ...only, asOf: '2023-07-05' }).trades[0]?.strategy, 'bear_call_spread');
});

test('scan: fewer than 20 snapshots rank the chain IV against the realised-vol history', (t) => {
  const store = sampleStore(t);
  replaceChainSnapshot(store, 'AAPL', T, snapshot(T, 190, 0.25), 1);
  const r = scanOptions(store, settings({ symbols: ['AAPL'], ivRichRank: 0 }));
  assert.match(r.trades[0]!.ivRankSource, /^realised vol, \d+ sessions$/);
  assert.ok(Math.abs(r.trades[0]!.ivNow - 0.25) < 1e-12);
});

test('scaling one position equals analysing N positions (Monte Carlo and closed form)', () => {
  for (const [name, strikes] of [
    ['iron_condor', [90, 95, 105, 110]],
    ['bull_put_spread', [95, 100]],
  ] as const) {
    const run = (positions: number) =>
      analyzeStrategy({
        name,
        legs: strategyLegs(name, [...strikes]),
        market: { spot: 101, years: 30 / 365, vol: 0.3, rate: 0.04, dividendYield: 0 },
        positions,
        american: true,
        paths: 100_000,
        seed: 1,
      });
    const scaled = scaleStrategy(run(1), 7);
    const direct = run(7);
    const close = (a: unknown, b: unknown, path: string): void => {
      if (typeof a === 'number' && typeof b === 'number')
        assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${name} ${path}: ${a} vs ${b}`);
      else if (a && typeof a === 'object')
        for (const k of Object.keys(b as object))
          close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      else assert.equal(a, b, `${name} ${path}`);
    };
    close(scaled, direct, '');
  }
});
