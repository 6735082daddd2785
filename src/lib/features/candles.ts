import { nanArray, requireSameLength } from './series-util.js';

/*
 * Candlestick patterns from one or two bars' shape, without TA-Lib's trailing-average "body size"
 * settings (TA-Lib CDL* compare against 10-bar averages; ours are self-contained per bar so the
 * thresholds below are the whole definition). Outputs are 1 / 0 / -1 (NaN where the pattern needs a
 * bar that does not exist). Terms: body = |close - open|, range = high - low, upper shadow =
 * high - max(open, close), lower shadow = min(open, close) - low.
 */

/** Body at most this share of the range makes a doji (open and close nearly equal). */
export const DOJI_BODY_SHARE = 0.1;
/** Hammer: lower shadow at least this many bodies long... */
export const HAMMER_SHADOW_TO_BODY = 2;
/** ...body at most this share of the range... */
export const HAMMER_BODY_SHARE = 1 / 3;
/** ...and the opposite shadow at most this share of the range. */
export const HAMMER_OTHER_SHADOW_SHARE = 0.1;

/** Doji: 1 when range > 0 and body <= 10% of the range, else 0. */
export function doji(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const len = requireSameLength('doji', open, high, low, close);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const range = high[i]! - low[i]!;
    out[i] = range > 0 && Math.abs(close[i]! - open[i]!) <= DOJI_BODY_SHARE * range ? 1 : 0;
  }
  return out;
}

/**
 * Engulfing: +1 bullish = previous bar black (close < open), today white (close > open) and today's
 * body covers the previous body (open_t <= close_{t-1} and close_t >= open_{t-1}, not both equal);
 * -1 bearish = the mirror image; else 0. Bar 0 is NaN. (Same body rule as TA-Lib CDLENGULFING.)
 */
export function engulfing(open: Float64Array, close: Float64Array): Float64Array {
  const len = requireSameLength('engulfing', open, close);
  const out = nanArray(len);
  for (let i = 1; i < len; i++) {
    const o = open[i]!;
    const c = close[i]!;
    const po = open[i - 1]!;
    const pc = close[i - 1]!;
    if (pc < po && c > o && o <= pc && c >= po && (o < pc || c > po)) out[i] = 1;
    else if (pc > po && c < o && o >= pc && c <= po && (o > pc || c < po)) out[i] = -1;
    else out[i] = 0;
  }
  return out;
}

/**
 * Hammer shape: +1 when range > 0, body <= 1/3 of the range, lower shadow >= 2 bodies and upper
 * shadow <= 10% of the range (small body at the top of a long lower wick); -1 for the mirror shape
 * (shooting star / inverted hammer: long upper wick, body at the bottom); else 0. Trend context
 * (hammer after a decline vs hanging man after a rise) is left to the model.
 */
export function hammer(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const len = requireSameLength('hammer', open, high, low, close);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const range = h - l;
    const top = Math.max(open[i]!, close[i]!);
    const bottom = Math.min(open[i]!, close[i]!);
    const body = top - bottom;
    if (!(range > 0) || body > HAMMER_BODY_SHARE * range) continue;
    const upper = h - top;
    const lower = bottom - l;
    if (lower >= HAMMER_SHADOW_TO_BODY * body && upper <= HAMMER_OTHER_SHADOW_SHARE * range) out[i] = 1;
    else if (upper >= HAMMER_SHADOW_TO_BODY * body && lower <= HAMMER_OTHER_SHADOW_SHARE * range) out[i] = -1;
  }
  return out;
}
