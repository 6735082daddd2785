/**
 * The risk report of the current book (pure; the dashboard renders its JSON): gross exposure by symbol, sector,
 * asset class and strategy against their limits; historical VaR and expected shortfall at 95 % and 99 % (see
 * risk-var.ts); the correlation matrix of the holdings' daily returns; stress scenarios.
 *   Scenario P&L of a holding: stock and crypto move 1:1 with their own return (qty × price × r); an option is
 *   revalued by Black-Scholes-Merton at the underlying moved by r, same implied vol and time (full revaluation);
 *   an option without a stored implied vol is left out of VaR and stress, and listed in `notes`.
 *   Market −10 %: "1:1" moves every holding (options: their underlying) by −10 %; "beta" by β × −10 %, β the OLS
 *   slope of the holding's returns on the market symbol's over the same sessions (cov / var, ddof 1).
 *   Volatility doubled: options revalued at 2 × implied vol (spot unchanged); stock and crypto: n/a (no vol term).
 */
import { europeanPrice, type OptionType } from '../options/bsm.js';
import { pearson } from './correlation.js';
import type { RiskLimits } from './limits.js';
import { historicalVar, type VarLevel } from './risk-var.js';

export interface OptionTerms {
  underlying: string;
  type: OptionType;
  strike: number;
  years: number;
  spot: number;
  iv: number | null;
  rate: number;
}

export interface RiskHolding {
  symbol: string;
  qty: number;
  price: number;
  /** Signed dollars (options: × 100 shares a contract). */
  marketValue: number;
  sector: string | null;
  assetClass: string;
  strategy: string;
  option?: OptionTerms;
}

export interface RiskReportInput {
  asOf: string;
  equity: number;
  limits: Pick<RiskLimits, 'maxSymbolPct' | 'maxSectorPct' | 'maxAssetClassPct' | 'maxRiskByStrategy'>;
  holdings: readonly RiskHolding[];
  /** Daily simple returns of each holding's price series (an option: its underlying), on the same sessions. */
  returns: ReadonlyMap<string, Float64Array>;
  /** The market symbol's returns on those sessions (for beta); null when it is not stored. */
  market: { symbol: string; returns: Float64Array } | null;
}

export interface ExposureRow {
  key: string;
  gross: number;
  pctOfEquity: number;
  /** % of equity (strategies: dollars of MAX_RISK per entry, shown for reference); null when no limit is set. */
  limit: number | null;
  over: boolean;
}

export interface StressRow {
  scenario: string;
  pnl: number | null;
  pctOfEquity: number | null;
  note: string;
}

export interface RiskReport {
  asOf: string;
  equity: number;
  holdings: number;
  exposure: {
    bySymbol: ExposureRow[];
    bySector: ExposureRow[];
    byAssetClass: ExposureRow[];
    byStrategy: ExposureRow[];
  };
  /** Sessions of returns behind VaR, correlation and beta. */
  sessions: number;
  var: VarLevel[];
  correlation: { symbols: string[]; matrix: number[][] };
  betas: Record<string, number>;
  stress: StressRow[];
  notes: string[];
}

const MULTIPLIER = 100;

/** The holding's P&L when its price series moves by r (and its vol by volFactor): linear or BSM revaluation. */
function scenarioPnl(h: RiskHolding, r: number, volFactor = 1): number | null {
  if (!h.option) return volFactor === 1 ? h.marketValue * r : 0;
  const o = h.option;
  if (o.iv === null || !(o.years > 0)) return null;
  const price = (spot: number, vol: number): number =>
    europeanPrice({ type: o.type, spot, strike: o.strike, years: o.years, rate: o.rate, dividendYield: 0, vol });
  return (price(o.spot * (1 + r), o.iv * volFactor) - price(o.spot, o.iv)) * h.qty * MULTIPLIER;
}

const seriesOf = (h: RiskHolding): string => h.option?.underlying ?? h.symbol;

function exposureRows(
  holdings: readonly RiskHolding[],
  equity: number,
  keyOf: (h: RiskHolding) => string,
  limitOf: (key: string) => number | null,
  asPct = true,
): ExposureRow[] {
  const gross = new Map<string, number>();
  for (const h of holdings) gross.set(keyOf(h), (gross.get(keyOf(h)) ?? 0) + Math.abs(h.marketValue));
  return [...gross]
    .sort((a, b) => b[1] - a[1])
    .map(([key, g]) => {
      const pct = equity > 0 ? (g / equity) * 100 : Number.NaN;
      const limit = limitOf(key);
      return { key, gross: g, pctOfEquity: pct, limit, over: asPct && limit !== null && pct > limit };
    });
}

