import type { Config } from '../config.js';
import type { ExecutionDeps } from '../execution/place-order.js';
import type { UniverseWeights } from './universe.js';
import type { Logger } from '../log.js';
import type { MarketSource } from '../market/source.js';
import type { Store } from '../store/open.js';
import type { SessionDate } from '../types.js';
import type { CollectReport } from '../collect/collect-symbols.js';
import type { QualityReport } from '../quality/check-store.js';

/** What every daily step gets. Steps read their inputs from the store, so a resumed run needs no memory of earlier steps. */
export interface DailyContext {
  store: Store;
  source: MarketSource;
  cfg: Config;
  log: Logger;
  /** Wall clock: run-log, lock and "created" times. */
  now: () => number;
  /** Market clock: the session being processed, paper fills (pinned on the sample and with --asof). */
  marketNow: () => number;
  scrub: (s: string) => string;
  asOf: SessionDate;
  symbols: string[];
  options: DailyOptions;
  /** Results of the steps run in this process, for the summary. */
  results: {
    collect?: CollectReport;
    quality?: QualityReport;
    [step: string]: unknown;
  };
  /** Orders placed in this run (client order ids), for the run log. */
  orders: unknown[];
  /** Store, broker and settings for the execution steps; the broker opens on first use. */
  execution: () => Promise<ExecutionDeps>;
}

export interface DailyOptions {
  days: number;
  skip: string[];
  force: boolean;
  outlierReturn: number;
  trade: boolean;
  retrain: boolean;
  retrainDays: number;
  top: number;
  threshold: number;
  rerun: boolean;
  /** --universe top:N: N, or null for the fixed --symbols list. */
  universeTop: number | null;
  universeWeights: UniverseWeights;
  /** --force-model: entries even when the model gate is closed (said everywhere). */
  forceModel: boolean;
  stopLoss: number | null;
  takeProfit: number | null;
  trailing: number | null;
}

export interface DailyStep {
  name: string;
  /** Cheap and deterministic steps whose result later steps need in memory run again on resume. */
  rerunOnResume?: boolean;
  /** Runs the step; returns a one-line summary. Throwing stops the chain. */
  run(ctx: DailyContext): string | Promise<string>;
}
