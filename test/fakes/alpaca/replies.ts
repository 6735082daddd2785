/**
 * Response bodies of the fake Alpaca, from the fixtures in test/fixtures/alpaca/ (see its SOURCES.txt).
 * Every error body has Alpaca's shape {"code": <8 digits>, "message": "..."} (plus extra keys on some 403s).
 */
import { loadFixture } from '../common/fixtures.js';

export interface Reply {
  status: number;
  /** undefined → no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A parsed copy of test/fixtures/alpaca/<name> (a fresh copy each call, so callers may mutate it). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return loadFixture<T>('alpaca', name);
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** A fixture body with some fields replaced. */
function fromFixture(status: number, name: string, fields: Record<string, unknown> = {}): Reply {
  return { status, body: { ...fixture<Record<string, unknown>>(name), ...fields } };
}

/** Decimal string as the API writes amounts: no exponent, no float noise (at most 9 decimals). */
export function dec(n: number): string {
  const rounded = Math.round(n * 1e9) / 1e9;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export const unauthorized = (): Reply => fromFixture(401, 'error_401_unauthorized.json');
export const duplicateClientOrderId = (): Reply => fromFixture(422, 'error_422_duplicate_client_order_id.json');
/** 422 + 40010001: Alpaca's generic "input parameters are not recognized" error (message wording is ours). */
export const invalid = (message: string): Reply => ({ status: 422, body: { code: 40010001, message } });
/** 422 + 42210000: the code the real API gives its order-validation refusals (error_422_order_already_filled.json). */
export const unprocessable = (message: string): Reply => ({ status: 422, body: { code: 42210000, message } });
export const couldNotFindAsset = (symbol: string): Reply =>
  fromFixture(422, 'error_422_could_not_find_asset.json', { message: `could not find us_equity '${symbol}'` });
export const insufficientBuyingPower = (buyingPower: number, cost: number): Reply =>
  fromFixture(403, 'error_403_insufficient_buying_power.json', {
    buying_power: dec(buyingPower),
    cost_basis: dec(cost),
  });
export const notAllowedToShort = (): Reply => fromFixture(403, 'error_403_not_allowed_to_short.json');

export function insufficientQty(p: {
  symbol: string;
  requested: number;
  existing: number;
  held: number;
  related: string[];
}): Reply {
  const available = Math.max(0, p.existing - p.held);
  return fromFixture(403, 'error_403_insufficient_qty.json', {
    available: dec(available),
    existing_qty: dec(p.existing),
    held_for_orders: dec(p.held),
    message: `insufficient qty available for order (requested: ${dec(p.requested)}, available: ${dec(available)})`,
    related_orders: p.related,
    symbol: p.symbol,
  });
}

export const orderNotFound = (): Reply => fromFixture(404, 'error_404_order_not_found.json');
export const positionNotFound = (): Reply => fromFixture(404, 'error_404_position_does_not_exist.json');
export const assetNotFound = (symbol: string): Reply =>
  fromFixture(404, 'error_404_asset_not_found.json', { message: `asset not found for ${symbol}` });
export const notCancelable = (status: string): Reply =>
  fromFixture(422, 'error_422_order_already_filled.json', { message: `order is already in "${status}" state` });
/** No recorded bodies for these; same {code, message} shape. */
export const endpointNotFound = (): Reply => ({ status: 404, body: { code: 40410000, message: 'endpoint not found' } });
export const serverError = (): Reply => ({ status: 500, body: { code: 50010000, message: 'internal server error' } });
export const unavailable = (retryAfterSec?: number): Reply => ({
  status: 503,
  body: { code: 50310000, message: 'service unavailable' },
  ...(retryAfterSec === undefined ? {} : { headers: { 'retry-after': String(retryAfterSec) } }),
});
