import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/lib/store/open.js';
import { upsertQuoteSnapshot } from '../src/lib/store/reference.js';
import { fillPaperOrder, insertPaperOrder } from '../src/lib/store/paper.js';
import { saveOrder } from '../src/lib/store/orders.js';
import { insertFill } from '../src/lib/store/fills.js';
import { medianWallMs } from './cli-bench.js';
import type { BenchResult } from './types.js';

export const POSITIONS = 500;

/** AAA, AAB, …: 500 valid tickers. */
export function symbols(n: number): string[] {
  const out: string[] = [];
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let i = 0; out.length < n; i++)
    out.push(`Z${A[Math.floor(i / 676) % 26]}${A[Math.floor(i / 26) % 26]}${A[i % 26]}`);
  return out;
}

/** A paper store holding 500 filled positions with quotes (written directly: the risk limits would stop 500 entries). */
export function buildStore(dir: string): string {
  const path = join(dir, 'ats.db');
  const store = openStore(path);
  const now = Date.now();
  store.db.transaction(() => {
    symbols(POSITIONS).forEach((symbol, i) => {
      const price = 10 + (i % 300);
      const clientOrderId = `ats-bench${String(i).padStart(12, '0')}`;
      const req = {
        clientOrderId,
        symbol,
        side: 'buy' as const,
        qty: 10,
        type: 'market' as const,
        timeInForce: 'day' as const,
        limitPrice: null,
        stopPrice: null,
      };
      upsertQuoteSnapshot(
        store,
        {
          symbol,
          ts: now,
          bid: null,
          bidSize: null,
          ask: null,
          askSize: null,
          last: price * 1.01,
          lastSize: null,
          dayClose: null,
          prevClose: null,
        },
        now,
      );
      const id = `paper-bench-${i}`;
      insertPaperOrder(store, id, req, now);
      fillPaperOrder(store, id, { price, commission: 0, atMs: now, session: '2025-03-04' });
      saveOrder(store, {
        ...req,
        broker: 'paper',
        brokerOrderId: id,
        runId: 'bench',
        session: '2025-03-04',
        intent: 'entry',
        source: 'cli',
        status: 'filled',
        filledQty: 10,
        filledAvgPrice: price,
        reason: null,
        createdAt: now,
        updatedAt: now,
      });
      insertFill(store, {
        id: `${id}:10`,
        clientOrderId,
        broker: 'paper',
        symbol,
        side: 'buy',
        qty: 10,
        price,
        commission: 0,
        realizedPnl: 0,
        ts: now,
      });
    });
  })();
  store.close();
  return path;
}

/** Wall time of `ats portfolio show` on a store with 500 positions, beside `node -e 0`. */
export function benchPortfolioShow(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-portfolio-'));
  try {
    const db = buildStore(dir);
    const bin = join(process.cwd(), 'bin', 'ats.js');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, ATS_REPORTS_DIR: join(dir, 'reports') };
    medianWallMs(['-e', '0'], 3);
    const base = medianWallMs(['-e', '0'], 9);
    const ours = medianWallMs([bin, '--db', db, 'portfolio', 'show'], 9, env, dir);
    return [
      {
        name: `ats portfolio show, ${POSITIONS} positions (median of 9)`,
        value: ours,
        unit: 'ms',
        baseline: base,
        ratio: ours / base,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
