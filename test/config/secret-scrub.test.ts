/** A key set only in .env is masked by the one scrubber everywhere: stdout, stderr (stack included) and the store. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const LEAK = 'sk_LEAK_123';

function filesContaining(dir: string, needle: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => readFileSync(f).includes(needle));
}

test('a Polygon key from .env never reaches stdout, stderr or the store, even with -v and a failing server', async (t) => {
  // A server that echoes the request URL (with the apiKey query parameter) into its error body.
  const server = createServer((req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ERROR', error: `bad request ${req.url}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  for (const base of [`http://127.0.0.1:${port}`, 'http://127.0.0.1:9']) {
    const cwd = tempDir(t);
    writeFileSync(join(cwd, '.env'), `POLYGON_API_KEY=${LEAK}\n`);
    for (const args of [
      ['verify', '-v'],
      ['collect', '--symbols', 'AAPL', '--days', '5', '-v'],
      ['daily', '--symbols', 'AAPL'],
    ]) {
      const r = await runCli(args, {
        cwd,
        env: { POLYGON_BASE_URL: base, ATS_HTTP_ATTEMPTS: '1', ATS_HTTP_TIMEOUT_MS: '2000' },
      });
      assert.notEqual(r.code, 0, `${args.join(' ')} against ${base} should fail`);
      assert.ok(!r.stdout.includes(LEAK), `stdout of ${args.join(' ')}: ${r.stdout}`);
      assert.ok(!r.stderr.includes(LEAK), `stderr of ${args.join(' ')}: ${r.stderr}`);
    }
    assert.deepEqual(
      filesContaining(cwd, LEAK).filter((f) => !f.endsWith('.env')),
      [],
      'no file but .env holds the key',
    );
  }
});
