/** The model registry (table `models`, migration 003): at most one active model, enforced by a unique partial index. */
import { DataError } from '../errors.js';
import type { Store } from './open.js';

export interface ModelRecord {
  id: string;
  createdAt: number;
  /** gbdt | logistic | onnx (imported). */
  kind: string;
  path: string;
  features: string[];
  target: unknown;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  symbols: string[];
  dataFrom: string | null;
  dataTo: string | null;
  active: boolean;
  /** When a challenger replaced it as champion (null: never champion, or still champion). */
  retiredAt: number | null;
  /** When the clean-up removed its file (keepModels). */
  fileRemovedAt: number | null;
}

/** champion = the active model; retired = a former champion; challenger = every other. */
export type ModelRole = 'champion' | 'challenger' | 'retired';

export function modelRole(m: Pick<ModelRecord, 'active' | 'retiredAt'>): ModelRole {
  return m.active ? 'champion' : m.retiredAt !== null ? 'retired' : 'challenger';
}

interface ModelRow {
  id: string;
  created_at: number;
  kind: string;
  path: string;
  features: string;
  target: string;
  params: string;
  metrics: string;
  symbols: string;
  data_from: string | null;
  data_to: string | null;
  active: number;
  retired_at: number | null;
  file_removed_at: number | null;
}

function fromRow(r: ModelRow): ModelRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    path: r.path,
    features: JSON.parse(r.features) as string[],
    target: JSON.parse(r.target) as unknown,
    params: JSON.parse(r.params) as Record<string, unknown>,
    metrics: JSON.parse(r.metrics) as Record<string, unknown>,
    symbols: JSON.parse(r.symbols) as string[],
    dataFrom: r.data_from,
    dataTo: r.data_to,
    active: r.active === 1,
    retiredAt: r.retired_at,
    fileRemovedAt: r.file_removed_at,
  };
}

/** Registers a model; an id already taken is a DataError. */
export function insertModel(store: Store, m: Omit<ModelRecord, 'active' | 'retiredAt' | 'fileRemovedAt'>): void {
  if (findModel(store, m.id)) throw new DataError(`model ${m.id} is already registered`);
  // NaN/Infinity are not JSON: they are stored as null.
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));
  store.db
    .prepare(
      `INSERT INTO models (id, created_at, kind, path, features, target, params, metrics, symbols, data_from, data_to, active)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    )
    .run(
      m.id,
      m.createdAt,
      m.kind,
      m.path,
      json(m.features),
      json(m.target ?? null),
      json(m.params),
      json(m.metrics),
      json(m.symbols),
      m.dataFrom,
      m.dataTo,
    );
}

export function findModel(store: Store, id: string): ModelRecord | null {
  const row = store.db.prepare<[string], ModelRow>('SELECT * FROM models WHERE id = ?').get(id);
  return row ? fromRow(row) : null;
}

/** Oldest first (registration order within the same millisecond: the clock may be pinned to a session). */
export function listModels(store: Store): ModelRecord[] {
  return store.db.prepare<[], ModelRow>('SELECT * FROM models ORDER BY created_at, rowid').all().map(fromRow);
}

export function activeModel(store: Store): ModelRecord | null {
  const row = store.db.prepare<[], ModelRow>('SELECT * FROM models WHERE active = 1').get();
  return row ? fromRow(row) : null;
}

export function getModel(store: Store, id: string): ModelRecord {
  const m = findModel(store, id);
  if (!m) throw new DataError(`unknown model id "${id}": ats train list shows the registered models`);
  return m;
}

/** The model `id`, or the active one when no id is given; none active is a DataError telling the user to train. */
export function resolveModel(store: Store, id?: string): ModelRecord {
  if (id !== undefined) return getModel(store, id);
  const m = activeModel(store);
  if (!m) throw new DataError('no active model: run ats train --symbols … first (or ats train activate ID)');
  return m;
}

/** Makes `id` the only active model, in one transaction. */
export function activateModel(store: Store, id: string): ModelRecord {
  getModel(store, id);
  store.db.transaction(() => {
    store.db.prepare('UPDATE models SET active = 0 WHERE active = 1').run();
    store.db.prepare('UPDATE models SET active = 1 WHERE id = ?').run(id);
  })();
  return getModel(store, id);
}
