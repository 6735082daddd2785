import type { ExecutionDeps } from '../execution/place-order.js';
import type { PriceSource } from '../market/price-feed.js';
import { repriceRow } from '../position-row.js';
import type { PositionProvider, PositionRow } from '../position-row.js';
import { listFills } from '../store/fills.js';
import { latestPrice } from '../store/latest-price.js';
import { nyDate } from '../time.js';
import { entryTimes, protectiveLevels } from './protection.js';
import { closePosition, ledgerPositions, loadPortfolio } from './service.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import { optionGroupRow } from './option-positions.js';

/** A live price feed for the viewer, and a way to subscribe it to the symbols held. */
export interface ViewerPrices {
  feed: PriceSource;
  follow: (symbols: string[]) => void;
}

/**
 * What the position viewer (src/tui) reads and acts through. Rows carry the entry date, the protective levels
 * resting at the broker and when the price was last updated; with live prices, streamed ones replace stored ones.
 * close() answers with a one-line status.
 */
export function positionProvider(deps: ExecutionDeps, live?: ViewerPrices, optionsRate = 0.04): PositionProvider {
  return {
    load: async () => {
      const portfolio = await loadPortfolio(deps, { optionsRate });
      // Option legs show as their grouped strategy (one row each), not leg by leg.
      const rows = portfolio.rows.filter((r) => !isOptionSymbol(r.symbol));
      const groups = (portfolio.options ?? []).map((g) => optionGroupRow(g, portfolio.totals.equity));
      const positions = ledgerPositions(deps);
      const levels = protectiveLevels(await deps.broker.listOrders('open'), (s) => positions.get(s)?.qty ?? 0);
      const entries = entryTimes(listFills(deps.store, deps.broker.name));
      live?.follow(rows.map((r) => r.symbol));
      const stocks = rows.map((r): PositionRow => {
        const streamed = live?.feed.latest(r.symbol);
        const row = streamed ? repriceRow(r, streamed.price, streamed.receivedAt) : r;
        const entry = entries.get(r.symbol);
        return {
          ...row,
          entryDate: entry === undefined ? null : nyDate(entry),
          stopPrice: levels.get(r.symbol)?.stop ?? null,
          takeProfitPrice: levels.get(r.symbol)?.takeProfit ?? null,
          updatedAt: streamed ? streamed.receivedAt : (latestPrice(deps.store, r.symbol, deps.now())?.ts ?? null),
        };
      });
      return [...stocks, ...groups];
    },
    close: async (symbol) => {
      const { order, alreadyPlaced } = await closePosition(deps, symbol);
      return `${alreadyPlaced ? 'already placed' : 'close order'} ${order.side} ${order.qty} ${symbol}: ${order.status}`;
    },
    subscribe: live
      ? (onPrice) => live.feed.onUpdate((p) => onPrice({ symbol: p.symbol, price: p.price, at: p.receivedAt }))
      : undefined,
  };
}
