import type { DailyStep } from './steps.js';
import { verifyStep } from './steps/verify.js';
import { collectStep } from './steps/collect.js';
import { qualityStep } from './steps/quality.js';
import { universeStep } from './steps/universe.js';
import { trainStep } from './steps/train.js';
import { playbookStep } from './steps/playbook.js';
import { optionsStep } from './steps/options.js';
import { protectStep } from './steps/protect.js';
import { ordersStep } from './steps/orders.js';
import { evaluatorStep } from './steps/evaluator.js';
import { snapshotStep } from './steps/snapshot.js';
import { reportsStep } from './steps/reports.js';

/** The daily chain in order. Each step also exists as its own command. */
export function dailySteps(): DailyStep[] {
  return [
    verifyStep,
    collectStep,
    universeStep,
    qualityStep,
    trainStep,
    playbookStep,
    optionsStep,
    protectStep,
    ordersStep,
    evaluatorStep,
    snapshotStep,
    reportsStep,
  ];
}

export const DAILY_STEP_NAMES: readonly string[] = dailySteps().map((s) => s.name);
