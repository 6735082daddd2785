import { UsageError } from '../lib/errors.js';

/** Parse a positive integer flag value; commander passes strings. */
export function positiveInt(name: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v <= 0) throw new UsageError(`${name} must be a positive whole number, got "${raw}"`);
    return v;
  };
}

export function positiveNumber(name: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isFinite(v) || v <= 0) throw new UsageError(`${name} must be a positive number, got "${raw}"`);
    return v;
  };
}
