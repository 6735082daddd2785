import { Option, type Command } from 'commander';
import { runCommand } from './run.js';
import { decimal, fraction, positiveInt, positiveNumber, wholeNumber } from './options.js';
import { parsePrice } from '../lib/parse-number.js';

const CONVENTIONS = `
Conventions: time in years = calendar days / 365; rates and dividend yield continuously compounded (4% or 0.04);
volatility annualised (30% or 0.3); theta per calendar day; vega and rho per 1 point (0.01) of volatility and rate.
European prices by Black-Scholes-Merton; --american by a Leisen-Reimer binomial tree.`;

const rate = (name: string): ((raw: string) => number) => fraction(name, { min: -1, max: 1 });

function withContract(cmd: Command): Command {
  return cmd
    .addOption(new Option('--type <type>', 'call or put').choices(['call', 'put']).makeOptionMandatory())
    .requiredOption('--spot <price>', 'underlying price', positiveNumber('--spot'))
    .requiredOption('--strike <price>', 'strike price', positiveNumber('--strike'))
    .requiredOption('--days <days>', 'calendar days to expiry', positiveNumber('--days'))
    .requiredOption('--rate <rate>', 'risk-free rate, continuously compounded: 4% or 0.04', rate('--rate'))
    .requiredOption('--dividend-yield <q>', 'continuous dividend yield: 1.5% or 0.015', rate('--dividend-yield'))
    .option('--american', 'American exercise (binomial tree); default European')
    .addHelpText('after', CONVENTIONS);
}

export function registerOptions(program: Command): void {
  const options = program
    .command('options')
    .description('option pricing, implied volatility and strategies (payoff, probability of profit)');
  withContract(options.command('price').description('price and greeks of one option'))
    .requiredOption('--vol <vol>', 'volatility: 30% or 0.3', fraction('--vol', { min: 0, minExclusive: true }))
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (_ctx, opts) => (await import('./options-cmd-run.js')).priceCommand(opts));
    });
  withContract(options.command('iv').description('implied volatility of an option price'))
    .requiredOption('--price <price>', 'option price', (raw: string) => parsePrice(raw, '--price'))
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (_ctx, opts) => (await import('./options-cmd-run.js')).ivCommand(opts));
    });
  options
    .command('scan')
    .description('rank option spreads for the playbook picks and the tier list; writes reports/strategies.html')
    .option('--symbols <list>', 'only these underlyings (default: the latest playbook picks and the tier list)')
    .option(
      '--equity <dollars>',
      'account equity for the tier (default ATS_PAPER_CASH)',
      decimal('--equity', { min: 0, minExclusive: true }),
    )
    .addHelpText(
      'after',
      `
Candidates: the latest playbook (on or before --asof): long picks bullish, short picks bearish; the account tier's
list (micro SPY,QQQ,IWM; small +AAPL,MSFT,TSLA; medium +NVDA,AMZN,GOOGL,META; ...) neutral; symbols with 61+ bars.
IV rank >= ATS_OPTIONS_IV_RICH_RANK (50): bull put / bear call / iron condor; else bull call / bear put (neutral: none).
Sized by the tier's risk per trade and MAX_RISK; ranked by expected value then POP. Places no orders.`,
    )
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => (await import('./options-cmd-scan.js')).scanCommand(ctx, opts));
    });
  options
    .command('strategy')
    .description('a named strategy or custom legs: payoff at expiry, max profit/loss, breakevens, POP, greeks')
    .argument(
      '<name>',
      'long_call, long_put, covered_call, cash_secured_put, bull_call_spread, bear_put_spread, ' +
        'bull_put_spread, bear_call_spread, iron_condor, long_straddle, long_strangle or custom',
    )
    .option('--strikes <list>', 'strikes, ascending: K1[,K2[,K3,K4]]')
    .option('--legs <list>', 'custom legs: buy:call:100,sell:call:105:2,buy:stock:100')
    .option('--spot <price>', 'underlying price', positiveNumber('--spot'))
    .option('--days <days>', 'calendar days to expiry', positiveNumber('--days'))
    .option(
      '--vol <vol>',
      'implied volatility of every leg: 30% or 0.3',
      fraction('--vol', { min: 0, minExclusive: true }),
    )
    .option('--rate <rate>', 'risk-free rate: 4% or 0.04', rate('--rate'), 0)
    .option('--dividend-yield <q>', 'continuous dividend yield', rate('--dividend-yield'), 0)
    .option('--qty <n>', 'number of positions', positiveInt('--qty'), 1)
    .option('--european', 'price legs as European options (default American, as US equity options are)')
    .option('--paths <n>', 'Monte Carlo paths (at least 100000)', wholeNumber('--paths', 100_000), 100_000)
    .option('--seed <n>', 'Monte Carlo seed', wholeNumber('--seed', 0), 1)
    .option(
      '--symbol <sym>',
      'underlying: the model chain from its closes (spot, realised volatility; the sample only for now)',
    )
    .option('--expiry <date>', 'with --symbol: expiry date YYYY-MM-DD')
    .option(
      '--equity <dollars>',
      'account equity for the tier gate (default ATS_PAPER_CASH)',
      decimal('--equity', { min: 0 }),
    )
    .option('--enforce', 'exit 5 when the gate (MAX_RISK, account tier) refuses the strategy')
    .addHelpText(
      'after',
      `${CONVENTIONS}
Amounts in dollars for the whole position (contract multiplier 100 × --qty); netPremium > 0 is a credit.
Probability of profit at expiry under the lognormal risk-neutral model: closed form for single legs and
verticals, Monte Carlo (seeded, standard error shown) otherwise.
Gate: MAX_RISK by tag (long_call→call, long_put→put, *_spread→spread, iron_condor→condor, long_straddle→straddle,
long_strangle→strangle, others by name; the strategy's own name wins) and the account tier of --equity.`,
    )
    .action(async (name: string, _o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) =>
        (await import('./options-cmd-run.js')).strategyCommand(ctx, name, opts),
      );
    });
}
