/**
 * The CSV ledgers in the reports folder, written from execution's events: reports/orders.csv (every order
 * placed, refused, rejected or canceled), reports/pnl.csv (every closing fill) and reports/portfolio.csv (each
 * snapshot's positions). Subscribed once where the execution wiring is built.
 */
import { appendPnl } from '../files/pnl-csv.js';
import type { ExecutionEvents } from '../execution/events.js';
import { appendPortfolioCsv } from '../portfolio/portfolio-csv.js';
import { appendOrdersCsv } from './orders-csv.js';

export function writeExecutionCsv(events: ExecutionEvents, reportsDir: string): ExecutionEvents {
  return events
    .on('orderRecorded', (order) => appendOrdersCsv(reportsDir, [order]))
    .on('positionClosed', (row) => appendPnl(reportsDir, [row]))
    .on('snapshotTaken', (s) => appendPortfolioCsv(reportsDir, s.session, s.broker, s.valuation));
}
