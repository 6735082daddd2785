/**
 * Choose and build the broker. Paper (the local simulator) is the default. Alpaca trades its paper account
 * unless BOTH --live and ATS_TRADING_MODE=live are given, and a live order is confirmed on the terminal (y/N)
 * unless --yes: anything less is refused with a ConfigError naming what is missing.
 */
import { ConfigError, UsageError } from '../errors.js';
import type { Config } from '../config.js';
import type { Store } from '../store/open.js';
import { PaperBroker } from './paper.js';
import type { Broker } from './types.js';

export interface BrokerChoice {
  live?: boolean | undefined;
  yes?: boolean | undefined;
}

export interface OpenBrokerIo {
  now: () => number;
  /** Whether stdin is a terminal we may ask on. */
  interactive: boolean;
  confirm: (question: string) => Promise<boolean>;
  /** The command is about to place orders (live ones need confirming). */
  placesOrders: boolean;
}

const PAPER_URL = 'https://paper-api.alpaca.markets';
const LIVE_URL = 'https://api.alpaca.markets';

export async function openBroker(cfg: Config, store: Store, choice: BrokerChoice, io: OpenBrokerIo): Promise<Broker> {
  if (cfg.broker === 'paper') {
    if (choice.live) throw new UsageError('--live applies to --broker alpaca; the paper broker is a local simulator');
    return new PaperBroker(store, {
      slippageBps: cfg.paperSlippageBps,
      commission: cfg.paperCommission,
      optionSlippage: cfg.optionSlippage,
      optionsRate: cfg.optionsRate,
      startingCash: cfg.paperCash,
      now: io.now,
    });
  }
  if (!cfg.alpacaKeyId || !cfg.alpacaSecretKey) {
    throw new ConfigError('--broker alpaca needs APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment or .env');
  }
  const live = await liveGate(cfg, choice, io);
  const baseUrl = cfg.alpacaBaseUrl ?? (live ? LIVE_URL : PAPER_URL);
  if (!live && /^https?:\/\/api\.alpaca\.markets/i.test(baseUrl)) {
    throw new ConfigError(
      `APCA_API_BASE_URL points at the live account (${baseUrl}) but live trading was not requested: ` +
        'pass --live with ATS_TRADING_MODE=live',
    );
  }
  const { AlpacaBroker } = await import('./alpaca.js');
  return new AlpacaBroker({
    keyId: cfg.alpacaKeyId,
    secretKey: cfg.alpacaSecretKey,
    baseUrl,
    timeoutMs: cfg.brokerTimeoutMs,
  });
}

/**
 * Whether the live account is asked for, refusing half a switch: live needs both --live and ATS_TRADING_MODE=live
 * (which only the process environment can set). Pure, so a command can check it before doing any work.
 */
export function liveRequested(cfg: Config, choice: BrokerChoice): boolean {
  const envLive = cfg.tradingMode === 'live';
  if (!choice.live && !envLive) return false;
  if (!choice.live)
    throw new ConfigError(
      'ATS_TRADING_MODE=live but --live was not given: live trading needs both (or unset ATS_TRADING_MODE for paper)',
    );
  if (!envLive)
    throw new ConfigError(
      '--live needs ATS_TRADING_MODE=live in the environment as well: live trading needs both switches',
    );
  return true;
}

async function liveGate(cfg: Config, choice: BrokerChoice, io: OpenBrokerIo): Promise<boolean> {
  if (!liveRequested(cfg, choice)) return false;
  if (!io.placesOrders || choice.yes) return true;
  if (!io.interactive)
    throw new ConfigError('live orders must be confirmed: run on a terminal to answer y/N, or pass --yes');
  if (!(await io.confirm('Place this order on the LIVE Alpaca account, with real money? [y/N] '))) {
    throw new ConfigError('live order not confirmed');
  }
  return true;
}

/** y/N on the terminal (stderr, so stdout stays clean for --json). */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
