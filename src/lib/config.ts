import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { parseDotEnv } from './dotenv.js';

/**
 * Configuration layers, lowest first: defaults < ats.config.json < .env < process environment < flags.
 * Secrets (API keys, webhook URL) come only from the environment or .env, never from the JSON file,
 * so a config file can be committed safely.
 */
export interface Config {
  db: string;
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  /** 'polygon' when a key is configured, else the bundled sample. */
  source: 'polygon' | 'sample';
  asof: string | null;
  polygonApiKey: string | null;
  polygonBaseUrl: string;
  polygonWsUrl: string;
  /** Requests per minute to Polygon; 0 = unlimited. The free plan allows 5. */
  rateLimit: number;
  /** Attempts per HTTP call (first included) and the first backoff delay. */
  httpAttempts: number;
  httpBackoffMs: number;
  /** Per HTTP request (ms): a server that does not answer in time is a temporary failure. */
  httpTimeoutMs: number;
  /** How long one request may keep failing and retrying (ms) before the command gives up with exit 6. */
  httpDeadlineMs: number;
  alpacaKeyId: string | null;
  alpacaSecretKey: string | null;
  alpacaBaseUrl: string | null;
  tradingMode: 'paper' | 'live';
  slackWebhookUrl: string | null;
  sampleDir: string;
  reportsDir: string;
  modelsDir: string;
  /** The environment as seen through .env (process environment wins), for settings read by one module. */
  env: Readonly<Record<string, string | undefined>>;
}

export type Flags = Partial<{
  db: string;
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  source: string;
  asof: string;
  rateLimit: string | number;
  config: string;
}>;

const SECRET_KEYS = ['polygonApiKey', 'alpacaKeyId', 'alpacaSecretKey', 'slackWebhookUrl'];
const FILE_KEYS = [
  'db',
  'source',
  'polygonBaseUrl',
  'polygonWsUrl',
  'rateLimit',
  'alpacaBaseUrl',
  'tradingMode',
  'sampleDir',
  'reportsDir',
  'modelsDir',
];

export function defaultConfig(packageRoot: string): Config {
  return {
    db: 'data/ats.db',
    json: false,
    verbose: false,
    quiet: false,
    source: 'sample',
    asof: null,
    polygonApiKey: null,
    polygonBaseUrl: 'https://api.polygon.io',
    polygonWsUrl: 'wss://delayed.polygon.io',
    rateLimit: 5,
    httpAttempts: 5,
    httpBackoffMs: 500,
    httpTimeoutMs: 10_000,
    httpDeadlineMs: 120_000,
    alpacaKeyId: null,
    alpacaSecretKey: null,
    alpacaBaseUrl: null,
    tradingMode: 'paper',
    slackWebhookUrl: null,
    sampleDir: resolve(packageRoot, 'data', 'sample'),
    reportsDir: 'reports',
    modelsDir: 'models',
    env: {},
  };
}

export interface LoadConfigInput {
  flags: Flags;
  env: NodeJS.ProcessEnv;
  cwd: string;
  packageRoot: string;
}

