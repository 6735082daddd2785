/**
 * Successive halving (Jamieson & Talwalkar 2016; as scikit-learn's HalvingRandomSearchCV): every
 * configuration starts on a small budget, the best 1/η of each rung go on to the next with η times more.
 * The budget here is walk-forward folds: rung r scores a configuration on the first folds of the full
 * purged walk-forward split (the cheap ones: less training data), the last rung on all of them.
 */

/** Folds per rung, ascending, ending with `maxFolds`: each about 1/η of the next, at least 2. */
export function rungFolds(maxFolds: number, eta: number): number[] {
  const folds = [maxFolds];
  for (;;) {
    const next = Math.max(2, Math.floor(folds[0]! / eta));
    if (next >= folds[0]!) return folds;
    folds.unshift(next);
  }
}

/** How many configurations each rung evaluates: all at rung 0, then ceil(n / η) of the previous rung. */
export function rungSizes(trials: number, rungs: number, eta: number): number[] {
  const sizes = [trials];
  while (sizes.length < rungs) sizes.push(Math.ceil(sizes[sizes.length - 1]! / eta));
  return sizes;
}

export interface Scored {
  trial: number;
  auc: number;
  logLoss: number;
}

/** Best first: higher AUC, then lower log loss, then the lower trial number (a NaN score ranks last). */
export function rankTrials<T extends Scored>(scored: readonly T[]): T[] {
  const key = (v: number, sign: number) => (Number.isFinite(v) ? sign * v : Infinity);
  return [...scored].sort(
    (a, b) => key(a.auc, -1) - key(b.auc, -1) || key(a.logLoss, 1) - key(b.logLoss, 1) || a.trial - b.trial,
  );
}

/** The trials that go on to the next rung: the best `keep` of this one. */
export function survivors(scored: readonly Scored[], keep: number): number[] {
  return rankTrials(scored)
    .slice(0, keep)
    .map((s) => s.trial)
    .sort((a, b) => a - b);
}
