import type { ExecutionDeps } from '../execution/place-order.js';
import type { PositionProvider } from '../position-row.js';
import { closePosition, loadPortfolio } from './service.js';

/** What the position viewer (src/tui) reads and acts through. close() answers with a one-line status. */
export function positionProvider(deps: ExecutionDeps): PositionProvider {
  return {
    load: async () => (await loadPortfolio(deps)).rows,
    close: async (symbol) => {
      const { order, alreadyPlaced } = await closePosition(deps, symbol);
      return `${alreadyPlaced ? 'already placed' : 'close order'} ${order.side} ${order.qty} ${symbol}: ${order.status}`;
    },
  };
}
