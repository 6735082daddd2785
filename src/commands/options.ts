import { UsageError } from '../lib/errors.js';
import { parseDecimal, parseFraction, parseProbability, parseWholeNumber, type Bounds } from '../lib/parse-number.js';

/**
 * Commander parsers over src/lib/parse-number.ts: a flag's value is checked while the command line is parsed,
 * before the action opens a source, the store or trains anything. (Commander does not parse defaults: give
 * them already parsed.)
 */
export function positiveInt(name: string) {
  return (raw: string): number => parseWholeNumber(raw, name, 1);
}

export function wholeNumber(name: string, min: number) {
  return (raw: string): number => parseWholeNumber(raw, name, min);
}

export function positiveNumber(name: string) {
  return (raw: string): number => parseDecimal(raw, name, { min: 0, minExclusive: true });
}

export function decimal(name: string, bounds: Bounds = {}) {
  return (raw: string): number => parseDecimal(raw, name, bounds);
}

/** Percentage-like: `5%` or `0.05`. */
export function fraction(name: string, bounds: Bounds = {}) {
  return (raw: string): number => parseFraction(raw, name, bounds);
}

export function probability(name: string, min = 0, max = 1) {
  return (raw: string): number => parseProbability(raw, name, min, max);
}

/** The evaluator's exit rules, shared by `evaluator` and `daily`. */
export const EXIT_RULE_PARSERS = {
  stopLoss: fraction('--stop-loss', { min: 0, minExclusive: true, max: 1 }),
  takeProfit: fraction('--take-profit', { min: 0, minExclusive: true }),
  trailing: fraction('--trailing', { min: 0, minExclusive: true, max: 1 }),
};

export interface ExitRuleFlags {
  stopLoss?: number;
  takeProfit?: number;
  trailing?: number;
}

/** Parsed exit-rule flags as the evaluator's thresholds; at least one rule must be on. */
export function exitThresholds(flags: ExitRuleFlags): {
  stopLoss: number | null;
  takeProfit: number | null;
  trailing: number | null;
} {
  const t = {
    stopLoss: flags.stopLoss ?? null,
    takeProfit: flags.takeProfit ?? null,
    trailing: flags.trailing ?? null,
  };
  if (t.stopLoss === null && t.takeProfit === null && t.trailing === null)
    throw new UsageError('give at least one of --stop-loss, --take-profit, --trailing');
  return t;
}
