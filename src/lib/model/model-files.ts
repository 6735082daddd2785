/** Model ids and files under the models folder. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, DataError, UsageError } from '../errors.js';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** `m-YYYYMMDD-HHMMSS-<first 6 hex of sha256(content)>`, the time in UTC. */
export function modelId(createdAt: number, content: Uint8Array): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `m-${stamp}-${createHash('sha256').update(content).digest('hex').slice(0, 6)}`;
}

/** A user-chosen id becomes a file name: letters, digits, '.', '_' and '-' only. */
export function checkModelId(id: string): string {
  if (!ID_RE.test(id) || id.includes('..')) {
    throw new UsageError(`invalid model id "${id}": use letters, digits, '.', '_' or '-' (at most 80 characters)`);
  }
  return id;
}

/**
 * Writes `<modelsDir>/<id>.onnx` atomically (temp file in the same folder, then rename), so a
 * reader never sees half a model. Returns the absolute path.
 */
export function writeModelFile(modelsDir: string, id: string, bytes: Uint8Array): string {
  const path = resolve(modelsDir, `${checkModelId(id)}.onnx`);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ConfigError(`cannot write model ${path}: ${(err as Error).message}`, { cause: err });
  }
  return path;
}

/** The file of a registered model: its recorded path, else `<modelsDir>/<id>.onnx` (a moved project). */
export function modelFilePath(record: { id: string; path: string }, modelsDir: string): string {
  if (isAbsolute(record.path) && existsSync(record.path)) return record.path;
  const fallback = join(modelsDir, `${record.id}.onnx`);
  if (existsSync(fallback)) return fallback;
  throw new DataError(`model ${record.id}: file ${record.path} is missing`);
}
