/** Daily playbooks (table `playbook`, migration 003): one ranked list per (session, model). */
import type { Store } from './open.js';

export interface PlaybookRow {
  symbol: string;
  rank: number;
  probability: number;
  momentum: number;
  rsi: number;
  atrPct: number;
  close: number;
  side: 'long' | 'short' | 'flat';
}

/** Replaces the whole playbook of (session, model) in one transaction: a re-run never duplicates rows. */
export function replacePlaybook(
  store: Store,
  session: string,
  modelId: string,
  rows: readonly PlaybookRow[],
  createdAt: number,
): void {
  const insert = store.db
    .prepare(`INSERT INTO playbook (session, model_id, symbol, rank, probability, momentum, rsi, atr_pct, close, side, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  store.db.transaction(() => {
    store.db.prepare('DELETE FROM playbook WHERE session = ? AND model_id = ?').run(session, modelId);
    for (const r of rows)
      insert.run(
        session,
        modelId,
        r.symbol,
        r.rank,
        r.probability,
        r.momentum,
        r.rsi,
        r.atrPct,
        r.close,
        r.side,
        createdAt,
      );
  })();
}

/** The stored playbook of a session (every model unless one is given), by model then rank. */
export function loadPlaybook(
  store: Store,
  session: string,
  modelId?: string,
): Array<PlaybookRow & { modelId: string }> {
  const rows = store.db
    .prepare<[string, string | null, string | null], Record<string, unknown>>(
      `SELECT * FROM playbook WHERE session = ? AND (? IS NULL OR model_id = ?) ORDER BY model_id, rank`,
    )
    .all(session, modelId ?? null, modelId ?? null);
  return rows.map((r) => ({
    modelId: r['model_id'] as string,
    symbol: r['symbol'] as string,
    rank: r['rank'] as number,
    probability: r['probability'] as number,
    momentum: r['momentum'] as number,
    rsi: r['rsi'] as number,
    atrPct: r['atr_pct'] as number,
    close: r['close'] as number,
    side: r['side'] as PlaybookRow['side'],
  }));
}

/** Every stored playbook row of a model for the sessions up to `upTo` (included), by session then rank. */
export function playbookHistory(
  store: Store,
  modelId: string,
  upTo: string,
): Array<{ session: string; symbol: string; probability: number }> {
  return store.db
    .prepare<[string, string], { session: string; symbol: string; probability: number }>(
      `SELECT session, symbol, probability FROM playbook WHERE model_id = ? AND session <= ? ORDER BY session, rank`,
    )
    .all(modelId, upTo);
}

/** The latest playbook stored on or before `upTo` (the most recently written model's when several): [] when none. */
export function latestPlaybook(store: Store, upTo: string): Array<PlaybookRow & { modelId: string; session: string }> {
  const head = store.db
    .prepare<[string], { session: string; model_id: string }>(
      `SELECT session, model_id FROM playbook WHERE session <= ? ORDER BY session DESC, created_at DESC LIMIT 1`,
    )
    .get(upTo);
  if (!head) return [];
  return loadPlaybook(store, head.session, head.model_id).map((r) => ({ ...r, session: head.session }));
}
