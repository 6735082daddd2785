/** The market regime per session (table `regime`, migration 016). */
import type { Store } from './open.js';

export interface RegimeRow {
  session: string;
  index: number;
  sma200: number | null;
  trend: 'up' | 'down' | null;
  vol20: number | null;
  volPct: number | null;
  symbols: number;
}

const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/** Upserts the rows in one transaction (a re-run rewrites the same sessions). */
export function saveRegime(store: Store, rows: readonly RegimeRow[], createdAt: number): void {
  const upsert = store.db
    .prepare(`INSERT INTO regime (session, index_level, sma_200, trend, vol_20, vol_pct, symbols, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(session) DO UPDATE SET index_level = excluded.index_level, sma_200 = excluded.sma_200,
      trend = excluded.trend, vol_20 = excluded.vol_20, vol_pct = excluded.vol_pct, symbols = excluded.symbols,
      created_at = excluded.created_at`);
  store.db.transaction(() => {
    for (const r of rows)
      upsert.run(
        r.session,
        r.index,
        finiteOrNull(r.sma200),
        r.trend,
        finiteOrNull(r.vol20),
        finiteOrNull(r.volPct),
        r.symbols,
        createdAt,
      );
  })();
}

/** The stored regime of a session, or null. */
export function loadRegime(store: Store, session: string): RegimeRow | null {
  const r = store.db.prepare<[string], Record<string, unknown>>('SELECT * FROM regime WHERE session = ?').get(session);
  return r ? fromRow(r) : null;
}

/** The `limit` latest sessions at or before `asOf`, newest first. */
export function recentRegime(store: Store, asOf: string, limit: number): RegimeRow[] {
  return store.db
    .prepare<[string, number], Record<string, unknown>>(
      'SELECT * FROM regime WHERE session <= ? ORDER BY session DESC LIMIT ?',
    )
    .all(asOf, limit)
    .map(fromRow);
}

function fromRow(r: Record<string, unknown>): RegimeRow {
  return {
    session: r['session'] as string,
    index: r['index_level'] as number,
    sma200: r['sma_200'] as number | null,
    trend: r['trend'] as RegimeRow['trend'],
    vol20: r['vol_20'] as number | null,
    volPct: r['vol_pct'] as number | null,
    symbols: r['symbols'] as number,
  };
}
