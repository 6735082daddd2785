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
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw classifyStoreError(err, file) ?? new DataError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, file, options.readonly ?? false);
  } catch (err) {
    db.close();
    if (err instanceof DataError) throw err;
    throw classifyStoreError(err, file) ?? new DataError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  return { db, path: file, close: () => db.close() };
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
