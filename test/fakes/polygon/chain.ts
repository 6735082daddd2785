/**
 * GET /v3/snapshot/options/{underlying}: the contracts of optionContracts() priced by Black-Scholes-Merton
 * (vol 25% + a 0.3 × moneyness² smile, rate 4%), in the shape of Polygon's option chain snapshot
 * (https://polygon.io/docs/rest/options/snapshots/option-chain-snapshot, @polygon.io/client-js
 * GetOptionsChain200Response). Bid/ask straddle the model price by 2% (at least 0.01). Plan modes: 'full' has
 * quotes, trades and greeks; 'starter' has no last_quote/last_trade (day bars, IV and greeks only) and, as
 * Polygon does for some contracts, every 5th contract comes without greeks and IV in both modes.
 */
import { europeanPrice } from '../../../src/lib/options/bsm.js';
import { utcMidnight } from '../../../src/lib/time.js';
import { optionContracts, pagedList, rangeFilter, ordered } from './reference.js';
import type { Row } from './reference.js';
import type { Reply } from './replies.js';

export type ChainPlan = 'full' | 'starter';

export function chainVol(spot: number, strike: number): number {
  return 0.25 + 0.3 * Math.log(strike / spot) ** 2;
}

export function chainSnapshot(
  baseUrl: string,
  underlying: string,
  spot: number,
  asOf: string,
  nowMs: number,
  plan: ChainPlan,
  query: URLSearchParams,
  pageMax = 250,
): Reply {
  const ns = BigInt(nowMs) * 1_000_000n;
  const rows: Row[] = optionContracts(underlying, spot, asOf).map((c, i) => {
    const strike = c.strike_price as number;
    const type = c.contract_type as 'call' | 'put';
    const years = (utcMidnight(c.expiration_date as string) - utcMidnight(asOf)) / 86_400_000 / 365;
    const vol = chainVol(spot, strike);
    const price = europeanPrice({ type, spot, strike, years, rate: 0.04, dividendYield: 0, vol });
    const half = Math.max(0.01, price * 0.02);
    const bid = Math.max(0, Math.round((price - half) * 100) / 100);
    const ask = Math.round((price + half) * 100) / 100;
    const row: Row = {
      break_even_price: type === 'call' ? strike + price : strike - price,
      day: {
        change: 0,
        change_percent: 0,
        close: Math.round(price * 100) / 100,
        high: ask,
        low: bid,
        open: bid,
        previous_close: Math.round(price * 100) / 100,
        volume: 100 + i,
        vwap: price,
        last_updated: ns,
      },
      details: {
        contract_type: type,
        exercise_style: 'american',
        expiration_date: c.expiration_date,
        shares_per_contract: 100,
        strike_price: strike,
        ticker: c.ticker,
      },
      open_interest: 1000 + i,
      underlying_asset: {
        change_to_break_even: 0,
        last_updated: ns,
        price: spot,
        ticker: underlying,
        timeframe: 'DELAYED',
      },
      strike_price: strike,
      expiration_date: c.expiration_date,
      contract_type: type,
    };
    if (i % 5 !== 4) {
      row.implied_volatility = vol;
      row.greeks = { delta: type === 'call' ? 0.5 : -0.5, gamma: 0.05, theta: -0.05, vega: 0.1 };
    }
    if (plan === 'full') {
      row.last_quote = {
        ask,
        ask_size: 10,
        bid,
        bid_size: 10,
        last_updated: ns,
        midpoint: (bid + ask) / 2,
        timeframe: 'DELAYED',
      };
      row.last_trade = {
        price: Math.round(price * 100) / 100,
        sip_timestamp: ns,
        size: 1,
        exchange: 65,
        timeframe: 'DELAYED',
      };
    }
    return row;
  });
  const filtered = rangeFilter(rows, query, ['contract_type', 'expiration_date', 'strike_price']);
  const sorted = ordered(filtered, query.get('sort') ?? 'ticker', query, 'asc');
  const page = pagedList(baseUrl, `/v3/snapshot/options/${underlying}`, sorted, query, { default: 10, max: pageMax });
  // Only the documented fields leave the fake: the filter keys were copied up for rangeFilter.
  const body = JSON.parse(page.body) as { results: Row[] };
  for (const r of body.results) for (const k of ['strike_price', 'expiration_date', 'contract_type']) delete r[k];
  return { ...page, body: JSON.stringify(body) };
}
