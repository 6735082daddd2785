/**
 * The account as the risk check sees it: the broker's equity, buying power and positions, the start-of-day
 * equity stored per session (Alpaca's last_equity when it gives one, else the first equity seen that session),
 * each position's sector (its SIC code mapped, collect/sectors.ts) and asset class; for an option position its
 * delta (European BSM, bsm.ts, at the contract mark's volatility: the chain's implied or the model's realised one,
 * contract-mark.ts) and the underlying's price, so the asset-class limit counts its delta-adjusted notional.
 */
import type { AccountSnapshot } from '../risk/index.js';
import { startOfDayEquity } from '../store/execution-marks.js';
import type { Store } from '../store/open.js';
import { nyDate } from '../time.js';
import { storedSector } from '../collect/sectors.js';
import { assetClassOf } from '../symbols.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import { DAYS_PER_YEAR, europeanGreeks } from '../options/bsm.js';
import { contractMark } from '../options/contract-mark.js';
import type { Broker, BrokerAccount, BrokerPosition } from '../broker/types.js';

export interface AccountView {
  snapshot: AccountSnapshot;
  account: BrokerAccount;
  positions: BrokerPosition[];
}

export const sectorOf = (store: Store, symbol: string): string | null => storedSector(store, symbol);

/**
 * Delta per share of one option contract and its underlying's price as of `nowMs`; {} for a non-option, an
 * expired contract or one that cannot be priced (the exposure then counts its market value).
 */
export function optionDelta(
  store: Store,
  symbol: string,
  nowMs: number,
  rate: number,
): { delta?: number; underlyingPrice?: number } {
  if (!isOptionSymbol(symbol)) return {};
  const m = contractMark(store, symbol, nowMs, rate);
  if (m === null || m.iv === null || !(m.iv > 0) || m.days <= 0) return {};
  const g = europeanGreeks({
    type: m.type,
    spot: m.spot,
    strike: m.strike,
    years: m.days / DAYS_PER_YEAR,
    rate,
    dividendYield: 0,
    vol: m.iv,
  });
  return { delta: g.delta, underlyingPrice: m.spot };
}

/** The account as of `nowMs` (its New York session gives the start-of-day equity); options priced at `optionsRate`. */
export async function accountView(
  { store, broker, optionsRate = 0 }: { store: Store; broker: Broker; optionsRate?: number },
  nowMs: number,
): Promise<AccountView> {
  const session = nyDate(nowMs);
  const account = await broker.getAccount();
  const positions = await broker.getPositions();
  const start = startOfDayEquity(store, broker.name, session, account.lastEquity ?? account.equity, nowMs);
  return {
    account,
    positions,
    snapshot: {
      equity: account.equity,
      startOfDayEquity: start,
      buyingPower: account.buyingPower,
      positions: positions.map((p) => ({
        symbol: p.symbol,
        qty: p.qty,
        marketValue: p.marketValue,
        sector: sectorOf(store, p.symbol),
        assetClass: assetClassOf(p.symbol),
        ...optionDelta(store, p.symbol, nowMs, optionsRate),
      })),
    },
  };
}
