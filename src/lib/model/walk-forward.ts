/**
 * Time-ordered splits of a feature matrix whose rows belong to sessions (several symbols share a
 * session). A row's label looks `gap` sessions ahead (the target horizon), so a training row within
 * `gap` sessions of the first test session would have seen the test period: such rows are purged
 * ("purged walk-forward", López de Prado, Advances in Financial Machine Learning, ch. 7).
 */
import { DataError, UsageError } from '../errors.js';

export interface SessionIndex {
  /** Sorted distinct session timestamps. */
  sessions: Float64Array;
  /** Index into `sessions` of each row. */
  ofRow: Int32Array;
}

export interface Split {
  /** Row indices, ascending. */
  train: Int32Array;
  test: Int32Array;
  /** Session index ranges [first, last] (inclusive). */
  trainSessions: [number, number];
  testSessions: [number, number];
}

export function indexSessions(ts: Float64Array): SessionIndex {
  const sessions = Float64Array.from(new Set(ts)).sort();
  const position = new Map<number, number>();
  sessions.forEach((s, i) => position.set(s, i));
  const ofRow = Int32Array.from(ts, (t) => position.get(t)!);
  return { sessions, ofRow };
}

/** Rows whose session is < trainEnd go to train, rows whose session is in [testStart, testEnd) to test. */
function splitAt(index: SessionIndex, trainEnd: number, testStart: number, testEnd: number): Split {
  const train: number[] = [];
  const test: number[] = [];
  index.ofRow.forEach((s, row) => {
    if (s < trainEnd) train.push(row);
    else if (s >= testStart && s < testEnd) test.push(row);
  });
  return {
    train: Int32Array.from(train),
    test: Int32Array.from(test),
    trainSessions: [0, trainEnd - 1],
    testSessions: [testStart, testEnd - 1],
  };
}

/**
 * Expanding-window walk-forward (as scikit-learn's TimeSeriesSplit with `gap`): the sessions are cut
 * into folds + 1 equal blocks (the first absorbs the remainder); fold k tests on block k + 1 and
 * trains on every earlier session except the last `gap` before the test block.
 */
export function walkForwardSplits(index: SessionIndex, folds: number, gap: number): Split[] {
  if (!Number.isInteger(folds) || folds < 2)
    throw new UsageError(`--folds must be an integer of at least 2, got ${folds}`);
  if (!Number.isInteger(gap) || gap < 0) throw new UsageError(`purge gap must be a non-negative integer, got ${gap}`);
  const n = index.sessions.length;
  const block = Math.floor(n / (folds + 1));
  if (block < 1 || n - folds * block - gap < 1) {
    throw new DataError(
      `${n} sessions are too few for ${folds} walk-forward folds with a ${gap}-session purge gap: use fewer --folds or more history`,
    );
  }
  const splits: Split[] = [];
  for (let k = 0; k < folds; k++) {
    const testStart = n - (folds - k) * block;
    splits.push(splitAt(index, testStart - gap, testStart, testStart + block));
  }
  return splits;
}

/**
 * The last `fraction` of the sessions (at least one) as a validation tail, the rest minus the purge
 * gap as training: used for early stopping and the reported holdout.
 */
export function holdoutSplit(index: SessionIndex, fraction: number, gap: number): Split {
  const n = index.sessions.length;
  const tail = Math.max(1, Math.round(n * fraction));
  const testStart = n - tail;
  if (testStart - gap < 1)
    throw new DataError(`${n} sessions are too few for a validation tail of ${tail} plus a ${gap}-session purge gap`);
  return splitAt(index, testStart - gap, testStart, n);
}

/** The session index restricted to a subset of rows (for an inner split of a fold's training rows). */
export function subIndex(index: SessionIndex, rows: Int32Array): SessionIndex {
  const ts = Float64Array.from(rows, (r) => index.sessions[index.ofRow[r]!]!);
  return indexSessions(ts);
}
