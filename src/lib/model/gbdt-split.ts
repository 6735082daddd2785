/**
 * Best split of one node from its histogram of packed quantized gradients (gbdt-quantize.ts).
 * Gain is XGBoost's: ½·[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]. For every cut both NaN directions
 * are tried and the better one becomes the node's default direction (XGBoost's sparsity-aware split).
 * Sums come from quantized gradients, so gain and the minChildWeight test are (unbiased) estimates;
 * leaf values are refit from exact gradients (gbdt-grow.ts).
 */
import { NAN_BIN } from './gbdt-binning.js';
import { HIST_WIDTH } from './gbdt-shared.js';

export interface SplitContext {
  hist: Float64Array;
  cols: number;
  /** Value bins per feature (edges + 1). */
  valueBins: Int32Array;
  /** Features allowed in this tree. */
  features: Int32Array;
  gradScale: number;
  hessScale: number;
  shift: number;
  l2: number;
  minChildWeight: number;
  minLeaf: number;
}

export interface Split {
  feature: number;
  /** Rows with bin <= bin go left. */
  bin: number;
  nanLeft: boolean;
  gain: number;
}

/** Packed total of a node: the sum over one feature's bins (every row lands in exactly one). */
export function histTotal(hist: Float64Array, base: number): number {
  let s = 0;
  for (let b = 0; b < HIST_WIDTH; b++) s += hist[base + b]!;
  return s;
}

export function findBestSplit(ctx: SplitContext, base: number, total: number, rows: number): Split | null {
  const { hist, shift, gradScale: gs, hessScale: hs, l2, minChildWeight: mcw, minLeaf } = ctx;
  const gq = Math.floor(total / shift);
  const G = gq * gs;
  const H = (total - gq * shift) * hs;
  const parent = (G * G) / (H + l2);
  let best: Split | null = null;
  let bestGain = 1e-12;
  const score = (left: number): number => {
    const lq = Math.floor(left / shift);
    const GL = lq * gs;
    const HL = (left - lq * shift) * hs;
    const HR = H - HL;
    if (HL < mcw || HR < mcw || HL + l2 <= 0 || HR + l2 <= 0) return -1;
    if (minLeaf > 1) {
      // Row counts are not in the histogram; estimate them from the hessian share as LightGBM does.
      // The exact counts are checked after partitioning (gbdt-grow.ts).
      const nL = H > 0 ? (rows * HL) / H : 0;
      if (nL < minLeaf || rows - nL < minLeaf) return -1;
    }
    const GR = G - GL;
    return 0.5 * ((GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - parent);
  };
  for (const f of ctx.features) {
    const fb = base + f * HIST_WIDTH;
    const nb = ctx.valueBins[f]!;
    const missing = hist[fb + NAN_BIN]!;
    let cum = 0;
    for (let b = 0; b < nb - 1; b++) {
      cum += hist[fb + b]!;
      const right = score(cum);
      if (right > bestGain) {
        bestGain = right;
        best = { feature: f, bin: b, nanLeft: false, gain: right };
      }
      if (missing !== 0) {
        const left = score(cum + missing);
        if (left > bestGain) {
          bestGain = left;
          best = { feature: f, bin: b, nanLeft: true, gain: left };
        }
      }
    }
  }
  return best;
}
