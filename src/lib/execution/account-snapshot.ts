/**
 * The account as the risk check sees it: the broker's equity, buying power and positions, the start-of-day
 * equity stored per session (Alpaca's last_equity when it gives one, else the first equity seen that session),
 * each position's sector (its SIC code mapped, collect/sectors.ts) and asset class.
 */
import type { AccountSnapshot } from '../risk/index.js';
import { startOfDayEquity } from '../store/execution-marks.js';
import type { Store } from '../store/open.js';
import { storedSector } from '../collect/sectors.js';
import { assetClassOf } from '../symbols.js';
import type { Broker, BrokerAccount, BrokerPosition } from '../broker/types.js';

export interface AccountView {
  snapshot: AccountSnapshot;
  account: BrokerAccount;
  positions: BrokerPosition[];
}

export const sectorOf = (store: Store, symbol: string): string | null => storedSector(store, symbol);

export async function accountView(store: Store, broker: Broker, session: string, nowMs: number): Promise<AccountView> {
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
      })),
    },
  };
}
