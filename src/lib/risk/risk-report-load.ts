/**
 * The risk report's inputs read from the store, point in time: positions from the ledger's fills, valued at the
 * latest price known at `nowMs`; daily closes up to the as-of session; an option's implied vol from the latest
 * chain snapshot collected on or before it. The `sessions` most recent returns on the sessions every series has.
 */
import { storedSector } from '../collect/sectors.js';
import { parseOcc } from '../options/occ.js';
import { buildPositions } from '../positions.js';
import { loadSeries } from '../store/bars.js';
import { listFills } from '../store/fills.js';
import { latestPrice, latestPrices } from '../store/latest-price.js';
import type { Store } from '../store/open.js';
import { storedChain } from '../store/option-chain.js';
import { listOrders } from '../store/orders.js';
import type { BrokerName } from '../order-types.js';
import { assetClassOf } from '../symbols.js';
import { nyDate } from '../time.js';
import type { RiskLimits } from './limits.js';
import { riskReport, type RiskHolding, type RiskReport } from './risk-report.js';

export interface RiskReportOptions {
  broker: BrokerName;
  nowMs: number;
  equity: number;
  limits: RiskLimits;
  /** Sessions of returns for VaR, correlation and beta (default 250). */
  sessions?: number;
  market?: string;
  rate: number;
}

const DAY_MS = 86_400_000;

function closesBySession(store: Store, symbol: string, asOf: string): Map<string, number> {
  const s = loadSeries(store, symbol);
  const out = new Map<string, number>();
  for (let i = 0; i < s.ts.length; i++) {
    const d = nyDate(s.ts[i]!);
    if (d <= asOf && s.close[i]! > 0) out.set(d, s.close[i]!);
  }
  return out;
}

/** Returns of each series over the last `n` common sessions (fewer when less history is shared). */
function commonReturns(series: Map<string, Map<string, number>>, n: number): Map<string, Float64Array> {
  const all = [...series.values()];
  if (all.length === 0) return new Map();
  const common = [...all[0]!.keys()].filter((d) => all.every((m) => m.has(d))).sort();
  const days = common.slice(-(n + 1));
  const out = new Map<string, Float64Array>();
  if (days.length < 3) return out;
  for (const [symbol, m] of series) {
    out.set(
      symbol,
      Float64Array.from(days.slice(1), (d, k) => m.get(d)! / m.get(days[k]!)! - 1),
    );
  }
  return out;
}

export function loadRiskReport(store: Store, o: RiskReportOptions): RiskReport {
  const asOf = nyDate(o.nowMs);
  const positions = [...buildPositions(listFills(store, o.broker)).values()].filter((p) => p.qty !== 0);
  const prices = latestPrices(
    store,
    positions.map((p) => p.symbol),
    o.nowMs,
  );
  const orders = listOrders(store, o.broker);
  const strategyOf = (symbol: string): string =>
    orders.filter((x) => x.symbol === symbol && x.intent === 'entry' && x.filledQty > 0).pop()?.source ?? 'unknown';
  const holdings: RiskHolding[] = positions.map((p) => {
    const price = prices.get(p.symbol) ?? p.avgCost;
    const assetClass = assetClassOf(p.symbol);
    const h: RiskHolding = {
      symbol: p.symbol,
      qty: p.qty,
      price,
      marketValue: p.qty * price * (assetClass === 'option' ? 100 : 1),
      sector: storedSector(store, p.symbol),
      assetClass,
      strategy: strategyOf(p.symbol),
    };
    if (assetClass !== 'option') return h;
    const occ = parseOcc(p.symbol.replace(/^O:/, ''));
    const spot = latestPrice(store, occ.root, o.nowMs)?.price ?? Number.NaN;
    const quote = storedChain(store, occ.root, occ.expiry, asOf).find((q) => q.ticker === p.symbol);
    const years = (Date.parse(`${occ.expiry}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / DAY_MS / 365;
    h.option = {
      underlying: occ.root,
      type: occ.type,
      strike: occ.strike,
      years,
      spot,
      iv: quote?.iv != null && quote.iv > 0 && spot > 0 ? quote.iv : null,
      rate: o.rate,
    };
    return h;
  });
  const market = o.market ?? 'SPY';
  const closes = new Map<string, Map<string, number>>();
  for (const h of holdings) {
    const s = h.option?.underlying ?? h.symbol;
    if (!closes.has(s)) closes.set(s, closesBySession(store, s, asOf));
  }
  const marketCloses = closesBySession(store, market, asOf);
  const withMarket = marketCloses.size > 0 ? new Map([...closes, [`\u0000${market}`, marketCloses]]) : closes;
  const returns = commonReturns(withMarket, o.sessions ?? 250);
  const marketReturns = returns.get(`\u0000${market}`);
  return riskReport({
    asOf,
    equity: o.equity,
    limits: o.limits,
    holdings,
    returns,
    market: marketReturns ? { symbol: market, returns: marketReturns } : null,
  });
}
