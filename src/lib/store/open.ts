import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataError, errorMessage } from '../errors.js';
import { MIGRATIONS } from './migrations/index.js';
import { classifyStoreError } from './store-errors.js';

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Open (creating if needed) the SQLite store: WAL mode, migrations applied in one transaction.
 * A file that is not a database, a newer schema, or a read-only location is a DataError naming the file.
 */
export function openStore(path: string, options: OpenOptions = {}): Store {
  const file = resolve(path);
  if (!options.readonly) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw new DataError(
        `cannot create the database folder ${dirname(file)}: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`,
      );
    }
    if (existsSync(file)) assertWritable(file);
  }
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return openOnce(file, options);
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw asStoreError(err, file);
      pause(Math.min(10 * attempt, 200));
    }
  }
}

const BUSY_TIMEOUT_MS = 10_000;

function openOnce(file: string, options: OpenOptions): Store {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, file, options.readonly ?? false);
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, path: file, close: () => db.close() };
}

/**
 * SQLite answers SQLITE_BUSY without calling the busy handler on some lock paths (a brand-new file being switched
 * to WAL by another process while this one reads its header), so several processes opening one new store at once
 * retry the whole open, within the same 10 s bound as the busy timeout.
 */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function asStoreError(err: unknown, file: string): Error {
  if (err instanceof DataError) return err;
  return classifyStoreError(err, file) ?? new DataError(`cannot open database ${file}: ${(err as Error).message}`);
}

function assertWritable(file: string): void {
  try {
    accessSync(file, constants.W_OK);
    accessSync(dirname(file), constants.W_OK);
  } catch {
    throw new DataError(`database ${file} is read-only: check the file's permissions or pass another --db`);
  }
}

function schemaVersion(db: Database.Database, file: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new DataError(
      `database ${file} has schema version ${version}, newer than this ats (${MIGRATIONS.length}): upgrade ats`,
    );
  }
  return version;
}

function migrate(db: Database.Database, file: string, readonly: boolean): void {
  if (schemaVersion(db, file) === MIGRATIONS.length) return;
  if (readonly) throw new DataError(`database ${file} needs migrations but was opened read-only`);
  // Two first runs on a new file both see version 0: the version is read again under the write lock
  // (BEGIN IMMEDIATE waits up to busy_timeout), so the second one finds the first one's work done.
  db.transaction(() => {
    for (let v = schemaVersion(db, file); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
