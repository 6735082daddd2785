import type { ExecutionDeps } from '../execution/place-order.js';
import { insertSnapshot } from '../store/snapshots.js';
import { nyDate } from '../time.js';
import { appendPortfolioCsv } from './portfolio-csv.js';
import { loadPortfolio } from './service.js';

export interface SnapshotResult {
  session: string;
  added: number;
  csv: string | null;
}

/** Record every position once per session (a second call the same session adds nothing); new rows go to reports/portfolio.csv too. */
export async function takeSnapshot(deps: ExecutionDeps): Promise<SnapshotResult> {
  const session = nyDate(deps.now());
  const v = await loadPortfolio(deps);
  const added = insertSnapshot(deps.store, deps.broker.name, session, v.rows, v.realized, deps.now());
  const csv = added > 0 ? appendPortfolioCsv(deps.reportsDir, session, deps.broker.name, v) : null;
  return { session, added, csv };
}
