import { DataError } from '../errors.js';

/** Where the README explains how to copy the store safely while ats runs. */
const RESTORE_HINT = 'restore it from a backup (README: "Backing up the store")';

/**
 * better-sqlite3 throws SqliteError with SQLite's extended result code name in `code`
 * (https://www.sqlite.org/rescode.html): SQLITE_CORRUPT_INDEX, SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…
 * A worker thread forwards the same `code` with the message.
 */
function sqliteCode(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * The store's failures that are about the data or the disk, not a bug: a DataError (exit 4) with one line
 * that says what to do. Anything else (a constraint violation is a bug) returns undefined.
 */
export function classifyStoreError(
  err: unknown,
  file?: string,
  { pointToVerify = true }: { pointToVerify?: boolean } = {},
): DataError | undefined {
  const code = sqliteCode(err);
  if (code === undefined) return undefined;
  const db = file === undefined ? 'the database' : `database ${file}`;
  const detail = `${(err as Error).message} [${code}]`;
  const options = { cause: err };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    const what = code === 'SQLITE_NOTADB' ? 'is corrupt or not an ats database' : 'is corrupt';
    const verify = pointToVerify ? '; `ats verify` runs the full check' : '';
    return new DataError(`${db} ${what} (${detail}): ${RESTORE_HINT}${verify}`, options);
  }
  if (code === 'SQLITE_FULL') {
    return new DataError(
      `${db}: the disk is full (${detail}): free space and run again; what was committed before is kept`,
      options,
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new DataError(
      `${db}: the disk failed a read or write (${detail}): check the disk and its free space, then run again`,
      options,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new DataError(`${db} is read-only (${detail}): check the file's permissions or pass another --db`, options);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new DataError(`cannot open ${db} (${detail}): check the path and its permissions`, options);
  }
  return undefined;
}

/** A failed `PRAGMA integrity_check`, as one line. */
export function integrityError(file: string, problems: readonly string[]): DataError {
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
  return new DataError(`database ${file} failed SQLite's integrity check: ${problems[0]}${more}: ${RESTORE_HINT}`);
}
