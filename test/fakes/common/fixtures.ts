import { readFileSync } from 'node:fs';
import { fixturePath } from '../../helpers/tmp.js';

const cache = new Map<string, unknown>();

/** A fresh parsed copy of test/fixtures/<folder>/<name> (callers may mutate it). */
export function loadFixture<T = Record<string, unknown>>(folder: string, name: string): T {
  const key = `${folder}/${name}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = JSON.parse(readFileSync(fixturePath(folder, name), 'utf8')) as unknown;
    cache.set(key, parsed);
  }
  return structuredClone(parsed) as T;
}
