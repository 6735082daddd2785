import type { DailyStep } from './steps.js';
import { verifyStep } from './steps/verify.js';
import { collectStep } from './steps/collect.js';
import { qualityStep } from './steps/quality.js';

/** The daily chain in order. Each step also exists as its own command. */
export function dailySteps(): DailyStep[] {
  return [verifyStep, collectStep, qualityStep];
}

export const DAILY_STEP_NAMES: readonly string[] = dailySteps().map((s) => s.name);
