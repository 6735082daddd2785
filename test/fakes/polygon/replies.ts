/**
 * Response bodies of the fake Polygon, in the shapes of the recorded fixtures in
 * test/fixtures/polygon/ (see its SOURCES.txt).
 */
import { randomBytes } from 'node:crypto';
import { loadFixture } from '../common/fixtures.js';

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** A parsed copy of test/fixtures/polygon/<name> (a fresh copy each call, so callers may mutate it). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return loadFixture<T>('polygon', name);
}

export const requestId = (): string => randomBytes(16).toString('hex');

/** JSON where bigint values are written as bare integers (nanosecond timestamps exceed 2^53). */
export function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `__bigint__${v}` : v)).replace(
    /"__bigint__(-?\d+)"/g,
    '$1',
  );
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return headers === undefined
    ? { status, body: jsonWithBigInts(value) }
    : { status, body: jsonWithBigInts(value), headers };
}

/** An error body from a fixture with a fresh request_id (`error` or `message` key kept as recorded). */
function errorFixture(status: number, name: string, headers?: Record<string, string>): Reply {
  const body = fixture(name);
  body.request_id = requestId();
  return json(status, body, headers);
}

/** HTTP 401, error_api_key_not_provided.json. The status is our reading (SOURCES: "code uncertain"). */
export const apiKeyNotProvided = (): Reply => errorFixture(401, 'error_api_key_not_provided.json');
/** HTTP 401, error_401_unknown_api_key.json. */
export const unknownApiKey = (): Reply => errorFixture(401, 'error_401_unknown_api_key.json');
/** HTTP 403, error_403_not_authorized.json: the plan lacks this endpoint. */
export const notAuthorized = (): Reply => errorFixture(403, 'error_403_not_authorized.json');
/** HTTP 429, error_429_rate_limit_UNVERIFIED.json (wording unverified; the status is what counts). */
export function rateLimited(retryAfterSec?: number): Reply {
  const headers = retryAfterSec === undefined ? undefined : { 'retry-after': String(retryAfterSec) };
  return errorFixture(429, 'error_429_rate_limit_UNVERIFIED.json', headers);
}

/** No recorded body exists for these; shaped like the other ERROR bodies ({status, request_id, error}). */
export const serverError = (): Reply =>
  json(500, { status: 'ERROR', request_id: requestId(), error: 'Internal Server Error' });
export const badRequest = (error: string): Reply => json(400, { status: 'ERROR', request_id: requestId(), error });
/** 404 of reference endpoints for an unknown ticker (guess: NOT_FOUND status with a message). */
export const notFound = (message: string): Reply =>
  json(404, { status: 'NOT_FOUND', request_id: requestId(), message });

/** Unpadded base64url of a query string, like the cursors in the recorded next_url values. */
export const encodeCursor = (params: URLSearchParams): string => Buffer.from(params.toString()).toString('base64url');
export const decodeCursor = (cursor: string): URLSearchParams =>
  new URLSearchParams(Buffer.from(cursor, 'base64url').toString('utf8'));
