import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ConfigError, UsageError } from './errors.js';
import { parseDotEnv } from './dotenv.js';
import { FILE_KEYS, SETTINGS, type SettingKey } from './config-settings.js';
import { rememberSecrets } from './secrets.js';

/**
 * One typed configuration, read once per command from every layer, lowest first:
 * defaults < ats.config.json < .env < process environment < flags. Every value goes through the same parser
 * (config-settings.ts); a bad one is refused naming the layer, the key and what is allowed. Secrets come only from
 * the environment or .env, so a config file can be committed safely; live trading (`tradingMode`) only from the
 * process environment, so no file can switch it on. Nothing else in the code reads process.env.
 */
export interface Config {
  db: string;
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  /** 'polygon' when a key is configured, else the bundled sample. */
  source: 'polygon' | 'sample';
  asof: string | null;
  sampleDir: string;
  /** Reports and model files belong to their store: by default `<store name>-reports/` beside the store file. */
  reportsDir: string;
  modelsDir: string;
  polygonApiKey: string | null;
  polygonBaseUrl: string;
  polygonWsUrl: string;
  /** The real-time feed, tried first by `collect --stream --realtime`. */
  polygonRealtimeWsUrl: string;
  /** evaluator --watch never acts on a streamed price that arrived longer ago than this. */
  maxPriceAgeSeconds: number;
  /** Requests per minute to Polygon; 0 = unlimited. The free plan allows 5. */
  rateLimit: number;
  /** Attempts per HTTP call (first included) and the first backoff delay. */
  httpAttempts: number;
  httpBackoffMs: number;
  /** One HTTP request gives up after this long. */
  httpTimeoutMs: number;
  /** All attempts of one HTTP call, waits included, give up after this long. */
  httpDeadlineMs: number;
  alpacaKeyId: string | null;
  alpacaSecretKey: string | null;
  /** null: Alpaca's paper account, or the live one with --live. */
  alpacaBaseUrl: string | null;
  tradingMode: 'paper' | 'live';
  broker: 'paper' | 'alpaca';
  brokerTimeoutMs: number;
  /** The local paper simulator: starting cash, slippage in basis points, commission in dollars per order. */
  paperCash: number;
  paperSlippageBps: number;
  paperCommission: number;
  /** Risk limits in percent of equity (5 = 5 %). */
  maxSymbolPct: number;
  maxSectorPct: number;
  maxAssetClassPct: number;
  maxDailyLossPct: number;
  /** null: the account tier's. */
  maxOpenPositions: number | null;
  /** daily --trade: take-profit at entry + rewardRisk × (entry − stop). */
  rewardRisk: number;
  /** A stop placed by reconciliation when too few bars give an ATR: this far below the entry, in percent. */
  protectStopPct: number;
  /** Dollars of risk per entry order, by strategy tag (MAX_RISK="call=100,condor=50"). */
  maxRisk: Record<string, number>;
  /** Risk-free rate (continuous) for IV and greeks computed from stored chain prices. */
  optionsRate: number;
  /** Paper option fills: dollars per share of adverse slippage on each leg. */
  optionSlippage: number;
  /** Evaluator: close an options position once its PnL reaches this share of its max profit. */
  optionTakeProfit: number;
  /** Evaluator: close a credit position once its loss reaches this multiple of the credit received. */
  optionStopMultiple: number;
  /** Evaluator: close an options position at this many calendar days to expiry (or fewer). */
  optionCloseDte: number;
  /** daily: the options step (scan + reports/strategies.html) after the playbook; places no orders. */
  optionsEnabled: boolean;
  /** options scan: an IV rank (0–100) at or above this is rich (credit spreads), below it cheap (debit spreads). */
  optionsIvRichRank: number;
  /** Dollars per share added to an option order's net mid price to make it more marketable (pay more, take less). */
  optionLimitOffset: number;
  /** No new position whose daily-return correlation with an open one exceeds this, over correlationSessions. */
  maxCorrelation: number;
  correlationSessions: number;
  /** Portfolio heat: dollar risk to the stops of all open positions, as a fraction of equity (0.15 = 15 %). */
  maxHeat: number;
  /** The model gate of daily --trade: minimum out-of-sample AUC; margin of the walk-forward Sharpe over buy-and-hold's. */
  gateMinAuc: number;
  gateMinSharpeEdge: number;
  slackWebhookUrl: string | null;
  /** Slack: an order at least this many dollars (entry price × shares) gets its own alert; 0 = none. */
  alertTradeDollars: number;
  /** `ats serve` on a non-loopback address: the bearer token every request must carry (≥ 32 characters). */
  serveToken: string | null;
  /** Training target: sessions ahead, and direction (close up) or cross-sectional (beats the universe's median). */
  trainHorizon: number;
  trainTarget: 'direction' | 'cross-sectional';
  /** Champion/challenger: the metric compared, the Sharpe margin to beat, the AUC drop allowed. */
  promotionMetric: 'sharpe' | 'auc' | 'brier';
  promotionMinSharpeGain: number;
  promotionMaxAucDrop: number;
  /** Model files kept in the models folder (the newest N and the champion). */
  keepModels: number;
  /** The MLP's input: the feature vector plus its values at the last mlpLags sessions (0: the current only). */
  mlpLags: number;
  /** daily --trade: risk per trade × this in a high-volatility downtrend (trend down, volatility percentile ≥ 0.8). */
  regimeRiskScale: number;
  /** daily retrains when the live picks' hit rate falls this far below the model's out-of-sample precision… */
  retrainHitRateDrop: number;
  /** … or their Brier score rises this far above its out-of-sample Brier score, over the last retrainPicks scored picks. */
  retrainBrierRise: number;
  retrainPicks: number;
}