export function loadConfig({ flags, env, cwd, packageRoot }: LoadConfigInput): Config {
  const cfg = defaultConfig(packageRoot);
  let sourceExplicit = false;

  const file = flags.config ? resolve(cwd, flags.config) : resolve(cwd, 'ats.config.json');
  if (flags.config && !existsSync(file)) throw new ConfigError(`config file ${flags.config} not found`);
  if (existsSync(file)) {
    const fromFile = readJsonConfig(file);
    for (const [k, v] of Object.entries(fromFile)) {
      if (SECRET_KEYS.includes(k))
        throw new ConfigError(`${file}: "${k}" is a secret; set it in the environment or .env, not in the config file`);
      if (!FILE_KEYS.includes(k)) throw new ConfigError(`${file}: unknown key "${k}" (known: ${FILE_KEYS.join(', ')})`);
      (cfg as unknown as Record<string, unknown>)[k] = v;
      if (k === 'source') sourceExplicit = true;
    }
  }

  const dotenvPath = resolve(cwd, '.env');
  const dotenv = existsSync(dotenvPath) ? parseDotEnv(readFileSync(dotenvPath, 'utf8')) : {};
  const merged: Record<string, string | undefined> = { ...dotenv, ...env };
  cfg.env = merged;
  const pick = (name: string): string | undefined => {
    const v = merged[name];
    return v === undefined || v === '' ? undefined : v;
  };
  cfg.db = pick('ATS_DB') ?? cfg.db;
  cfg.polygonApiKey = pick('POLYGON_API_KEY') ?? null;
  cfg.polygonBaseUrl = pick('POLYGON_BASE_URL') ?? cfg.polygonBaseUrl;
  cfg.polygonWsUrl = pick('POLYGON_WS_URL') ?? cfg.polygonWsUrl;
  const rate = pick('POLYGON_RATE_LIMIT') ?? pick('ATS_RATE_LIMIT');
  if (rate !== undefined) cfg.rateLimit = parseRate(rate, 'POLYGON_RATE_LIMIT');
  const attempts = pick('ATS_HTTP_ATTEMPTS');
  if (attempts !== undefined) cfg.httpAttempts = parsePositiveInt(attempts, 'ATS_HTTP_ATTEMPTS');
  const backoff = pick('ATS_HTTP_BACKOFF_MS');
  if (backoff !== undefined) cfg.httpBackoffMs = parseRate(backoff, 'ATS_HTTP_BACKOFF_MS');
  const timeout = pick('ATS_HTTP_TIMEOUT_MS');
  if (timeout !== undefined) cfg.httpTimeoutMs = parsePositiveInt(timeout, 'ATS_HTTP_TIMEOUT_MS');
  const deadline = pick('ATS_HTTP_DEADLINE_MS');
  if (deadline !== undefined) cfg.httpDeadlineMs = parsePositiveInt(deadline, 'ATS_HTTP_DEADLINE_MS');
  cfg.alpacaKeyId = pick('APCA_API_KEY_ID') ?? null;
  cfg.alpacaSecretKey = pick('APCA_API_SECRET_KEY') ?? null;
  cfg.alpacaBaseUrl = pick('APCA_API_BASE_URL') ?? cfg.alpacaBaseUrl;
  cfg.slackWebhookUrl = pick('SLACK_WEBHOOK_URL') ?? null;
  const mode = pick('ATS_TRADING_MODE');
  if (mode !== undefined) cfg.tradingMode = parseMode(mode);
  const src = pick('ATS_SOURCE');
  if (src !== undefined) {
    cfg.source = parseSource(src, 'ATS_SOURCE');
    sourceExplicit = true;
  }
  const asof = pick('ATS_ASOF');
  if (asof !== undefined) cfg.asof = asof;
  cfg.reportsDir = pick('ATS_REPORTS_DIR') ?? cfg.reportsDir;
  cfg.modelsDir = pick('ATS_MODELS_DIR') ?? cfg.modelsDir;

  if (flags.db !== undefined) cfg.db = flags.db;
  if (flags.json !== undefined) cfg.json = flags.json;
  if (flags.verbose !== undefined) cfg.verbose = flags.verbose;
  if (flags.quiet !== undefined) cfg.quiet = flags.quiet;
  if (flags.rateLimit !== undefined) cfg.rateLimit = parseRate(String(flags.rateLimit), '--rate-limit');
  if (flags.asof !== undefined) cfg.asof = flags.asof;
  if (flags.source !== undefined) {
    cfg.source = parseSource(flags.source, '--source');
    sourceExplicit = true;
  }
  if (!sourceExplicit) cfg.source = cfg.polygonApiKey ? 'polygon' : 'sample';
  cfg.db = resolve(cwd, cfg.db);
  cfg.reportsDir = resolve(cwd, cfg.reportsDir);
  cfg.modelsDir = resolve(cwd, cfg.modelsDir);
  return cfg;
}

function readJsonConfig(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`${file} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

function parseRate(raw: string, what: string): number {
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new ConfigError(`${what} must be a number ≥ 0, got "${raw}"`);
  return v;
}

function parsePositiveInt(raw: string, what: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${what} must be a whole number ≥ 1, got "${raw}"`);
  return v;
}

function parseSource(raw: string, what: string): Config['source'] {
  if (raw === 'polygon' || raw === 'sample') return raw;
  throw new ConfigError(`${what} must be "polygon" or "sample", got "${raw}"`);
}

function parseMode(raw: string): Config['tradingMode'] {
  if (raw === 'paper' || raw === 'live') return raw;
  throw new ConfigError(`ATS_TRADING_MODE must be "paper" or "live", got "${raw}"`);
}

/** Every configured secret, for scrubbing text before it is printed or saved. */
export function secretsOf(cfg: Config): string[] {
  return [cfg.polygonApiKey, cfg.alpacaKeyId, cfg.alpacaSecretKey, cfg.slackWebhookUrl].filter(
    (s): s is string => !!s && s.length >= 4,
  );
}
