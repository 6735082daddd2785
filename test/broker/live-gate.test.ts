/** The live account only with --live AND ATS_TRADING_MODE=live, confirmed on a terminal or with --yes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/lib/config.js';
import type { Config } from '../../src/lib/config.js';
import { ConfigError, UsageError } from '../../src/lib/errors.js';
import { openBroker } from '../../src/lib/broker/open-broker.js';
import type { OpenBrokerIo } from '../../src/lib/broker/open-broker.js';
import { execEnv } from './exec-helpers.js';

const cfg = (over: Partial<Config> = {}): Config => ({
  ...defaultConfig('.'),
  alpacaKeyId: 'KEYKEYKEY',
  alpacaSecretKey: 'SECRETSECRET',
  alpacaBaseUrl: 'http://127.0.0.1:9',
  ...over,
});
const io = (over: Partial<OpenBrokerIo> = {}): OpenBrokerIo => ({
  now: Date.now,
  interactive: false,
  confirm: () => Promise.resolve(false),
  placesOrders: true,
  ...over,
});

test('live trading is refused unless both switches are given, and names the missing one', async (t) => {
  const { store } = execEnv(t);
  await assert.rejects(
    openBroker(cfg({ broker: 'alpaca' }), store, { live: true }, io()),
    (e: unknown) => e instanceof ConfigError && /ATS_TRADING_MODE=live/.test(e.message),
  );
  await assert.rejects(
    openBroker(cfg({ broker: 'alpaca', tradingMode: 'live' }), store, {}, io()),
    (e: unknown) => e instanceof ConfigError && /--live was not given/.test(e.message),
  );
  // both switches, no terminal, no --yes
  await assert.rejects(
    openBroker(cfg({ broker: 'alpaca', tradingMode: 'live' }), store, { live: true }, io()),
    /--yes/,
  );
  // both switches, answered "no" on the terminal
  await assert.rejects(
    openBroker(cfg({ broker: 'alpaca', tradingMode: 'live' }), store, { live: true }, io({ interactive: true })),
    /not confirmed/,
  );
  // both switches and a yes
  let asked = '';
  const yes = io({
    interactive: true,
    confirm: (q) => {
      asked = q;
      return Promise.resolve(true);
    },
  });
  assert.equal(
    (await openBroker(cfg({ broker: 'alpaca', tradingMode: 'live' }), store, { live: true }, yes)).name,
    'alpaca',
  );
  assert.match(asked, /LIVE/);
  assert.equal(
    (await openBroker(cfg({ broker: 'alpaca', tradingMode: 'live' }), store, { live: true, yes: true }, io())).name,
    'alpaca',
  );
});

test('paper is the default; a live base URL without the switches, --live on paper and missing keys are refused', async (t) => {
  const { store } = execEnv(t);
  assert.equal((await openBroker(cfg(), store, {}, io())).name, 'paper');
  await assert.rejects(
    openBroker(cfg({ broker: 'alpaca', alpacaBaseUrl: 'https://api.alpaca.markets' }), store, {}, io()),
    ConfigError,
  );
  await assert.rejects(openBroker(cfg(), store, { live: true }, io()), UsageError);
  await assert.rejects(openBroker(cfg({ broker: 'alpaca', alpacaKeyId: null }), store, {}, io()), /APCA_API_KEY_ID/);
});
