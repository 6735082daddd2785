import { BrokerError, UsageError } from '../lib/errors.js';
import { gateStrategy, type StrategyGate } from '../lib/options/strategy-gate.js';
import { accountTier } from '../lib/risk/tiers.js';
import { DAYS_PER_YEAR, type Greeks } from '../lib/options/bsm.js';
import { optionGreeks } from '../lib/options/american.js';
import { impliedVol } from '../lib/options/implied-vol.js';
import { parseCustomLegs, strategyLegs } from '../lib/options/strategy-legs.js';
import { analyzeStrategy, type StrategyResult } from '../lib/options/strategy.js';
import { parseDecimal } from '../lib/parse-number.js';
import { modelUnderlying, type ModelUnderlying } from '../lib/options/model-chain.js';
import { normalizeSymbol } from '../lib/symbols.js';
import { addDays, nyDate, parseDate } from '../lib/time.js';
import { existsSync } from 'node:fs';
import { DataError } from '../lib/errors.js';
import { chainSource, quotesFromChain } from '../lib/options/chain-legs.js';
import { storedChain, type OptionChainRow } from '../lib/store/option-chain.js';
import type { CommandContext } from './context.js';

/** Parsed flags (src/commands/options-cmd.ts). */
export interface PricingFlags {
  type: 'call' | 'put';
  spot: number;
  strike: number;
  days: number;
  rate: number;
  dividendYield: number;
  vol?: number;
  price?: number;
  american?: boolean;
}

export interface StrategyFlags {
  strikes?: string;
  legs?: string;
  spot?: number;
  days?: number;
  vol?: number;
  rate: number;
  dividendYield: number;
  qty: number;
  european?: boolean;
  paths: number;
  seed: number;
  symbol?: string;
  expiry?: string;
  equity?: number;
  enforce?: boolean;
}

function contract(flags: PricingFlags) {
  return {
    type: flags.type,
    spot: flags.spot,
    strike: flags.strike,
    years: flags.days / DAYS_PER_YEAR,
    rate: flags.rate,
    dividendYield: flags.dividendYield,
  };
}

const num = (v: number, digits = 6): string => (Number.isFinite(v) ? v.toFixed(digits) : 'unbounded');

export function priceCommand(opts: Record<string, unknown>): { result: Greeks; text: string } {
  const flags = opts as unknown as PricingFlags;
  const result = optionGreeks({ ...contract(flags), vol: flags.vol! }, flags.american === true);
  const text = (Object.entries(result) as Array<[string, number]>)
    .map(([k, v]) => `${k.padEnd(6)} ${num(v)}`)
    .join('\n');
  return { result, text };
}

export function ivCommand(opts: Record<string, unknown>): { result: { iv: number }; text: string } {
  const flags = opts as unknown as PricingFlags;
  const iv = impliedVol({ ...contract(flags), price: flags.price! }, flags.american === true);
  return { result: { iv }, text: `iv ${num(iv, 8)} (${num(iv * 100, 4)}%)` };
}