export type Flags = Partial<{
  db: string;
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  source: string;
  asof: string;
  rateLimit: string | number;
  broker: string;
  config: string;
}>;

/** Where a value came from, for error messages. */
type Layer = { kind: 'file'; path: string } | { kind: 'dotenv' } | { kind: 'env' } | { kind: 'flag' };

export function defaultConfig(packageRoot: string): Config {
  return {
    db: 'data/ats.db',
    json: false,
    verbose: false,
    quiet: false,
    source: 'sample',
    asof: null,
    sampleDir: resolve(packageRoot, 'data', 'sample'),
    reportsDir: '',
    modelsDir: '',
    polygonApiKey: null,
    polygonBaseUrl: 'https://api.polygon.io',
    polygonWsUrl: 'wss://delayed.polygon.io',
    polygonRealtimeWsUrl: 'wss://socket.polygon.io',
    maxPriceAgeSeconds: 60,
    rateLimit: 5,
    httpAttempts: 5,
    httpBackoffMs: 500,
    httpTimeoutMs: 10_000,
    httpDeadlineMs: 120_000,
    alpacaKeyId: null,
    alpacaSecretKey: null,
    alpacaBaseUrl: null,
    tradingMode: 'paper',
    broker: 'paper',
    brokerTimeoutMs: 10_000,
    paperCash: 100_000,
    paperSlippageBps: 0,
    paperCommission: 0,
    maxSymbolPct: 5,
    maxSectorPct: 25,
    maxAssetClassPct: 60,
    maxDailyLossPct: 5,
    maxOpenPositions: null,
    rewardRisk: 2,
    protectStopPct: 5,
    maxRisk: {},
    optionsRate: 0.04,
    optionSlippage: 0,
    optionTakeProfit: 0.5,
    optionStopMultiple: 2,
    optionCloseDte: 7,
    optionsEnabled: false,
    optionsIvRichRank: 50,
    optionLimitOffset: 0,
    maxCorrelation: 0.7,
    correlationSessions: 60,
    maxHeat: 0.15,
    gateMinAuc: 0.52,
    gateMinSharpeEdge: 0,
    slackWebhookUrl: null,
    alertTradeDollars: 10_000,
    serveToken: null,
    trainHorizon: 1,
    trainTarget: 'direction',
    promotionMetric: 'sharpe',
    promotionMinSharpeGain: 0,
    promotionMaxAucDrop: 0.005,
    keepModels: 10,
    mlpLags: 2,
    regimeRiskScale: 0.5,
    retrainHitRateDrop: 0.05,
    retrainBrierRise: 0.02,
    retrainPicks: 50,
  };
}

export interface LoadConfigInput {
  flags: Flags;
  /** The process environment by default. */
  env?: NodeJS.ProcessEnv | undefined;
  cwd: string;
  packageRoot: string;
}

