import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Write a file so readers see the old content or the new, never half of it: a temp file in the same
 * folder (same file system) renamed over the target. Creates the folder. An unwritable place (a
 * configured reports folder or a --report path) is a ConfigError naming the path.
 */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written there
    }
    throw new ConfigError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}
