import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config, type Flags } from '../lib/config.js';
import { scrubSecrets } from '../lib/secrets.js';
import { createLogger, type Logger } from '../lib/log.js';
import type { Store } from '../lib/store/open.js';

/** What every command gets: validated configuration, a logger on stderr, stdout, and the store on demand. */
export interface CommandContext {
  cfg: Config;
  log: Logger;
  out: (text: string) => void;
  /** The wall clock: when something happens ("created", "generated", lock and run-log times). */
  now: () => number;
  /**
   * The market's "now": which session is being processed, what a paper order fills at. The wall clock unless
   * pinned to a session by --asof or the sample (src/lib/market/clock.ts).
   */
  marketNow: () => number;
  /** Pin the market clock; null = real time. */
  fixClock: (ms: number | null) => void;
  scrub: (text: string) => string;
  openStore: () => Promise<Store>;
  close: () => void;
}

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function createContext(flags: Flags, env?: NodeJS.ProcessEnv, cwd = process.cwd()): CommandContext {
  const cfg = loadConfig({ flags, env, cwd, packageRoot });
  const scrub = (text: string): string => scrubSecrets(text);
  const log = createLogger({ verbose: cfg.verbose, quiet: cfg.quiet, scrub });
  let store: Store | null = null;
  let fixed: number | null = null;
  return {
    cfg,
    log,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    now: () => Date.now(),
    marketNow: () => fixed ?? Date.now(),
    fixClock: (ms) => {
      fixed = ms;
    },
    scrub,
    openStore: async () => {
      if (!store) {
        const { openStore } = await import('../lib/store/open.js');
        store = openStore(cfg.db);
      }
      return store;
    },
    close: () => {
      store?.close();
      store = null;
    },
  };
}
