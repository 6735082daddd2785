import type { ExecutionDeps } from '../execution/place-order.js';
import { saveAccountMark } from '../store/account-marks.js';
import { insertSnapshot } from '../store/snapshots.js';
import { nyDate } from '../time.js';
import { loadPortfolio } from './service.js';
import type { PortfolioValuation } from './valuation.js';

// The portfolio adds its own event to execution's map (portfolio sits above execution, which never sees it).
declare module '../execution/events.js' {
  interface ExecutionEventMap {
    /** New snapshot rows were recorded (reports/portfolio.csv subscribes). */
    snapshotTaken: [snapshot: { session: string; broker: string; valuation: PortfolioValuation }];
  }
}

export interface SnapshotResult {
  session: string;
  added: number;
}

/**
 * Record every position once per session (a second call the same session adds nothing; the account mark is
 * refreshed); new rows are announced (snapshotTaken).
 */
export async function takeSnapshot(deps: ExecutionDeps): Promise<SnapshotResult> {
  const session = nyDate(deps.now());
  const v = await loadPortfolio(deps);
  const added = insertSnapshot(deps.store, deps.broker.name, session, v.rows, v.realized, deps.now());
  // The account's equity and cash at this look: one point of the performance record's equity curve.
  const account = await deps.broker.getAccount();
  saveAccountMark(deps.store, deps.broker.name, { session, equity: account.equity, cash: account.cash }, deps.now());
  if (added > 0) deps.events.emit('snapshotTaken', { session, broker: deps.broker.name, valuation: v });
  return { session, added };
}
