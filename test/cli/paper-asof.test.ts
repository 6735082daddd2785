/**
 * The paper simulator never looks ahead, through the real CLI on the bundled sample (data/sample/AAPL.csv, daily
 * bars from Yahoo Finance, split-adjusted). The store holds every bar to 2023-12-29 before any order is placed,
 * so a fill priced with a later bar would show. No ats process runs between placing an order (at --asof D) and
 * reading it (at a later --asof).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { roundPrice } from '../../src/lib/broker/price-format.js';
import { openStore } from '../../src/lib/store/open.js';
import { listPaperOrders } from '../../src/lib/store/paper.js';
import { nyDate } from '../../src/lib/time.js';
import type { LedgerOrder } from '../../src/lib/store/orders.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** The sample's AAPL rows by date: [open, high, low, close] as stored (unrounded). */
const AAPL = new Map(
  readFileSync(join(process.cwd(), 'data', 'sample', 'AAPL.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [date, ...ohlc] = line.split(',');
      return [date as string, ohlc.slice(0, 4).map(Number)] as const;
    }),
);
const close = (d: string): number => (AAPL.get(d) as number[])[3] as number;

async function sampleStore(t: { after: (fn: () => void) => void }): Promise<string> {
  const cwd = tempDir(t);
  const r = await runCli(['collect', '--symbols', 'AAPL', '--days', '1100', '--quiet'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  return cwd;
}

async function ats(cwd: string, asof: string, args: string[], env: Record<string, string> = {}) {
  const r = await runCli([...args, '--json', '--quiet'], { cwd, env: { ATS_ASOF: asof, ...env } });
  assert.equal(r.code, 0, `${args.join(' ')} at ${asof}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

const paperOrders = (cwd: string) => {
  const store = openStore(join(cwd, 'data', 'ats.db'));
  try {
    return listPaperOrders(store, 'all');
  } finally {
    store.close();
  }
};

test('a market order fills at the as-of session close ± slippage, never at a later bar', async (t) => {
  const cwd = await sampleStore(t);
  // AAPL.csv 2023-06-01: close 180.08999633789062 → 180.09 (the newest stored close, 2023-12-29, is 192.53)
  const first = (await ats(cwd, '2023-06-01', ['broker', 'buy', 'AAPL', '5'])) as { order: LedgerOrder };
  assert.deepEqual([first.order.session, first.order.filledAvgPrice], ['2023-06-01', 180.09]);

  const sessions = ['2023-06-02', '2023-06-05', '2023-06-06', '2023-06-07', '2023-06-08', '2023-06-09'];
  const env = { ATS_PAPER_SLIPPAGE_BPS: '10' };
  for (const [i, d] of sessions.entries()) {
    await ats(cwd, d, ['broker', i % 2 === 0 ? 'sell' : 'buy', 'AAPL', '1'], env);
  }
  const fills = paperOrders(cwd).filter((o) => o.status === 'filled');
  assert.equal(fills.length, 1 + sessions.length);
  for (const o of fills) {
    const session = o.filledSession as string;
    const bps = session === '2023-06-01' ? 0 : 10;
    // 10 bps against us: a buy at close × 1.001, a sell at close × 0.999, to the cent
    const expected = roundPrice(close(session) * (o.side === 'buy' ? 1 + bps / 1e4 : 1 - bps / 1e4));
    assert.equal(o.filledAvgPrice, expected, `${o.side} filled in ${session}`);
    assert.equal(session, nyDate(o.submittedAt), 'filled in the session it was placed at');
  }
  // 2023-06-02 sell: 180.9499969482422 × 0.999 = 180.769… → 180.77
  assert.equal(fills.find((o) => o.filledSession === '2023-06-02')?.filledAvgPrice, 180.77);
});

test('--stop-loss: closed by the simulator on the first session whose bar reaches the stop, at the stop', async (t) => {
  const cwd = await sampleStore(t);
  // 2020-01-24 close 79.57749938964844 → 79.58; stop 5 % below: 79.58 × 0.95 = 75.601 → 75.60
  const placed = (await ats(cwd, '2020-01-24', ['broker', 'buy', 'AAPL', '10', '--stop-loss', '5%'])) as {
    order: LedgerOrder;
  };
  assert.equal(placed.order.filledAvgPrice, 79.58);
  // 2020-01-31: low 77.07 holds. 2020-02-03: open 76.07 > 75.60, low 75.555 ≤ 75.60 → filled at the stop
  const orders = (await ats(cwd, '2020-02-04', ['broker', 'orders'])) as LedgerOrder[];
  const leg = orders.find((o) => o.parentId === placed.order.clientOrderId);
  assert.deepEqual([leg?.type, leg?.stopPrice, leg?.status, leg?.filledAvgPrice], ['stop', 75.6, 'filled', 75.6]);
  const paperLeg = paperOrders(cwd).find((o) => o.parentId !== null);
  assert.equal(paperLeg?.filledSession, '2020-02-03');
  const account = (await ats(cwd, '2020-02-04', ['broker', 'account'])) as { positions: unknown[] };
  assert.deepEqual(account.positions, []);
  const portfolio = (await ats(cwd, '2020-02-04', ['portfolio', 'show'])) as { rows: Array<{ qty: number }> };
  assert.deepEqual(
    portfolio.rows.filter((r) => r.qty !== 0),
    [],
  );
});

test('--stop-loss: a session that gaps below the stop fills at its open; the take-profit leg is canceled', async (t) => {
  const cwd = await sampleStore(t);
  // 2020-02-14 close 81.23750305175781 → 81.24; stop 81.24 × 0.95 = 77.178 → 77.18; take-profit × 1.2 = 97.49
  const placed = (await ats(cwd, '2020-02-14', [
    'broker',
    'buy',
    'AAPL',
    '10',
    '--stop-loss',
    '5%',
    '--take-profit',
    '20%',
  ])) as { order: LedgerOrder };
  assert.equal(placed.order.filledAvgPrice, 81.24);
  // 2020-02-21 low 77.625 holds; 2020-02-24 opens at 74.31500244140625 → 74.32, below the stop: filled at the open
  const orders = (await ats(cwd, '2020-02-25', ['broker', 'orders'])) as LedgerOrder[];
  const legs = orders.filter((o) => o.parentId === placed.order.clientOrderId);
  assert.deepEqual(legs.map((o) => [o.type, o.limitPrice ?? o.stopPrice, o.status, o.filledAvgPrice]).sort(), [
    ['limit', 97.49, 'canceled', null],
    ['stop', 77.18, 'filled', 74.32],
  ]);
  assert.equal(paperOrders(cwd).find((o) => o.type === 'stop')?.filledSession, '2020-02-24');
});

test('bad exits: one line, exit 2, nothing written', async (t) => {
  const cwd = await sampleStore(t);
  for (const [flags, re] of [
    [['--trailing', '100%'], /--trailing must be more than 0 % and less than 100 %/],
    [['--trailing', '0%'], /--trailing must be more than 0 % and less than 100 %/],
    [['--stop-loss', '0%'], /stop-loss 180\.09 is on the wrong side of the price 180\.09: it must be below it/],
    [['--take-profit', '0.001%'], /take-profit 180\.09 must be at least one tick \(\$0\.01\) above the price/],
    [['--stop-loss', '5%', '--trailing', '3%'], /--stop-loss or --trailing, not both/],
  ] as const) {
    const r = await runCli(['broker', 'buy', 'AAPL', '5', ...flags], { cwd, env: { ATS_ASOF: '2023-06-01' } });
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  assert.deepEqual(paperOrders(cwd), []);
  const ledger = (await ats(cwd, '2023-06-01', ['broker', 'orders'])) as unknown[];
  assert.deepEqual(ledger, []);
});