export function loadConfig({ flags, env = process.env, cwd, packageRoot }: LoadConfigInput): Config {
  const cfg = defaultConfig(packageRoot);
  const values = cfg as unknown as Record<SettingKey, unknown>;
  const explicit = new Set<SettingKey>();
  const set = (key: SettingKey, raw: unknown, layer: Layer): void => {
    values[key] = parseSetting(key, raw, layer);
    explicit.add(key);
  };

  const file = flags.config !== undefined ? resolve(cwd, flags.config) : resolve(cwd, 'ats.config.json');
  if (flags.config !== undefined && !existsSync(file)) throw new ConfigError(`config file ${flags.config} not found`);
  if (existsSync(file)) {
    for (const [key, raw] of Object.entries(readJsonConfig(file)))
      set(fileKey(key, file), raw, { kind: 'file', path: file });
  }

  const dotenvPath = resolve(cwd, '.env');
  const dotenv = existsSync(dotenvPath) ? parseDotEnv(readFileSync(dotenvPath, 'utf8')) : {};
  const settings = Object.entries(SETTINGS) as [SettingKey, (typeof SETTINGS)[SettingKey]][];
  // Secrets are remembered before anything is validated, so even an error about another setting is masked.
  rememberSecrets(settings.filter(([, d]) => 'secret' in d).flatMap(([, d]) => [dotenv[d.env], env[d.env]]));
  for (const [layer, vars] of [
    [{ kind: 'dotenv' }, dotenv],
    [{ kind: 'env' }, env],
  ] as const) {
    for (const [key, def] of settings) {
      const raw = vars[def.env];
      if (raw === undefined || raw === '') continue;
      if ('processEnvOnly' in def && layer.kind === 'dotenv') {
        throw new ConfigError(
          `.env: ${def.env} is read from the process environment only (no file can switch it on); remove it from .env`,
        );
      }
      set(key, raw, layer);
    }
  }

  const flagValues: Partial<Record<SettingKey, unknown>> = {
    db: flags.db,
    source: flags.source,
    asof: flags.asof,
    rateLimit: flags.rateLimit === undefined ? undefined : String(flags.rateLimit),
    broker: flags.broker,
  };
  for (const [key, raw] of Object.entries(flagValues) as [SettingKey, unknown][]) {
    if (raw !== undefined) set(key, raw, { kind: 'flag' });
  }
  if (flags.json !== undefined) cfg.json = flags.json;
  if (flags.verbose !== undefined) cfg.verbose = flags.verbose;
  if (flags.quiet !== undefined) cfg.quiet = flags.quiet;

  if (!explicit.has('source')) cfg.source = cfg.polygonApiKey ? 'polygon' : 'sample';
  cfg.db = resolve(cwd, cfg.db);
  const storeBase = join(dirname(cfg.db), basename(cfg.db, extname(cfg.db)));
  cfg.reportsDir = explicit.has('reportsDir') ? resolve(cwd, cfg.reportsDir) : `${storeBase}-reports`;
  cfg.modelsDir = explicit.has('modelsDir') ? resolve(cwd, cfg.modelsDir) : `${storeBase}-models`;
  if (explicit.has('sampleDir')) cfg.sampleDir = resolve(cwd, cfg.sampleDir);
  return cfg;
}

function fileKey(key: string, file: string): SettingKey {
  const def = (SETTINGS as Record<string, (typeof SETTINGS)[SettingKey]>)[key];
  if (def !== undefined && 'secret' in def) {
    throw new ConfigError(
      `${file}: "${key}" is a secret; set ${def.env} in the environment or .env, not in the config file`,
    );
  }
  if (def !== undefined && 'processEnvOnly' in def) {
    throw new ConfigError(
      `${file}: "${key}" cannot be set in a file; live trading needs ${def.env}=live in the environment and --live`,
    );
  }
  if (def === undefined || !def.file) {
    throw new ConfigError(`${file}: unknown key "${key}" (known: ${FILE_KEYS.join(', ')})`);
  }
  return key as SettingKey;
}

function parseSetting(key: SettingKey, raw: unknown, layer: Layer): unknown {
  const def = SETTINGS[key];
  const parsed = def.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues[0]?.message ?? 'is not valid';
  const shown = 'secret' in def ? '' : ` (got ${JSON.stringify(raw)})`;
  switch (layer.kind) {
    case 'file':
      throw new ConfigError(`${layer.path}: "${key}" ${why}${shown}`);
    case 'dotenv':
      throw new ConfigError(`.env: ${def.env} ${why}${shown}`);
    case 'env':
      throw new ConfigError(`environment: ${def.env} ${why}${shown}`);
    case 'flag':
      throw new UsageError(`${'flag' in def ? def.flag : key} ${why}${shown}`);
  }
}

function readJsonConfig(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    if (statSync(file).isDirectory()) throw new Error('it is a directory');
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`${file} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}
