/**
 * The walk-forward backtest's trainer: fit the learner on the labeled rows of the sessions before a cutoff, purged
 * like the cross-validation (a row whose label looks `horizon` sessions ahead is dropped when that reaches the cutoff),
 * early-stopping on the purged tail of those rows as the final fit of `ats train` does.
 */
import { UsageError } from '../errors.js';
import { nyDate } from '../time.js';
import type { SessionDate } from '../types.js';
import type { Fitted } from './learner.js';
import { fitSplit, MIN_SESSIONS, type Labeled, type TrainConfig } from './train-model.js';

export interface WindowFit {
  fitted: Fitted;
  /** First and last session of the training rows (the last one's label is known before the cutoff). */
  trainFrom: SessionDate;
  trainTo: SessionDate;
  rows: number;
  sessions: number;
}

/** Labeled sessions whose label is known before `cutoff` (UTC ms of the window's first session). */
export function trainableSessions(data: Labeled, cutoff: number, horizon: number): number {
  let before = 0;
  while (before < data.index.sessions.length && data.index.sessions[before]! < cutoff) before++;
  return Math.max(0, before - horizon);
}

/** Fits on the rows of the labeled sessions before `cutoff`, minus the last `horizon` of them (the purge). */
export async function fitBefore(data: Labeled, cutoff: number, cfg: TrainConfig): Promise<WindowFit> {
  const sessions = trainableSessions(data, cutoff, cfg.horizon);
  if (sessions < MIN_SESSIONS) {
    throw new UsageError(
      `the walk-forward window starting ${nyDate(cutoff)} has ${sessions} training session(s) before it; ` +
        `it needs at least ${MIN_SESSIONS} (start the test range later with --from, or collect more history)`,
    );
  }
  const keep: number[] = [];
  data.index.ofRow.forEach((s, r) => s < sessions && keep.push(r));
  const train = Int32Array.from(keep);
  const fitted = await fitSplit(data, train, cfg);
  return {
    fitted,
    trainFrom: nyDate(data.index.sessions[0]!),
    trainTo: nyDate(data.index.sessions[sessions - 1]!),
    rows: train.length,
    sessions,
  };
}
