/** Champion/challenger decisions (table model_decisions, migration 010) and the registry changes they make. */
import type { Store } from './open.js';

export interface ModelDecision {
  id: number;
  createdAt: number;
  /** The metric compared, e.g. "sharpe". */
  metric: string;
  championBefore: string | null;
  /** The best challenger of the contest. */
  challenger: string | null;
  championAfter: string | null;
  promoted: boolean;
  reasons: string[];
  /** Per candidate: id, kind and the figures compared. */
  candidates: Array<Record<string, unknown>>;
}

interface DecisionRow {
  id: number;
  created_at: number;
  metric: string;
  champion_before: string | null;
  challenger: string | null;
  champion_after: string | null;
  promoted: number;
  reasons: string;
  candidates: string;
}

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));

/**
 * Records a decision and applies it in one transaction: when promoted, the challenger becomes the only
 * active model and the former champion is retired.
 */
export function recordDecision(store: Store, d: Omit<ModelDecision, 'id'>): ModelDecision {
  const id = store.db.transaction(() => {
    if (d.promoted && d.challenger) {
      if (d.championBefore)
        store.db.prepare('UPDATE models SET retired_at = ? WHERE id = ?').run(d.createdAt, d.championBefore);
      store.db.prepare('UPDATE models SET active = 0 WHERE active = 1').run();
      store.db.prepare('UPDATE models SET active = 1, retired_at = NULL WHERE id = ?').run(d.challenger);
    }
    return store.db
      .prepare(
        `INSERT INTO model_decisions
          (created_at, metric, champion_before, challenger, champion_after, promoted, reasons, candidates)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.createdAt,
        d.metric,
        d.championBefore,
        d.challenger,
        d.championAfter,
        d.promoted ? 1 : 0,
        json(d.reasons),
        json(d.candidates),
      ).lastInsertRowid;
  })();
  return { ...d, id: Number(id) };
}

/** Newest first. */
export function listDecisions(store: Store, limit = 20): ModelDecision[] {
  return store.db
    .prepare<[number], DecisionRow>('SELECT * FROM model_decisions ORDER BY id DESC LIMIT ?')
    .all(limit)
    .map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      metric: r.metric,
      championBefore: r.champion_before,
      challenger: r.challenger,
      championAfter: r.champion_after,
      promoted: r.promoted === 1,
      reasons: JSON.parse(r.reasons) as string[],
      candidates: JSON.parse(r.candidates) as Array<Record<string, unknown>>,
    }));
}

export function markFileRemoved(store: Store, id: string, at: number): void {
  store.db.prepare('UPDATE models SET file_removed_at = ? WHERE id = ?').run(at, id);
}
