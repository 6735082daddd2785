import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MIGRATIONS } from '../../src/lib/store/migrations/index.js';
import { openStore } from '../../src/lib/store/open.js';
import { tempDir } from '../helpers/tmp.js';

const OPEN_MODULE = pathToFileURL(join(process.cwd(), 'dist', 'src', 'lib', 'store', 'open.js')).href;

/** Each child loads the store module, says "ready", and opens the file when told "go" on stdin. */
const CHILD = `
const { openStore } = await import(${JSON.stringify(OPEN_MODULE)});
process.stdout.write('ready\\n');
process.stdin.once('data', () => {
  try { openStore(process.argv[1]).close(); process.exit(0); }
  catch (err) { process.stderr.write(String(err && err.message) + '\\n'); process.exit(3); }
});`;

interface Child {
  proc: ChildProcess;
  ready: Promise<void>;
  done: Promise<{ code: number | null; stderr: string }>;
}

function startChild(file: string): Child {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', CHILD, file], { stdio: 'pipe' });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    proc.on('close', (code) => resolve({ code, stderr })),
  );
  return { proc, ready, done };
}

test('six processes opening one brand-new store at the same moment all succeed, five times over', async (t) => {
  const dir = tempDir(t);
  for (let round = 0; round < 5; round++) {
    const file = join(dir, `round-${round}.db`);
    const children = Array.from({ length: 6 }, () => startChild(file));
    t.after(() => children.forEach((c) => c.proc.kill('SIGKILL')));
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.proc.stdin!.write('go\n'); // release them together: the race of two first runs
    const results = await Promise.all(children.map((c) => c.done));
    for (const r of results) assert.equal(r.code, 0, `round ${round}: ${r.stderr}`);
    const store = openStore(file);
    assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    store.close();
  }
});
