import type { Command } from 'commander';
import { registerCollect } from './collect.js';
import { registerBackfill } from './backfill.js';
import { registerQuality } from './quality.js';
import { registerVerify } from './verify.js';
import { registerDaily } from './daily.js';
import { registerBacktest } from './backtest.js';
import { registerTrain } from './train.js';
import { registerTune } from './tune.js';
import { registerPlaybook } from './playbook.js';
import { registerBroker } from './broker.js';
import { registerPortfolio } from './portfolio.js';
import { registerEvaluator } from './evaluator.js';
import { registerOptions } from './options-cmd.js';
import { registerMetrics } from './metrics.js';
import { registerServe } from './serve.js';
import { registerSchedule } from './schedule.js';
import { registerRisk } from './risk.js';

/** Every subcommand. Command modules import only light code at the top; heavy work loads in the action. */
export function registerCommands(program: Command): void {
  registerDaily(program);
  registerCollect(program);
  registerBackfill(program);
  registerQuality(program);
  registerVerify(program);
  registerBacktest(program);
  registerTrain(program);
  registerTune(program);
  registerPlaybook(program);
  registerBroker(program);
  registerPortfolio(program);
  registerEvaluator(program);
  registerOptions(program);
  registerMetrics(program);
  registerServe(program);
  registerSchedule(program);
  registerRisk(program);
}
