/** The order ledger and its fills for the served broker, newest first. */
import { listFills } from '../../store/fills.js';
import type { LedgerFill } from '../../store/fills.js';
import { listOrders } from '../../store/orders.js';
import type { LedgerOrder } from '../../store/orders.js';
import { money, table, when } from '../html.js';
import { panel } from '../panel.js';

const LIMIT = 200;

export interface OrdersData {
  orders: LedgerOrder[];
  fills: LedgerFill[];
}

export const ordersPanel = panel<OrdersData>({
  id: 'orders',
  title: 'Orders and fills',
  load: (ctx) => ({
    orders: listOrders(ctx.deps.store, ctx.deps.broker.name).reverse().slice(0, LIMIT),
    fills: listFills(ctx.deps.store, ctx.deps.broker.name).reverse().slice(0, LIMIT),
  }),
  render: (d) =>
    '<h3>Orders</h3>' +
    table(
      ['created', 'session', 'symbol', 'side', 'qty', 'type', 'limit', 'stop', 'intent', 'status', 'filled', 'avg'],
      d.orders.map((o) => [
        when(o.createdAt),
        o.session,
        o.symbol,
        o.side,
        o.qty,
        o.type,
        o.limitPrice === null ? null : money(o.limitPrice),
        o.stopPrice === null ? null : money(o.stopPrice),
        o.intent,
        o.status,
        o.filledQty,
        o.filledAvgPrice === null ? null : money(o.filledAvgPrice),
      ]),
    ) +
    '<h3>Fills</h3>' +
    table(
      ['time', 'symbol', 'side', 'qty', 'price', 'commission', 'realized'],
      d.fills.map((f) => [
        when(f.ts),
        f.symbol,
        f.side,
        f.qty,
        money(f.price),
        money(f.commission),
        money(f.realizedPnl),
      ]),
    ),
});
