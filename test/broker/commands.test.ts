/**
 * The broker / portfolio / evaluator commands through commander, in process (a program with only these
 * commands; once src/commands/register.ts includes them, test/helpers/cli.ts runCli covers the real binary).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerBroker } from '../../src/commands/broker.js';
import { registerPortfolio } from '../../src/commands/portfolio.js';
import { registerEvaluator } from '../../src/commands/evaluator.js';
import { listOrders } from '../../src/lib/store/orders.js';
import { execEnv, setQuote } from './exec-helpers.js';

async function run(args: string[], env: Record<string, string>): Promise<{ stdout: string; error: unknown }> {
  const program = new Command('ats').option('--db <path>').option('--json').option('--quiet').exitOverride();
  registerBroker(program);
  registerPortfolio(program);
  registerEvaluator(program);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  // Only our text: the test runner's own protocol goes through as Buffers.
  process.stdout.write = (s: string | Uint8Array, ...rest: unknown[]) =>
    typeof s === 'string' ? (out.push(s), true) : (write as (...a: unknown[]) => boolean)(s, ...rest);
  let error: unknown = null;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (err) {
    error = err;
  } finally {
    process.stdout.write = write;
    process.env = saved;
  }
  return { stdout: out.join(''), error };
}

test('BUY AAPL 1 100 (short form) places a limit order once; portfolio show --json; evaluator; bad input', async (t) => {
  const env = execEnv(t);
  // Without --asof the CLI runs on the sample's clock (2023-12-29 16:01 New York): the quote must be known by then.
  setQuote(env, 'AAPL', 99, Date.UTC(2023, 11, 29, 20, 0));
  const e = { ATS_REPORTS_DIR: env.reportsDir };
  const base = ['--db', env.store.path, '--quiet'];
  const first = await run([...base, 'broker', 'BUY', 'AAPL', '1', '100'], e);
  assert.equal(first.error, null);
  assert.match(
    first.stdout,
    /^buy 1 AAPL limit 100\.00 \(entry\) on paper: filled, filled 1 @ 99\.00 \[ats-[0-9a-f]{16}\]/,
  );
  const again = await run([...base, 'broker', 'buy', 'AAPL', '1', '--limit', '100'], e);
  assert.match(again.stdout, /^already placed: /);
  assert.equal(listOrders(env.store, 'paper').length, 1);

  const show = await run([...base, '--json', 'portfolio', 'show'], e);
  const v = JSON.parse(show.stdout) as { rows: Array<{ symbol: string; qty: number; avgCost: number }> };
  assert.deepEqual(
    v.rows.map((r) => [r.symbol, r.qty, r.avgCost]),
    [['AAPL', 1, 99]],
  );

  const ev = await run([...base, '--json', 'evaluator', '--stop-loss', '5%'], e);
  assert.deepEqual(
    (JSON.parse(ev.stdout) as Array<{ action: string }>).map((r) => r.action),
    ['hold'],
  );

  for (const [args, re] of [
    [['broker', 'sell', 'AAPL', '0'], /quantity must be a positive whole number/],
    [['broker', 'buy', 'AAPL', '1', '--type', 'limit'], /limit order needs --limit/],
    [['portfolio', 'close', 'MSFT'], /cannot close MSFT: no position held/],
    [['evaluator'], /at least one of --stop-loss/],
  ] as const) {
    const r = await run([...base, ...args], e);
    assert.match(String((r.error as Error)?.message), re);
    assert.equal((r.error as { exitCode?: number }).exitCode, 2);
  }
});
