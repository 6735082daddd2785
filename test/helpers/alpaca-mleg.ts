/** An AAPL bull put spread as one mleg order, and the order posts a fake Alpaca received: shared by the option-order tests. */
import type { OrderRequest } from '../../src/lib/broker/types.js';
import type { FakeAlpaca } from '../fakes/alpaca-server.js';

export const P95 = 'O:AAPL240119P00095000';
export const P100 = 'O:AAPL240119P00100000';

/** Two units of the 95/100 put spread for a 1.25 credit: one mleg limit order, without its client order id. */
export const BULL_PUT: Omit<OrderRequest, 'clientOrderId'> = {
  symbol: 'AAPL',
  side: 'sell',
  qty: 2,
  type: 'limit',
  timeInForce: 'day',
  limitPrice: -1.25,
  stopPrice: null,
  orderClass: 'mleg',
  optionLegs: [
    { symbol: P95, side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
    { symbol: P100, side: 'sell', ratioQty: 1, positionIntent: 'sell_to_open' },
  ],
};

export const orderPosts = (fake: FakeAlpaca) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders');
