/**
 * The one secret scrubber. Every text that leaves the process (the top-level error printer, the logger, HTTP
 * errors, run-log messages) passes through `scrubSecrets`. Configured secrets are remembered here when the
 * configuration is read, from whichever layer they came (.env included), so a printer that runs after a failed
 * command still masks them. This is the one process-wide registry in the code base, on purpose: a secret must be
 * masked even on paths that were never handed the configuration.
 */
const MASK = '***';
/** Masking "a" would shred every message. */
const MIN_SECRET_LENGTH = 4;

/** Query parameters that carry credentials (Polygon `apiKey`, generic `api_key`, `token`…). */
const SECRET_PARAM = /([?&;](?:api[_-]?key|apikey|access[_-]?token|token|key|secret|password)=)[^&#\s"'<>]*/gi;
/** `Authorization: Bearer x`, `APCA-API-KEY-ID: x`, `APCA-API-SECRET-KEY: x` as text or as JSON. */
const SECRET_HEADER =
  /((?:authorization|apca-api-[a-z-]+|x-api-key)["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^"'\s,}\]]+/gi;

const known = new Set<string>();

/** Remember configured secrets (API keys, webhook URLs) so every later scrub masks them. */
export function rememberSecrets(values: readonly (string | null | undefined)[]): void {
  for (const v of values) if (typeof v === 'string' && v.length >= MIN_SECRET_LENGTH) known.add(v);
}

/** Text with credential-looking parameters and headers masked, and every remembered (and `extra`) secret. */
export function scrubSecrets(text: string, extra: readonly string[] = []): string {
  let out = text.replace(SECRET_PARAM, `$1${MASK}`).replace(SECRET_HEADER, `$1${MASK}`);
  for (const secret of [...known, ...extra]) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(MASK);
  }
  return out;
}