export async function strategyCommand(
  ctx: CommandContext,
  name: string,
  opts: Record<string, unknown>,
): Promise<{ result: StrategyResult & { underlying?: ModelUnderlying; gate: StrategyGate }; text: string }> {
  const flags = opts as unknown as StrategyFlags;
  const market = flags.symbol !== undefined && flags.expiry !== undefined ? await fromStore(ctx, flags) : null;
  const underlying =
    market?.underlying ??
    (flags.symbol !== undefined || flags.expiry !== undefined ? await fromSample(ctx, flags) : undefined);
  if (!underlying)
    for (const [flag, v] of [
      ['--spot', flags.spot],
      ['--days', flags.days],
      ['--vol', flags.vol],
    ] as const)
      if (v === undefined)
        throw new UsageError(`options strategy needs ${flag} (or --symbol and --expiry for the model chain)`);
  const key = name.trim().toLowerCase();
  let legs;
  if (key === 'custom') {
    if (flags.strikes !== undefined) throw new UsageError('custom takes --legs, not --strikes');
    legs = parseCustomLegs(flags.legs ?? '');
  } else {
    if (flags.legs !== undefined) throw new UsageError('--legs goes with the custom strategy only');
    legs = strategyLegs(key, parseStrikes(flags.strikes));
  }
  const quotes = market ? quotesFromChain(legs, market.chain) : undefined;
  const ivs = (quotes ?? []).flatMap((q) => (q ? [q.iv] : []));
  const result = analyzeStrategy({
    name: key,
    legs,
    ...(quotes && market ? { quotes, source: chainSource(market.chain) } : {}),
    market: {
      spot: underlying?.spot ?? flags.spot!,
      years: (underlying?.days ?? flags.days!) / DAYS_PER_YEAR,
      vol: ivs.length > 0 ? ivs.reduce((a, b) => a + b, 0) / ivs.length : (underlying?.vol ?? flags.vol!),
      rate: flags.rate,
      dividendYield: flags.dividendYield,
    },
    positions: flags.qty,
    american: flags.european !== true,
    paths: flags.paths,
    seed: flags.seed,
  });
  const equity = flags.equity ?? ctx.cfg.paperCash;
  const gate = gateStrategy({
    strategy: key,
    maxLoss: result.maxLoss,
    tier: accountTier(equity).name,
    equity,
    maxRisk: ctx.cfg.maxRisk,
  });
  if (flags.enforce === true && !gate.allowed)
    throw new BrokerError(`options gate refused ${key}: ${gate.reasons.join('; ')}`);
  const body = `${renderStrategy(result)}\n${renderGate(gate)}`;
  if (!underlying) return { result: { ...result, gate }, text: body };
  const u = underlying;
  const shown = market ? (result.legs.find((l) => l.iv !== null)?.iv ?? u.vol) : u.vol;
  const vol = market
    ? `IV from the chain (POP at the legs' average ${(shown * 100).toFixed(2)}%)`
    : `vol ${(u.vol * 100).toFixed(2)}% (${u.volSource})`;
  const head = `${u.symbol} ${u.spot.toFixed(2)} on ${u.asOf}, expiry ${u.expiry} (${u.days} days), ${vol}`;
  return { result: { ...result, underlying: u, gate }, text: `${head}\n${body}` };
}

/**
 * The stored market chain of --symbol expiring --expiry, from the latest snapshot on or before the session being
 * processed; null when none was collected (then the model chain). Spot is the snapshot's underlying price.
 */
async function fromStore(
  ctx: CommandContext,
  flags: StrategyFlags,
): Promise<{ underlying: ModelUnderlying; chain: OptionChainRow[] } | null> {
  if (flags.spot !== undefined || flags.days !== undefined)
    throw new UsageError('--symbol/--expiry take spot and days from the data: drop --spot and --days');
  const symbol = normalizeSymbol(flags.symbol!);
  const expiry = parseDate(flags.expiry!, '--expiry');
  const asOf = nyDate(ctx.marketNow());
  if (!existsSync(ctx.cfg.db)) return null;
  const chain = storedChain(await ctx.openStore(), symbol, expiry, asOf);
  const first = chain[0];
  if (first === undefined) return null;
  const spot = first.underlyingPrice ?? chain.find((r) => r.underlyingPrice !== null)?.underlyingPrice;
  if (spot == null) throw new DataError(`the stored ${symbol} chain of ${first.session} has no underlying price`);
  const underlying = modelUnderlying(symbol, [spot], first.session, expiry, 1);
  const vol = "IV: the legs' average (POP); each leg at its own";
  return { underlying: { ...underlying, asOf: first.session, vol: Number.NaN, volSource: vol }, chain };
}

/**
 * The model chain on the bundled sample: spot and realised volatility from the underlying's closes up to the
 * session being processed. With market data configured, legs will come from the stored chain (not yet).
 */
