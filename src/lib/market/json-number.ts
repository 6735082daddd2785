import { decimalToDouble, POW10 } from './exact-decimal.js';

/**
 * A JSON number literal read straight from UTF-8 bytes into a Float64Array slot, converting exactly as
 * JSON.parse does (the correctly rounded double):
 * - up to 15 significant digits with a decimal exponent within ±22: Clinger's fast path, one correctly
 *   rounded IEEE operation on exact operands;
 * - up to 19 significant digits: the verified double-double path of decimalToDouble;
 * - the rest, and anything that path cannot prove: Number() of the literal, the conversion JSON.parse uses.
 *
 * The value is written to `out[at]` rather than returned: a double returned from (or passed to) a call
 * V8 does not inline is boxed into a fresh heap object, and a collection reads ten million of them.
 */

const utf8 = new TextDecoder('utf-8');

/** Digit byte → its value, else -1 (also for undefined past the end). */
const digit = (c: number | undefined): number => (c !== undefined && c >= 48 && c <= 57 ? c - 48 : -1);

/**
 * Read the JSON number starting at `bytes[i]` into `out[at]`. Returns the index just after it, or -1
 * when the bytes there are not a JSON number (grammar of RFC 8259 §6: no leading zeros, no bare '.',
 * an exponent needs digits). A literal beyond the double range reads as ±Infinity, like JSON.parse.
 */
export function readNumber(bytes: Uint8Array, i: number, out: Float64Array, at: number): number {
  const start = i;
  const negative = bytes[i] === 45;
  if (negative) i++;
  let a = 0; // the first 15 significant digits
  let b = 0; // the next up to 4
  let k = 0; // how many digits b holds
  let significant = 0;
  let tooLong = false;
  let scale = 0; // value = (a·10^k + b) / 10^scale
  let d = digit(bytes[i]);
  if (d === 0) {
    d = digit(bytes[++i]);
    if (d >= 0) return -1; // no leading zeros in JSON
  } else if (d > 0) {
    do {
      if (significant < 15) a = a * 10 + d;
      else if (significant < 19) {
        b = b * 10 + d;
        k++;
      } else tooLong = true;
      significant++;
      d = digit(bytes[++i]);
    } while (d >= 0);
  } else return -1;
  if (bytes[i] === 46) {
    d = digit(bytes[++i]);
    if (d < 0) return -1;
    do {
      if (significant < 15) a = a * 10 + d;
      else if (significant < 19) {
        b = b * 10 + d;
        k++;
      } else tooLong = true;
      if (a !== 0) significant++; // leading zeros of a fraction are not significant
      scale++;
      d = digit(bytes[++i]);
    } while (d >= 0);
  }
  const e = bytes[i];
  if (e === 101 || e === 69) {
    const sign = bytes[++i];
    if (sign === 45 || sign === 43) i++;
    d = digit(bytes[i]);
    if (d < 0) return -1;
    let exponent = 0;
    do {
      if (exponent < 100_000) exponent = exponent * 10 + d;
      d = digit(bytes[++i]);
    } while (d >= 0);
    scale += sign === 45 ? exponent : -exponent;
  }
  if (!tooLong) {
    if (k === 0) {
      if (scale >= -22 && scale <= 22) {
        const v = scale >= 0 ? a / POW10[scale]! : a * POW10[-scale]!;
        out[at] = negative ? -v : v;
        return i;
      }
    } else {
      out[at] = a;
      if (decimalToDouble(out, at, k, b, scale)) {
        if (negative) out[at] = -out[at];
        return i;
      }
    }
  }
  out[at] = Number(utf8.decode(bytes.subarray(start, i)));
  return i;
}