function slope(y: Float64Array, x: Float64Array): number {
  const n = Math.min(x.length, y.length);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) [mx, my] = [mx + x[i]!, my + y[i]!];
  [mx, my] = [mx / n, my / n];
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

export function riskReport(input: RiskReportInput): RiskReport {
  const { holdings, equity, limits } = input;
  const notes: string[] = [];
  const priced = holdings.filter((h) => {
    if (h.option && h.option.iv === null) {
      notes.push(`${h.symbol}: no implied vol stored (collect its chain): left out of VaR and stress`);
      return false;
    }
    if (!input.returns.has(seriesOf(h))) {
      notes.push(`${h.symbol}: too little return history: left out of VaR, correlation and beta`);
      return false;
    }
    return true;
  });
  const sessions = priced.length ? input.returns.get(seriesOf(priced[0]!))!.length : 0;
  const pnl = new Float64Array(sessions);
  for (const h of priced) {
    const r = input.returns.get(seriesOf(h))!;
    for (let t = 0; t < sessions; t++) pnl[t]! += scenarioPnl(h, r[t]!) ?? 0;
  }
  const symbols = [...new Set(priced.map((h) => h.symbol))];
  const matrix = symbols.map((a) =>
    symbols.map((b) => {
      const ra = input.returns.get(seriesOf(priced.find((h) => h.symbol === a)!))!;
      const rb = input.returns.get(seriesOf(priced.find((h) => h.symbol === b)!))!;
      return a === b ? 1 : pearson(ra, rb);
    }),
  );
  const betas: Record<string, number> = {};
  if (input.market)
    for (const h of priced) betas[h.symbol] = slope(input.returns.get(seriesOf(h))!, input.market.returns);
  else notes.push('market symbol not stored: the beta scenario is left out (the 1:1 scenario stands)');
  const stressOf = (scenario: string, note: string, move: (h: RiskHolding) => number, volFactor = 1): StressRow => {
    let total = 0;
    for (const h of priced) total += scenarioPnl(h, move(h), volFactor) ?? 0;
    return { scenario, pnl: total, pctOfEquity: equity > 0 ? (total / equity) * 100 : null, note };
  };
  const stress: StressRow[] = [
    stressOf('market -10% (1:1)', 'every holding (options: their underlying) -10%', () => -0.1),
  ];
  if (input.market) {
    stress.push(
      stressOf(`market -10% (beta to ${input.market.symbol})`, 'each holding moves beta x -10%', (h) => {
        const b = betas[h.symbol]!;
        return Number.isFinite(b) ? b * -0.1 : -0.1;
      }),
    );
  }
  const options = priced.filter((h) => h.option);
  stress.push(
    options.length
      ? stressOf('volatility doubled', 'options revalued at 2 x implied vol; stock and crypto n/a', () => 0, 2)
      : {
          scenario: 'volatility doubled',
          pnl: null,
          pctOfEquity: null,
          note: 'n/a: no option held (stock has no vol term)',
        },
  );
  return {
    asOf: input.asOf,
    equity,
    holdings: holdings.length,
    exposure: {
      bySymbol: exposureRows(
        holdings,
        equity,
        (h) => h.symbol,
        () => limits.maxSymbolPct,
      ),
      bySector: exposureRows(
        holdings,
        equity,
        (h) => h.sector ?? 'unknown',
        (k) => (k === 'unknown' ? null : limits.maxSectorPct),
      ),
      byAssetClass: exposureRows(
        holdings,
        equity,
        (h) => h.assetClass,
        () => limits.maxAssetClassPct,
      ),
      byStrategy: exposureRows(
        holdings,
        equity,
        (h) => h.strategy,
        (k) => limits.maxRiskByStrategy[k] ?? null,
        false,
      ),
    },
    sessions,
    var: sessions >= 2 ? [historicalVar(pnl, 0.95), historicalVar(pnl, 0.99)] : [],
    correlation: { symbols, matrix },
    betas,
    stress,
    notes: sessions >= 2 ? notes : [...notes, 'fewer than 2 sessions of common returns: no VaR'],
  };
}
