import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory removed after the test (pass `t` from node:test). */
export function tempDir(t: { after: (fn: () => void) => void }, prefix = 'ats-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Tests run from the repository root (make test); fixtures are addressed from there. */
export function fixturePath(...parts: string[]): string {
  return join(process.cwd(), 'test', 'fixtures', ...parts);
}
