/**
 * Who may use the dashboard. On a loopback address anyone on this machine may read it; on any other address every
 * request needs ATS_SERVE_TOKEN, as `Authorization: Bearer <token>` or the `ats_token` cookie that a sign-in at
 * `/login` sets (the token in a form body, never in a URL). Actions (POST) also need the per-process CSRF token in
 * `X-CSRF-Token` and an Origin that is this server. Tokens are compared in constant time (over their SHA-256
 * digests, which have equal lengths whatever was sent).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const TOKEN_COOKIE = 'ats_token';
export const MIN_TOKEN_LENGTH = 32;

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function sameSecret(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  return timingSafeEqual(digest(sent), digest(expected));
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isLoopback(host: string): boolean {
  return host === '::1' || /^127\./.test(host);
}

/** Why `host`/`token` cannot serve, or null when they can (the command turns a reason into a usage error). */
export function bindProblem(host: string, token: string | null): string | null {
  if (isIP(host) === 0) return `--host must be an IP address (e.g. 127.0.0.1 or 0.0.0.0), got "${host}"`;
  if (isLoopback(host)) return null;
  if (token === null)
    return `serving on ${host} (not loopback) needs ATS_SERVE_TOKEN (at least ${MIN_TOKEN_LENGTH} characters)`;
  if (token.length < MIN_TOKEN_LENGTH)
    return `ATS_SERVE_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters, got ${token.length}`;
  return null;
}

/** The token a request carries: Bearer header first, else the cookie. */
export function requestToken(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** An action's Origin must name this server as the browser reached it (the Host header). */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host;
  } catch {
    return false;
  }
}
