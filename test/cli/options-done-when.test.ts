/**
 * Issue 12's done-when, end to end through the CLI on the paper broker: an iron condor opened from the MODEL chain
 * with `ats broker strategy`, shown as one grouped position with net greeks and days to expiry (`portfolio show`
 * and the TUI in a real tmux), closed by the evaluator's take-profit rule (a ledger mleg order whose legs reverse
 * the opening ones, filled) once ATS_ASOF moves on, and a second condor left open settled at its expiry (worthless
 * legs expire, the in-the-money short call is assigned into 100 short shares).
 *
 * The underlying is the synthetic SPY of test/helpers/paper-condor.ts: closes alternate 100, 101, so its realised
 * volatility over 60 returns is ln(1.01) × √(60/59 × 252) (model-chain.ts, in closed form). Every expected price
 * is bsm.ts's European price at that volatility (contract-mark.ts: rate optionsRate 0.04, no dividend yield,
 * calendar days / 365) rounded to the cent, and every settlement figure is the condor's payoff at expiry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { europeanGreeks, europeanPrice } from '../../src/lib/options/bsm.js';
import type { OptionType } from '../../src/lib/options/bsm.js';
import { formatOcc } from '../../src/lib/options/occ.js';
import { openStore } from '../../src/lib/store/open.js';
import { runCli } from '../helpers/cli.js';
import { seedSyntheticSpy } from '../helpers/paper-condor.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const RATE = 0.04;
const VOL = Math.log(1.01) * Math.sqrt((60 / 59) * 252);
const cents = (x: number): number => Math.round(x * 100) / 100;

interface Leg {
  type: OptionType;
  strike: number;
  qty: number;
}
const condorLegs = (k: readonly number[]): Leg[] => [
  { type: 'put', strike: k[0]!, qty: 1 },
  { type: 'put', strike: k[1]!, qty: -1 },
  { type: 'call', strike: k[2]!, qty: -1 },
  { type: 'call', strike: k[3]!, qty: 1 },
];
const A = { expiry: '2025-05-16', strikes: [90, 95, 105, 110] };
const B = { expiry: '2025-04-25', strikes: [94, 97, 100, 103] };

const input = (l: Leg, expiry: string, session: string, spot: number) => ({
  type: l.type,
  spot,
  strike: l.strike,
  years: (Date.parse(expiry) - Date.parse(session)) / 86_400_000 / 365,
  rate: RATE,
  dividendYield: 0,
  vol: VOL,
});
const model = (l: Leg, expiry: string, session: string, spot: number): number =>
  europeanPrice(input(l, expiry, session, spot));

function strategyArgs(c: { expiry: string; strikes: number[] }): string[] {
  const flags = ['--symbol', 'SPY', '--expiry', c.expiry, '--strikes', c.strikes.join(','), '--qty', '1'];
  return ['broker', 'strategy', 'iron_condor', ...flags];
}

async function cli(dir: string, asOf: string, args: string[]): Promise<string> {
  const r = await runCli(args, { cwd: dir, env: { ATS_ASOF: asOf } });
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface Group {
  strategy: string;
  expiry: string;
  units: number;
  daysToExpiry: number;
  premium: number;
  greeks: { delta: number; gamma: number; theta: number; vega: number };
}
interface LedgerRow {
  clientOrderId: string;
  symbol: string;
  side: string;
  qty: number;
  status: string;
  intent: string;
  source: string;
  filledAvgPrice: number | null;
}

test(
  'done-when: a paper iron condor from the model chain is one position, closed by its rule; another settles at expiry',
  {
    timeout: 600_000,
  },
  async (t) => {
    const dir = tempDir(t, 'ats-optdone-');
    mkdirSync(join(dir, 'data'));
    const store = openStore(join(dir, 'data', 'ats.db'));
    seedSyntheticSpy(store);
    store.close();
    const open = '2025-04-15'; // SPY closes at 100 (an even session index)

    // Condor A, 31 days: the legs at bsm.ts 0.0142, 0.2649, 0.4126, 0.0435 → 0.01, 0.26, 0.41, 0.04: credit 0.62.
    const aOpen = condorLegs(A.strikes).map((l) => cents(model(l, A.expiry, open, 100)));
    assert.deepEqual(aOpen, [0.01, 0.26, 0.41, 0.04]);
    const placed = await cli(dir, open, strategyArgs(A));
    assert.match(placed, /^iron_condor: model chain \(no market quotes\)$/m);
    assert.match(placed, /net mid credit 0\.62, limit credit 0\.62/);
    assert.match(placed, /sell 1 SPY limit -0\.62 \(entry\) on paper: filled, filled 1 @ -0\.62/);

    // One grouped position: premium 62, 31 days, net greeks = Σ legs' bsm.ts greeks × contracts × 100.
    const shown = JSON.parse(await cli(dir, open, ['portfolio', 'show', '--json'])) as { options: Group[] };
    assert.equal(shown.options.length, 1);
    const g = shown.options[0]!;
    assert.deepEqual(
      [g.strategy, g.expiry, g.units, g.daysToExpiry, cents(g.premium)],
      ['iron_condor', A.expiry, 1, 31, 62],
    );
    for (const k of ['delta', 'gamma', 'theta', 'vega'] as const) {
      const want = condorLegs(A.strikes).reduce(
        (s, l) => s + l.qty * 100 * europeanGreeks(input(l, A.expiry, open, 100))[k],
        0,
      );
      assert.ok(Math.abs(g.greeks[k] - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${k} ${g.greeks[k]} vs ${want}`);
    }
    await checkTui(t, dir, open);

    // Condor B, 10 days, left to expire: bsm.ts 0.01, 0.15, 1.11, 0.19 at the cent: credit 1.06.
    const bOpen = condorLegs(B.strikes).map((l) => cents(model(l, B.expiry, open, 100)));
    assert.deepEqual(bOpen, [0.01, 0.15, 1.11, 0.19]);
    assert.match(await cli(dir, open, strategyArgs(B)), /on paper: filled, filled 1 @ -1\.06/);

    // 28 Apr (18 days to A's expiry, SPY 100). A's value at the marks: PnL 62 + 100 × Σ qty × mark = 36.96 ≥ 0.5 ×
    // its 62 max profit: the take-profit rule (optionTakeProfit 0.5) closes it. B expired on 25 Apr (SPY 101).
    const later = '2025-04-28';
    const marks = condorLegs(A.strikes).map((l) => model(l, A.expiry, later, 100));
    const pnl = 62 + 100 * condorLegs(A.strikes).reduce((s, l, i) => s + l.qty * marks[i]!, 0);
    assert.equal(pnl.toFixed(2), '36.96');
    const evaluated = JSON.parse(await cli(dir, later, ['evaluator', '--options', '--json'])) as Array<{
      symbol: string;
      action: string;
      reason: string;
      clientOrderId: string;
    }>;
    assert.deepEqual(
      evaluated.map((r) => [r.symbol, r.action]),
      [[`iron_condor SPY ${A.expiry}`, 'close']],
    );
    assert.match(
      evaluated[0]!.reason,
      /^take-profit: iron_condor SPY 2025-05-16 made 36\.96, ≥ 0\.5 × max profit 62\.00/,
    );
    // A re-run the same session finds nothing left to close and places nothing.
    assert.deepEqual(JSON.parse(await cli(dir, later, ['evaluator', '--options', '--json'])), []);

    // The ledger: the close is one mleg order (debit 0.26 = the marks at the cent 0.00, 0.10, 0.16, 0.00) whose legs
    // reverse the opening ones (sell to close the longs, buy to close the shorts), all filled.
    const closeId = evaluated[0]!.clientOrderId;
    const ledger = JSON.parse(await cli(dir, later, ['broker', 'orders', '--json'])) as LedgerRow[];
    const parent = ledger.find((o) => o.clientOrderId === closeId)!;
    assert.deepEqual(
      [parent.symbol, parent.side, parent.qty, parent.status, parent.intent, parent.source, parent.filledAvgPrice],
      ['SPY', 'buy', 1, 'filled', 'exit', 'evaluator', 0.26],
    );
    const closeMarks = marks.map(cents);
    assert.deepEqual(closeMarks, [0, 0.1, 0.16, 0]);
    assert.deepEqual(
      ledger
        .filter((o) => o.clientOrderId.startsWith(`${closeId}-leg`))
        .map((o) => [o.symbol, o.side, o.status, o.intent, o.filledAvgPrice]),
      condorLegs(A.strikes).map((l, i) => [
        formatOcc({ root: 'SPY', expiry: A.expiry, type: l.type, strike: l.strike }),
        l.qty > 0 ? 'sell' : 'buy',
        'filled',
        'exit',
        closeMarks[i],
      ]),
    );

    // B at its expiry close (SPY 101): the 94/97 puts and the 103 call expire worthless; the short 100 call is
    // assigned: 100 shares sold at 100. Cash 100 000 + 62 − 26 (A) + 106 (B) + 10 000 (assigned sale) = 110 142.
    const account = JSON.parse(await cli(dir, later, ['broker', 'account', '--json'])) as {
      account: { cash: number };
      positions: Array<{ symbol: string; qty: number; avgEntryPrice: number }>;
    };
    assert.deepEqual(
      account.positions.map((p) => [p.symbol, p.qty, p.avgEntryPrice]),
      [['SPY', -100, 100]],
    );
    assert.ok(Math.abs(account.account.cash - 110_142) < 1e-6, `cash ${account.account.cash}`);
    // The portfolio records the settlement in the ledger as it finds B's contracts past expiry: the short shares
    // are left, realized PnL 36 (A: 62 − 26) + 106 (B's legs closed at 0) = 142; each record an exit, filled.
    const after = JSON.parse(await cli(dir, later, ['portfolio', 'show', '--json'])) as {
      rows: Array<{ symbol: string; qty: number; avgCost: number }>;
      totals: { realizedPnl: number };
      options?: unknown[];
    };
    assert.deepEqual(
      after.rows.map((r) => [r.symbol, r.qty, r.avgCost]),
      [['SPY', -100, 100]],
    );
    assert.ok(Math.abs(after.totals.realizedPnl - 142) < 1e-6, `realized ${after.totals.realizedPnl}`);
    assert.equal(after.options, undefined);
    const settled = (JSON.parse(await cli(dir, later, ['broker', 'orders', '--json'])) as LedgerRow[])
      .filter((o) => /^(expiry|exercise):/.test(o.clientOrderId))
      .map((o) => [o.clientOrderId, o.side, o.qty, o.status, o.intent, o.filledAvgPrice])
      .sort();
    assert.deepEqual(
      settled,
      [
        ['exercise:O:SPY250425C00100000', 'sell', 100, 'filled', 'exit', 100],
        ['expiry:O:SPY250425C00100000', 'buy', 1, 'filled', 'exit', 0],
        ['expiry:O:SPY250425C00103000', 'sell', 1, 'filled', 'exit', 0],
        ['expiry:O:SPY250425P00094000', 'sell', 1, 'filled', 'exit', 0],
        ['expiry:O:SPY250425P00097000', 'buy', 1, 'filled', 'exit', 0],
      ].sort(),
    );
  },
);

/** The TUI in a real tmux pane (private server on a socket in the temp dir): one grouped row for the four legs. */
async function checkTui(t: { diagnostic: (m: string) => void }, dir: string, asOf: string): Promise<void> {
  if (spawnSync('tmux', ['-V']).error) {
    t.diagnostic('tmux is not installed: the TUI part is skipped (apt-get install -y tmux)');
    return;
  }
  const socket = join(dir, 'tmux.sock');
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: process.env['TERM'] || 'xterm-256color' };
  delete env['TMUX'];
  const tmux = (...args: string[]): string => {
    const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const script =
    `cd "$2" && env -u CI -u CONTINUOUS_INTEGRATION ATS_ASOF=${asOf} "$0" "$1" portfolio --tui; ` +
    'echo "viewer exit status $?"; exec sleep 600';
  const bin = join(process.cwd(), 'bin', 'ats.js');
  tmux('new-session', '-d', '-s', 'v', '-x', '120', '-y', '30', '/bin/sh', '-c', script, process.execPath, bin, dir);
  try {
    const screen = () => tmux('capture-pane', '-p', '-t', 'v');
    const { text } = await waitFor(
      () => {
        const s = screen();
        return s.includes('1 position') && s.includes('Strategy') ? { text: s } : null;
      },
      { what: 'the grouped row', intervalMs: 100, describe: () => screen() },
    );
    assert.doesNotMatch(text, /SPY250516/, 'no leg rows');
    assert.match(text, /Strategy iron_condor \(4 legs\)/);
    assert.match(text, /Expiry 2025-05-16 \(31 DTE\)/);
    assert.match(text, /Max profit \$62\.00/);
    tmux('send-keys', '-t', 'v', 'q');
    await waitFor(() => screen().includes('viewer exit status 0') || null, { what: 'the viewer to end' });
  } finally {
    spawnSync('tmux', ['-S', socket, 'kill-server'], { env });
  }
}
