/**
 * Every setting of ats in one table: where it may come from (config-file key, environment variable, flag), how it
 * is parsed, and what it means. `loadConfig` (config.ts) walks this table for each layer, and the README's
 * configuration table lists the same rows (a test keeps them in step).
 */
import type { z } from 'zod';
import {
  choiceSetting,
  dateSetting,
  fractionSetting,
  numberSetting,
  strategyDollarsSetting,
  switchSetting,
  textSetting,
  urlSetting,
} from './config-values.js';

export interface SettingDef {
  /** Environment variable (also read from .env unless `processEnvOnly`). */
  env?: string;
  /** Command-line flag, on the commands that have it. */
  flag?: string;
  /** May appear in ats.config.json (never for secrets). */
  file: boolean;
  /** Masked everywhere; never accepted from the config file. */
  secret?: boolean;
  /** Read from the process environment only: no file (config, .env) can set it. */
  processEnvOnly?: boolean;
  schema: z.ZodType;
}

const http = urlSetting(['http', 'https']);
const ws = urlSetting(['ws', 'wss']);
const percentOfEquity = numberSetting({ above: 0, max: 100, percentSign: true });

export const SETTINGS = {
  db: { env: 'ATS_DB', flag: '--db', file: true, schema: textSetting() },
  source: { env: 'ATS_SOURCE', flag: '--source', file: true, schema: choiceSetting(['polygon', 'sample']) },
  asof: { env: 'ATS_ASOF', flag: '--asof', file: false, schema: dateSetting() },
  sampleDir: { env: 'ATS_SAMPLE_DIR', file: true, schema: textSetting() },
  reportsDir: { env: 'ATS_REPORTS_DIR', file: true, schema: textSetting() },
  modelsDir: { env: 'ATS_MODELS_DIR', file: true, schema: textSetting() },
  polygonApiKey: { env: 'POLYGON_API_KEY', file: false, secret: true, schema: textSetting() },
  polygonBaseUrl: { env: 'POLYGON_BASE_URL', file: true, schema: http },
  polygonWsUrl: { env: 'POLYGON_WS_URL', file: true, schema: ws },
  polygonRealtimeWsUrl: { env: 'POLYGON_WS_REALTIME_URL', file: true, schema: ws },
  maxPriceAgeSeconds: { env: 'ATS_MAX_PRICE_AGE', file: true, schema: numberSetting({ above: 0 }) },
  rateLimit: { env: 'POLYGON_RATE_LIMIT', flag: '--rate-limit', file: true, schema: numberSetting({ min: 0 }) },
  httpAttempts: { env: 'ATS_HTTP_ATTEMPTS', file: true, schema: numberSetting({ min: 1, max: 100, whole: true }) },
  httpBackoffMs: { env: 'ATS_HTTP_BACKOFF_MS', file: true, schema: numberSetting({ min: 0 }) },
  httpTimeoutMs: { env: 'ATS_HTTP_TIMEOUT_MS', file: true, schema: numberSetting({ above: 0 }) },
  httpDeadlineMs: { env: 'ATS_HTTP_DEADLINE_MS', file: true, schema: numberSetting({ above: 0 }) },
  alpacaKeyId: { env: 'APCA_API_KEY_ID', file: false, secret: true, schema: textSetting() },
  alpacaSecretKey: { env: 'APCA_API_SECRET_KEY', file: false, secret: true, schema: textSetting() },
  alpacaBaseUrl: { env: 'APCA_API_BASE_URL', file: true, schema: http },
  tradingMode: { env: 'ATS_TRADING_MODE', file: false, processEnvOnly: true, schema: choiceSetting(['paper', 'live']) },
  broker: { env: 'ATS_BROKER', flag: '--broker', file: true, schema: choiceSetting(['paper', 'alpaca']) },
  brokerTimeoutMs: { env: 'ATS_BROKER_TIMEOUT_MS', file: true, schema: numberSetting({ above: 0 }) },
  paperCash: { env: 'ATS_PAPER_CASH', file: true, schema: numberSetting({ above: 0 }) },
  paperSlippageBps: { env: 'ATS_PAPER_SLIPPAGE_BPS', file: true, schema: numberSetting({ min: 0, max: 10_000 }) },
  paperCommission: { env: 'ATS_PAPER_COMMISSION', file: true, schema: numberSetting({ min: 0 }) },
  maxSymbolPct: { env: 'ATS_MAX_SYMBOL_PCT', file: true, schema: percentOfEquity },
  maxSectorPct: { env: 'ATS_MAX_SECTOR_PCT', file: true, schema: percentOfEquity },
  maxAssetClassPct: { env: 'ATS_MAX_ASSET_CLASS_PCT', file: true, schema: percentOfEquity },
  maxDailyLossPct: { env: 'ATS_MAX_DAILY_LOSS_PCT', file: true, schema: percentOfEquity },
  maxOpenPositions: { env: 'ATS_MAX_OPEN_POSITIONS', file: true, schema: numberSetting({ min: 0, whole: true }) },
  rewardRisk: { env: 'ATS_REWARD_RISK', file: true, schema: numberSetting({ above: 0, max: 100 }) },
  protectStopPct: {
    env: 'ATS_PROTECT_STOP_PCT',
    file: true,
    schema: numberSetting({ above: 0, max: 99, percentSign: true }),
  },
  maxRisk: { env: 'MAX_RISK', file: true, schema: strategyDollarsSetting() },
  optionsRate: { env: 'ATS_OPTIONS_RATE', file: true, schema: fractionSetting() },
  optionSlippage: { env: 'ATS_OPTION_SLIPPAGE', file: true, schema: numberSetting({ min: 0, max: 100 }) },
  optionTakeProfit: { env: 'ATS_OPTION_TAKE_PROFIT', file: true, schema: fractionSetting() },
  optionStopMultiple: { env: 'ATS_OPTION_STOP_MULTIPLE', file: true, schema: numberSetting({ above: 0, max: 100 }) },
  optionCloseDte: {
    env: 'ATS_OPTION_CLOSE_DTE',
    file: true,
    schema: numberSetting({ min: 0, max: 3650, whole: true }),
  },
  optionsEnabled: { env: 'ATS_OPTIONS', file: true, schema: switchSetting() },
  optionsIvRichRank: { env: 'ATS_OPTIONS_IV_RICH_RANK', file: true, schema: numberSetting({ min: 0, max: 100 }) },
  optionLimitOffset: { env: 'ATS_OPTION_LIMIT_OFFSET', file: true, schema: numberSetting({ min: 0, max: 100 }) },
  maxCorrelation: { env: 'ATS_MAX_CORRELATION', file: true, schema: fractionSetting() },
  correlationSessions: {
    env: 'ATS_CORRELATION_SESSIONS',
    file: true,
    schema: numberSetting({ min: 2, max: 1000, whole: true }),
  },
  maxHeat: { env: 'ATS_MAX_HEAT', file: true, schema: fractionSetting() },
  gateMinAuc: { env: 'ATS_GATE_MIN_AUC', file: true, schema: numberSetting({ min: 0, max: 1 }) },
  gateMinSharpeEdge: { env: 'ATS_GATE_MIN_SHARPE_EDGE', file: true, schema: numberSetting({}) },
  slackWebhookUrl: { env: 'SLACK_WEBHOOK_URL', file: false, secret: true, schema: http },
  alertTradeDollars: { env: 'ATS_ALERT_TRADE_DOLLARS', file: true, schema: numberSetting({ min: 0 }) },
  serveToken: { env: 'ATS_SERVE_TOKEN', file: false, secret: true, schema: textSetting() },
  trainHorizon: {
    env: 'ATS_TRAIN_HORIZON',
    flag: '--horizon',
    file: true,
    schema: numberSetting({ min: 1, max: 252, whole: true }),
  },
  trainTarget: {
    env: 'ATS_TRAIN_TARGET',
    flag: '--target',
    file: true,
    schema: choiceSetting(['direction', 'cross-sectional']),
  },
  promotionMetric: { env: 'ATS_PROMOTION_METRIC', file: true, schema: choiceSetting(['sharpe', 'auc', 'brier']) },
  promotionMinSharpeGain: { env: 'ATS_PROMOTION_MIN_SHARPE_GAIN', file: true, schema: numberSetting({ min: 0 }) },
  promotionMaxAucDrop: { env: 'ATS_PROMOTION_MAX_AUC_DROP', file: true, schema: numberSetting({ min: 0, max: 1 }) },
  keepModels: { env: 'ATS_KEEP_MODELS', file: true, schema: numberSetting({ min: 1, whole: true }) },
  mlpLags: { env: 'ATS_MLP_LAGS', file: true, schema: numberSetting({ min: 0, max: 20, whole: true }) },
  regimeRiskScale: { env: 'ATS_REGIME_RISK_SCALE', file: true, schema: numberSetting({ above: 0, max: 1 }) },
  retrainHitRateDrop: { env: 'ATS_RETRAIN_HIT_RATE_DROP', file: true, schema: numberSetting({ min: 0, max: 1 }) },
  retrainBrierRise: { env: 'ATS_RETRAIN_BRIER_RISE', file: true, schema: numberSetting({ min: 0, max: 1 }) },
  retrainPicks: { env: 'ATS_RETRAIN_PICKS', file: true, schema: numberSetting({ min: 1, max: 100000, whole: true }) },
} as const satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof SETTINGS;

export const FILE_KEYS = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].file);
