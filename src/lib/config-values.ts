/**
 * Value parsers shared by the configuration and the command line. A setting arrives as a JSON value (config file) or
 * as text (environment, .env, flags); both go through the same zod schema. Numbers are decimal literals only:
 * `Number()` would take "0x10", "1e3", " 5 " and "" (as 0), which a trader never means.
 */
import { z } from 'zod';

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const WHOLE = /^\d+$/;

/** A decimal literal ("12", "0.5", "-3.25"), or null when the text is anything else. */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim();
  if (!DECIMAL.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

/** A decimal whole number without sign ("16"), or null ("0x10", "1e3", "16.0", "-1" are not). */
export function parseWhole(raw: string): number | null {
  const text = raw.trim();
  if (!WHOLE.test(text)) return null;
  const v = Number(text);
  return Number.isSafeInteger(v) ? v : null;
}

interface NumberRule {
  min?: number;
  /** `min` itself is not allowed. */
  above?: number;
  max?: number;
  whole?: boolean;
  /** A trailing `%` is allowed and ignored (for settings already in percent, such as ATS_MAX_SYMBOL_PCT). */
  percentSign?: boolean;
}

function describeRule(r: NumberRule): string {
  const kind = r.whole ? 'a whole number' : 'a number';
  const bounds = [
    r.above !== undefined ? `> ${r.above}` : r.min !== undefined ? `≥ ${r.min}` : '',
    r.max !== undefined ? `≤ ${r.max}` : '',
  ].filter(Boolean);
  return bounds.length > 0 ? `${kind} ${bounds.join(' and ')}` : kind;
}

/** A number from JSON or from decimal text, within bounds. */
export function numberSetting(rule: NumberRule = {}): z.ZodType<number> {
  const expected = describeRule(rule);
  return z.unknown().transform((raw, ctx) => {
    let v: number | null = null;
    if (typeof raw === 'number' && Number.isFinite(raw)) v = raw;
    else if (typeof raw === 'string') {
      const text = rule.percentSign ? raw.trim().replace(/%$/, '') : raw;
      v = rule.whole ? parseWhole(text) : parseDecimal(text);
    }
    const ok =
      v !== null &&
      (!rule.whole || Number.isInteger(v)) &&
      (rule.min === undefined || v >= rule.min) &&
      (rule.above === undefined || v > rule.above) &&
      (rule.max === undefined || v <= rule.max);
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `must be ${expected}` });
      return z.NEVER;
    }
    return v as number;
  });
}

/**
 * A fraction in (0, max]: `0.15`, or as a percentage `15%` (= 0.15). Text without `%` of 1 or more is refused as
 * ambiguous, as on the command line (parse-number.ts).
 */
export function fractionSetting(max = 1): z.ZodType<number> {
  return z.unknown().transform((raw, ctx) => {
    let v: number | null = null;
    if (typeof raw === 'number' && Number.isFinite(raw)) v = raw;
    else if (typeof raw === 'string') {
      const text = raw.trim();
      const n = parseDecimal(text.replace(/%$/, ''));
      if (n !== null) v = text.endsWith('%') ? n / 100 : n >= 1 && max <= 1 && n !== 1 ? null : n;
    }
    if (v === null || !(v > 0 && v <= max)) {
      ctx.addIssue({ code: 'custom', message: `must be a fraction > 0 and ≤ ${max} (e.g. 0.15 or 15%)` });
      return z.NEVER;
    }
    return v;
  });
}

/** One of a fixed list of words. */
export function choiceSetting<const T extends readonly [string, ...string[]]>(values: T): z.ZodType<T[number]> {
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw === 'string' && (values as readonly string[]).includes(raw)) return raw;
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
    return z.NEVER;
  });
}

/** On or off: 1/0, true/false, on/off (text), or a JSON boolean. */
export function switchSetting(): z.ZodType<boolean> {
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw === 'boolean') return raw;
    const t = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (['1', 'true', 'on'].includes(t)) return true;
    if (['0', 'false', 'off'].includes(t)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be 1 or 0 (true/false, on/off)' });
    return z.NEVER;
  });
}

/** A non-empty string (paths, keys). */
export function textSetting(): z.ZodType<string> {
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw === 'string' && raw.trim() !== '') return raw;
    ctx.addIssue({ code: 'custom', message: 'must be a non-empty string' });
    return z.NEVER;
  });
}

/** An absolute URL with one of the given schemes. */
export function urlSetting(schemes: readonly string[]): z.ZodType<string> {
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw === 'string' && URL.canParse(raw) && schemes.includes(new URL(raw).protocol.replace(/:$/, ''))) {
      return raw.replace(/\/+$/, '');
    }
    ctx.addIssue({ code: 'custom', message: `must be a ${schemes.join(' or ')} URL` });
    return z.NEVER;
  });
}

/** A session date, YYYY-MM-DD. */
export function dateSetting(): z.ZodType<string> {
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
      if (new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) === raw) return raw;
    }
    ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD' });
    return z.NEVER;
  });
}

const STRATEGY_ENTRY = /^([A-Za-z0-9_.-]+)\s*=\s*(\S+)$/;

/**
 * Dollars of risk per strategy: "call=100,condor=50" as text, or {"call": 100, "condor": 50} as JSON.
 * A Map first, then fromEntries: a strategy named "__proto__" must stay an ordinary key.
 */
export function strategyDollarsSetting(): z.ZodType<Record<string, number>> {
  return z.unknown().transform((raw, ctx) => {
    const entries: [string, unknown][] = [];
    if (typeof raw === 'string') {
      for (const part of raw.split(',').map((p) => p.trim())) {
        if (part === '') continue;
        const m = STRATEGY_ENTRY.exec(part);
        entries.push(m === null ? [part, undefined] : [m[1]!, m[2]!]);
      }
    } else if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      entries.push(...Object.entries(raw));
    } else entries.push([String(raw), undefined]);
    const out = new Map<string, number>();
    for (const [name, value] of entries) {
      const dollars = typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value) : null;
      const why =
        dollars === null || dollars < 0
          ? `bad entry "${name}"`
          : out.has(name)
            ? `strategy "${name}" is given twice`
            : null;
      if (why !== null) {
        ctx.addIssue({ code: 'custom', message: `${why} (expected strategy=dollars pairs, e.g. call=100,condor=50)` });
        return z.NEVER;
      }
      out.set(name, dollars!);
    }
    return Object.fromEntries(out);
  });
}