async function fromSample(ctx: CommandContext, flags: StrategyFlags): Promise<ModelUnderlying> {
  if (flags.symbol === undefined || flags.expiry === undefined)
    throw new UsageError('--symbol and --expiry go together');
  if (flags.spot !== undefined || flags.days !== undefined)
    throw new UsageError('--symbol/--expiry take spot and days from the data: drop --spot and --days');
  if (ctx.cfg.source !== 'sample')
    throw new UsageError(
      `no stored option chain for ${flags.symbol} expiring ${flags.expiry}: run ats collect --options first, ` +
        'or use the sample (ATS_SOURCE=sample) for the model chain, or --spot, --days and --vol',
    );
  const symbol = normalizeSymbol(flags.symbol);
  const { SampleSource } = await import('../lib/market/sample.js');
  const asOf = nyDate(ctx.marketNow());
  const bars = await new SampleSource(ctx.cfg.sampleDir).dailyBars(symbol, addDays(asOf, -200), asOf);
  return modelUnderlying(
    symbol,
    bars.map((b) => b.close),
    asOf,
    flags.expiry,
    flags.vol,
  );
}

function parseStrikes(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') throw new UsageError('give --strikes K1[,K2[,K3,K4]]');
  return raw.split(',').map((p) => parseDecimal(p.trim(), '--strikes', { min: 0, minExclusive: true }));
}

const dollars = (v: number | null): string => (v === null ? 'unbounded' : v.toFixed(2));

export function renderStrategy(r: StrategyResult): string {
  const legs = r.legs.map((l) => {
    const strike = (l.strike === null ? '' : String(l.strike)).padEnd(8);
    const model = l.iv === null ? '' : `  iv ${(l.iv * 100).toFixed(2)}%  delta ${l.delta.toFixed(4)}`;
    const quote = l.bid === undefined ? '' : `  (bid ${l.bid?.toFixed(2) ?? '-'} / ask ${l.ask?.toFixed(2) ?? '-'})`;
    const head = `  ${l.side.padEnd(4)} ${String(Math.abs(l.qty)).padStart(4)} ${l.kind.padEnd(5)} ${strike}`;
    return `${head} @ ${l.price.toFixed(4)}${quote}${model}`;
  });
  const pop =
    r.popMethod === 'closed-form'
      ? `${(r.pop * 100).toFixed(2)}% (closed form)`
      : `${(r.pop * 100).toFixed(2)}% ± ${(r.popStdErr! * 100).toFixed(2)}% (Monte Carlo, ${r.paths} paths, 1 standard error)`;
  const g = r.greeks;
  const evError = r.expectedValueStdErr === null ? '' : ` ± ${r.expectedValueStdErr.toFixed(2)}`;
  return [
    `${r.strategy} × ${r.positions} — ${r.source}`,
    ...legs,
    `net premium      ${r.netPremium >= 0 ? 'credit' : 'debit'} ${Math.abs(r.netPremium).toFixed(2)}`,
    `max profit       ${dollars(r.maxProfit)}`,
    `max loss         ${dollars(r.maxLoss)}`,
    `breakevens       ${r.breakevens.map((b) => b.toFixed(2)).join(', ') || 'none'}`,
    `capital          ${dollars(r.capital)}`,
    `prob. of profit  ${pop}`,
    `expected value   ${r.expectedValue.toFixed(2)}${evError}`,
    `greeks           delta ${g.delta.toFixed(2)} sh  gamma ${g.gamma.toFixed(4)}  theta ${g.theta.toFixed(2)}/day` +
      `  vega ${g.vega.toFixed(2)}/pt  rho ${g.rho.toFixed(2)}/pt`,
  ].join('\n');
}

function renderGate(g: StrategyGate): string {
  return `gate             ${g.allowed ? 'allowed' : 'REFUSED'}: ${g.reasons.join('; ')}`;
}
