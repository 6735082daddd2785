/** `ats daily --trade` on the bundled sample applies the portfolio limits to its picks, in rank order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

interface Trade {
  symbol: string;
  shares: number;
  entry: number;
  status: string;
}

const ALL = 'AAPL,AMZN,GOOGL,META,MSFT,NVDA,TSLA';
// data/sample/sectors.json: SIC 3571, 7370, 7372, 3674 → Information Technology; AMZN 5961, TSLA 3711 → not
const IT = new Set(['AAPL', 'GOOGL', 'META', 'MSFT', 'NVDA']);

async function daily(t: { after: (fn: () => void) => void }, env: Record<string, string>) {
  const cwd = tempDir(t);
  const args = ['daily', '--symbols', ALL, '--trade', '--force-model', '--threshold', '0.5', '--top', '7', '--json'];
  const r = await runCli(args, { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  const trades = (JSON.parse(r.stdout) as { results: { trades: Trade[] } }).results.trades;
  const orders = await runCli(['broker', 'orders', '--json'], { cwd });
  return {
    trades,
    sent: (JSON.parse(orders.stdout) as Array<{ symbol: string; parentId?: string | null }>)
      .filter((o) => !o.parentId) // entries only: each has its exit legs as rows too
      .map((o) => o.symbol)
      .sort(),
  };
}

const num = (s: string): number => Number(s.replace(/,/g, ''));

test('daily on the sample: sector limit (25 %) and correlation limit refuse picks, naming the rule and the numbers', async (t) => {
  const [bySector, byCorrelation] = await Promise.all([
    // 10 % per symbol: the third $10,000 Information Technology pick passes 25 %
    daily(t, { ATS_MAX_SYMBOL_PCT: '10', ATS_MAX_CORRELATION: '1' }),
    // every pair of sample stocks correlates above 0.1: only the first pick is placed
    daily(t, { ATS_MAX_CORRELATION: '0.1' }),
  ]);

  let it = 0;
  let refusals = 0;
  for (const trade of bySector.trades) {
    const cost = trade.shares * trade.entry;
    if (!IT.has(trade.symbol) || it + cost <= 25_000) {
      assert.doesNotMatch(trade.status, /^refused/, trade.symbol);
      if (IT.has(trade.symbol)) it += cost;
      continue;
    }
    refusals++;
    const m =
      /^refused: sector limit: buying (\d+) (\w+) \(\$[\d,.]+\) would put Information Technology at ([\d.]+)% of equity \(\$([\d,.]+) of \$([\d,.]+)\), limit 25%$/.exec(
        trade.status,
      );
    assert.ok(m, trade.status);
    assert.equal(Number(m[1]), trade.shares);
    assert.equal(m[2], trade.symbol);
    assert.ok(Math.abs(num(m[4]!) - (it + cost)) < 0.01, `${m[4]} vs ${it + cost}`);
    assert.ok(Math.abs(Number(m[3]) - ((it + cost) / num(m[5]!)) * 100) < 0.05);
  }
  assert.ok(refusals > 0, JSON.stringify(bySector.trades));
  assert.deepEqual(
    bySector.sent,
    bySector.trades
      .filter((x) => !x.status.startsWith('refused'))
      .map((x) => x.symbol)
      .sort(),
    'a refused pick sends nothing',
  );

  const [first, ...rest] = byCorrelation.trades;
  assert.ok(first && rest.length > 0);
  assert.doesNotMatch(first.status, /^refused/);
  for (const trade of rest) {
    const m = new RegExp(
      `^refused: correlation limit: ${trade.symbol}'s 60-session daily-return correlation ` +
        `with (\\w+) \\(open\\) is ([\\d.]+), limit 0\\.1$`,
    ).exec(trade.status);
    assert.ok(m, trade.status);
    assert.equal(m[1], first.symbol);
    assert.ok(Number(m[2]) > 0.1);
  }
  assert.deepEqual(byCorrelation.sent, [first.symbol]);
});
