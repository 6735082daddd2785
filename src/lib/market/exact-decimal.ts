/**
 * Correctly rounded decimal → double for long mantissas, without building a string for Number().
 *
 * A price printed with all 17 significant digits (the shortest round-trip form of most doubles) has
 * a mantissa beyond 2^53, so Clinger's one-operation fast path does not apply. Here the quotient is
 * computed in double-double arithmetic (Dekker's exact product, Knuth's exact sum), then VERIFIED:
 * the candidate q is returned only when the exact residual M − q·10^s is clearly inside half an ulp
 * of q, i.e. q is provably the round-to-nearest result, the same double JSON.parse gives. Anything
 * undecided (near a halfway point, q a power of two, out of range) is declined and the caller uses
 * Number(text). References: T. J. Dekker, "A floating-point technique for extending the available
 * precision" (1971); W. D. Clinger, "How to read floating point numbers accurately" (PLDI 1990).
 */

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split into 26-bit halves)
/** 10^0 … 10^22: every one exactly representable as a double. */
export const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer); // on a little-endian machine words[1] holds sign, exponent, top of the fraction
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Margin against the (tiny, bounded) rounding error of the residual: far larger than that error. */
const MARGIN = 1 - 2 ** -30;

/** Veltkamp split of each power of ten into two 26-bit halves (hi + lo = 10^k exactly). */
const POW10_HI = POW10.map((x) => SPLITTER * x - (SPLITTER * x - x));
const POW10_LO = POW10.map((x, k) => x - POW10_HI[k]!);
/** 1/10^k (rounded): a multiplication instead of a division for the candidate, which is verified anyway. */
const INV_POW10 = POW10.map((x) => 1 / x);

/**
 * The decimal (a·10^k + b) / 10^scale, where `a` holds the first 15 significant digits (so a ≥ 10^14)
 * and `b` the next k. In and out through `slot[at]`: it holds `a` on entry and the value on return when
 * that is provably the correctly rounded double (true); on false it holds NaN. (A double passed to or
 * returned from a call V8 does not inline is boxed into a heap object; this runs per number.)
 *
 * Dekker's exact product x·y = p + e is written out inline three times (a·10^k, q0·10^s, q·10^s).
 */
export function decimalToDouble(slot: Float64Array, at: number, k: number, b: number, scale: number): boolean {
  const a = slot[at]!;
  slot[at] = NaN;
  if (!LITTLE_ENDIAN || scale < 0 || scale > 22 || k < 0 || k > 22) return false;
  const p = POW10[scale]!;
  const inv = INV_POW10[scale]!;
  const pHi = POW10_HI[scale]!;
  const pLo = POW10_LO[scale]!;
  const f = POW10[k]!;
  const fHi = POW10_HI[k]!;
  const fLo = POW10_LO[k]!;
  // M = a·10^k + b as mh + ml (exact up to the last addition's rounding, ~2^-105·M).
  let c = SPLITTER * a;
  const aHi = c - (c - a);
  const aLo = a - aHi;
  const u = a * f;
  const v = aHi * fHi - u + aHi * fLo + aLo * fHi + aLo * fLo;
  const mh = u + b;
  const ml = v + (b - (mh - u)); // b − (mh − u) is exact (Fast2Sum: |u| ≥ |b|)
  // Candidate: about mh / p, with one correction by the residual.
  const q0 = mh * inv;
  c = SPLITTER * q0;
  let qHi = c - (c - q0);
  let qLo = q0 - qHi;
  const ph0 = q0 * p;
  const pl0 = qHi * pHi - ph0 + qHi * pLo + qLo * pHi + qLo * pLo;
  const q = q0 + (mh - ph0 + (ml - pl0)) * inv;
  // Verify: |M − q·p| < ulp(q)/2 · p. mh − ph is exact (Sterbenz: the two are within a factor of 2).
  c = SPLITTER * q;
  qHi = c - (c - q);
  qLo = q - qHi;
  const ph = q * p;
  const pl = qHi * pHi - ph + qHi * pLo + qLo * pHi + qLo * pLo;
  const residual = mh - ph + (ml - pl);
  bits[0] = q;
  const hi = words[1]!;
  const exponent = (hi >>> 20) & 0x7ff;
  if (exponent <= 53 || exponent === 0x7ff || ((hi & 0xfffff) === 0 && words[0] === 0)) return false;
  words[1] = (exponent - 53) << 20; // half an ulp of q: 2^(exponent − 1023 − 53)
  words[0] = 0;
  if (!(Math.abs(residual) < bits[0] * p * MARGIN)) return false;
  slot[at] = q;
  return true;
}
