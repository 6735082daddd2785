/**
 * ats broker strategy NAME: a named option strategy as one order at the broker. Legs priced from the stored chain
 * (mids) when one was collected for --symbol/--expiry, else from the model chain on the underlying's closes; the
 * limit is the net mid plus optionLimitOffset (or --limit-offset). Market orders only with --market.
 */
import { UsageError } from '../lib/errors.js';
import { DAYS_PER_YEAR } from '../lib/options/bsm.js';
import { chainSource, quotesFromChain } from '../lib/options/chain-legs.js';
import { modelUnderlying } from '../lib/options/model-chain.js';
import { strategyLegs, type LegSpec } from '../lib/options/strategy-legs.js';
import { analyzeStrategy, MODEL_SOURCE, type LegQuote, type StrategyResult } from '../lib/options/strategy.js';
import { parseDecimal, parseWholeNumber } from '../lib/parse-number.js';
import { normalizeSymbol } from '../lib/symbols.js';
import { addDays, nyDate, parseDate, utcMidnight } from '../lib/time.js';
import type { PlaceResult } from '../lib/execution/place-order.js';
import type { StrategyOrder } from '../lib/execution/strategy-order.js';
import type { Store } from '../lib/store/open.js';
import type { ContractMark } from '../lib/options/contract-mark.js';
import type { CommandContext } from './context.js';
import { announce, describeOrder, executionDeps, type BrokerFlags } from './wiring.js';

export interface StrategyOrderFlags extends BrokerFlags {
  symbol?: string;
  expiry?: string;
  strikes?: string;
  qty?: string;
  limitOffset?: string;
  market?: boolean;
  close?: boolean;
  runId?: string;
}

export interface StrategyOrderResult extends PlaceResult {
  strategy: string;
  source: string;
  mid: number;
  limit: number | null;
  offset: number;
  legs: StrategyOrder['order']['optionLegs'];
}

interface Priced {
  analysis: StrategyResult;
  source: string;
}

export async function strategyOrderCommand(
  ctx: CommandContext,
  rawName: string,
  flags: StrategyOrderFlags,
): Promise<{ result: StrategyOrderResult; text: string }> {
  const name = rawName.trim().toLowerCase();
  if (flags.symbol === undefined || flags.expiry === undefined) throw new UsageError('give --symbol and --expiry');
  const symbol = normalizeSymbol(flags.symbol);
  const expiry = parseDate(flags.expiry, '--expiry');
  const qty = parseWholeNumber(flags.qty ?? '1', '--qty');
  const offset =
    flags.limitOffset === undefined
      ? ctx.cfg.optionLimitOffset
      : parseDecimal(flags.limitOffset, '--limit-offset', { min: 0 });
  if (flags.strikes === undefined || flags.strikes.trim() === '')
    throw new UsageError('give --strikes K1[,K2[,K3,K4]]');
  const strikes = flags.strikes
    .split(',')
    .map((p) => parseDecimal(p.trim(), '--strikes', { min: 0, minExclusive: true }));
  const legs = strategyLegs(name, strikes);
  const asOf = nyDate(ctx.marketNow());
  if (!(utcMidnight(expiry) > utcMidnight(asOf)))
    throw new UsageError(`--expiry ${expiry} is not after ${asOf}, the session being processed`);
  const store = await ctx.openStore();
  const priced = await priceLegs(ctx, store, { name, symbol, expiry, legs, qty, asOf });
  const { strategyOrder } = await import('../lib/execution/strategy-order.js');
  const built = strategyOrder({
    name,
    symbol,
    expiry,
    legs,
    analysis: priced.analysis,
    qty,
    offset,
    market: flags.market === true,
    close: flags.close === true,
  });
  const deps = await executionDeps(ctx, flags, true);
  const { placeOrder } = await import('../lib/execution/place-order.js');
  // Without --run-id the order's terms name the run: the same command the same session places nothing new.
  const runId =
    flags.runId ?? `cli-strategy:${name}:${symbol}:${expiry}:${strikes.join('/')}:${qty}:${built.limit ?? 'market'}`;
  const placed = await placeOrder(deps, { ...built.order, runId, source: 'cli' });
  if (!placed.alreadyPlaced) await announce(ctx, `ats order: ${describeOrder(placed.order)}`);
  const result: StrategyOrderResult = {
    ...placed,
    strategy: name,
    source: priced.source,
    mid: built.mid,
    limit: built.limit,
    offset,
    legs: built.order.optionLegs,
  };
  return { result, text: render(result) };
}

function render(r: StrategyOrderResult): string {
  const kind = (v: number): string => `${v < 0 ? 'credit' : 'debit'} ${Math.abs(v).toFixed(2)}`;
  const price =
    r.limit === null
      ? `net mid ${kind(r.mid)}, market order`
      : `net mid ${kind(r.mid)}, limit ${kind(r.limit)} (offset ${r.offset.toFixed(2)})`;
  const legs = (r.legs ?? []).map((l) => `  ${l.positionIntent.padEnd(13)} ${l.ratioQty} × ${l.symbol}`);
  return [
    `${r.strategy}: ${r.source}`,
    price,
    ...legs,
    `${r.alreadyPlaced ? 'already placed: ' : ''}${describeOrder(r.order)}`,
  ].join('\n');
}

interface PriceInput {
  name: string;
  symbol: string;
  expiry: string;
  legs: LegSpec[];
  qty: number;
  asOf: string;
}

/** The stored chain's mids when one exists for the expiry, else the model chain on the underlying's closes. */
async function priceLegs(ctx: CommandContext, store: Store, p: PriceInput): Promise<Priced> {
  const { storedChain } = await import('../lib/store/option-chain.js');
  const chain = storedChain(store, p.symbol, p.expiry, p.asOf);
  let quotes: Array<LegQuote | undefined> | undefined;
  let spot: number;
  let vol: number;
  let source = MODEL_SOURCE;
  let days: number;
  let marked: ContractMark[] | null;
  if (chain.length > 0) {
    quotes = quotesFromChain(p.legs, chain);
    const ivs = quotes.flatMap((q) => (q ? [q.iv] : []));
    vol = ivs.reduce((a, b) => a + b, 0) / ivs.length;
    spot = chain.find((r) => r.underlyingPrice !== null)?.underlyingPrice ?? Number.NaN;
    days = (utcMidnight(p.expiry) - utcMidnight(chain[0]!.session)) / 86_400_000;
    source = chainSource(chain);
  } else if ((marked = await storeMarks(ctx, store, p)) !== null) {
    // The contracts as the paper broker fills them (contract-mark.ts, at the cent): a limit at the net mid fills there.
    quotes = marked.map((m) => ({ price: Math.round(m.price * 100) / 100, iv: m.iv!, bid: null, ask: null }));
    ({ spot, days } = marked[0]!);
    vol = marked[0]!.iv!;
  } else {
    const closes = await underlyingCloses(ctx, store, p.symbol, p.asOf);
    const u = modelUnderlying(p.symbol, closes, p.asOf, p.expiry);
    ({ spot, vol, days } = u);
  }
  const analysis = analyzeStrategy({
    name: p.name,
    legs: p.legs,
    ...(quotes ? { quotes, source } : {}),
    market: { spot, years: days / DAYS_PER_YEAR, vol, rate: ctx.cfg.optionsRate, dividendYield: 0 },
    positions: p.qty,
    american: true,
    // The order needs prices and max loss, not a precise probability of profit.
    paths: 2000,
    seed: 1,
  });
  return { analysis, source };
}

/** Every leg's model mark from the store's closes as of the command's clock, or null when one cannot be priced. */
async function storeMarks(ctx: CommandContext, store: Store, p: PriceInput): Promise<ContractMark[] | null> {
  const { contractMark } = await import('../lib/options/contract-mark.js');
  const { formatOcc } = await import('../lib/options/occ.js');
  const marks: ContractMark[] = [];
  for (const leg of p.legs) {
    if (leg.kind === 'stock' || leg.strike === undefined) return null;
    const occ = formatOcc({ root: p.symbol, expiry: p.expiry, type: leg.kind, strike: leg.strike });
    const m = contractMark(store, occ, ctx.marketNow(), ctx.cfg.optionsRate);
    if (m === null || m.source !== 'model' || m.iv === null) return null;
    marks.push(m);
  }
  return marks;
}

async function underlyingCloses(ctx: CommandContext, store: Store, symbol: string, asOf: string): Promise<number[]> {
  if (ctx.cfg.source === 'sample') {
    const { SampleSource } = await import('../lib/market/sample.js');
    const bars = await new SampleSource(ctx.cfg.sampleDir).dailyBars(symbol, addDays(asOf, -200), asOf);
    return bars.map((b) => b.close);
  }
  const { loadSeries } = await import('../lib/store/bars.js');
  return [...loadSeries(store, symbol, -Infinity, utcMidnight(addDays(asOf, 1))).close];
}
