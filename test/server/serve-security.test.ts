/**
 * `ats serve` safety over plain HTTP: actions need POST + the CSRF token + same origin and are off in read-only
 * mode; a non-loopback bind needs ATS_SERVE_TOKEN on every request; reports are served read-only with path
 * traversal refused; bad input is one line and exit 2. Actions stream their progress as server-sent events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { BIN, fillStore, startServe } from './serve-helper.js';

const TOKEN = 'a-serve-token-of-forty-characters-000000';

/** A raw GET: node's http client sends the path as given (no `..` folding, unlike fetch or a browser). */
function rawGet(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every `action` event of the stream, as it comes. */
function collectActions(url: string, t: { after: (fn: () => void) => void }): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  const ac = new AbortController();
  t.after(() => ac.abort());
  void fetch(`${url}/api/stream`, { signal: ac.signal })
    .then(async (res) => {
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^event: action\ndata: (.*)$/m.exec(frame);
          if (data) events.push(JSON.parse(data[1]!) as Record<string, unknown>);
        }
      }
    })
    .catch(() => {});
  return events;
}

test('actions: no CSRF token or another origin → 403; with both, verify and daily run as children and stream progress', async (t) => {
  const cwd = tempDir(t);
  fillStore(cwd);
  const serve = await startServe(cwd, []);
  t.after(() => serve.stop());
  const page = await (await fetch(`${serve.url}/`)).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1];
  assert.ok(csrf, 'the page carries the CSRF token');
  const origin = serve.url;
  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${serve.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
  assert.equal((await post('/api/actions/verify', { origin })).status, 403, 'no CSRF token');
  assert.equal(
    (await post('/api/actions/verify', { origin, 'x-csrf-token': 'x'.repeat(43) })).status,
    403,
    'wrong token',
  );
  assert.equal(
    (await post('/api/actions/verify', { origin: 'http://evil.example', 'x-csrf-token': csrf })).status,
    403,
    'other origin',
  );
  assert.equal((await post('/api/actions/verify', { 'x-csrf-token': csrf })).status, 403, 'no origin');
  assert.equal((await fetch(`${serve.url}/api/actions/verify`)).status, 404, 'GET is not an action');

  const events = collectActions(serve.url, t);
  await waitFor(async () => (await fetch(`${serve.url}/api`)).ok, { what: 'the stream to connect' });
  const verify = await post('/api/actions/verify', { origin, 'x-csrf-token': csrf });
  assert.equal(verify.status, 202);
  const done = await waitFor(() => events.find((e) => e.kind === 'verify' && e.done === true), {
    what: 'verify to finish',
    describe: () => JSON.stringify(events),
  });
  assert.equal(done.ok, true, JSON.stringify(events));
  assert.ok(
    events.some((e) => e.kind === 'verify' && /ok\s+store/.test(String(e.line))),
    JSON.stringify(events),
  );

  const runsBefore = ((await (await fetch(`${serve.url}/api/runs`)).json()) as { runs: unknown[] }).runs.length;
  assert.equal((await post('/api/actions/daily', { origin, 'x-csrf-token': csrf })).status, 202);
  assert.equal(
    (await post('/api/actions/verify', { origin, 'x-csrf-token': csrf })).status,
    409,
    'one action at a time',
  );
  const daily = await waitFor(() => events.find((e) => e.kind === 'daily' && e.done === true), {
    what: 'daily to finish',
    describe: () => JSON.stringify(events.slice(-5)),
  });
  assert.equal(daily.ok, true, JSON.stringify(events.slice(-10)));
  const runsAfter = ((await (await fetch(`${serve.url}/api/runs`)).json()) as { runs: unknown[] }).runs.length;
  assert.equal(runsAfter, runsBefore + 1, 'the daily run is in the run log');

  // Close a position (paper) from the dashboard.
  const held = ((await (await fetch(`${serve.url}/api/positions`)).json()) as { rows: Array<{ symbol: string }> })
    .rows[0];
  assert.ok(held);
  type Risk = { exposure: { bySymbol: Array<{ key: string }> } };
  const riskHolds = async (symbol: string): Promise<boolean> =>
    ((await (await fetch(`${serve.url}/api/risk`)).json()) as Risk).exposure.bySymbol.some((e) => e.key === symbol);
  assert.ok(await riskHolds(held.symbol), 'the risk report (kept until the next reload) lists the position');
  const close = await fetch(`${serve.url}/api/actions/close`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-csrf-token': csrf },
    body: JSON.stringify({ symbol: held.symbol }),
  });
  assert.equal(close.status, 200, await close.clone().text());
  const after = (await (await fetch(`${serve.url}/api/positions`)).json()) as { rows: Array<{ symbol: string }> };
  assert.ok(!after.rows.some((r) => r.symbol === held.symbol), 'the position is closed');
  assert.ok(!(await riskHolds(held.symbol)), 'the close reloaded the risk report');
});

test('schedule pause/resume: refused without CSRF or from another origin; with both it flips `schedule status`', async (t) => {
  const cwd = tempDir(t);
  const serve = await startServe(cwd, []);
  t.after(() => serve.stop());
  const page = await (await fetch(`${serve.url}/panel/schedule`)).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1];
  assert.ok(csrf);
  assert.match(page, /data-action="pause"/);
  const paused = async (): Promise<boolean> => {
    const r = await runCli(['schedule', 'status', '--json'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { paused: boolean }).paused;
  };
  const post = (kind: string, headers: Record<string, string>) =>
    fetch(`${serve.url}/api/actions/${kind}`, { method: 'POST', headers, body: '' });
  assert.equal((await post('pause', { origin: serve.url })).status, 403, 'no CSRF token');
  assert.equal((await post('pause', { origin: 'http://evil.example', 'x-csrf-token': csrf })).status, 403);
  assert.equal(await paused(), false, 'a refused pause changes nothing');
  const ok = await post('pause', { origin: serve.url, 'x-csrf-token': csrf });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { paused: true, message: 'schedule paused' });
  assert.equal(await paused(), true);
  assert.equal(((await (await fetch(`${serve.url}/api/schedule`)).json()) as { paused: boolean }).paused, true);
  assert.equal((await post('resume', { origin: serve.url, 'x-csrf-token': csrf })).status, 200);
  assert.equal(await paused(), false);
});

test('read-only: no buttons, no CSRF token in the page, every action 403', async (t) => {
  const cwd = tempDir(t);
  fillStore(cwd);
  const serve = await startServe(cwd, ['--read-only']);
  t.after(() => serve.stop());
  const page = await (await fetch(`${serve.url}/`)).text();
  assert.ok(!page.includes('data-action='), 'no action buttons');
  assert.ok(!page.includes('class="close"'), 'no close buttons');
  assert.match(page, /<meta name="csrf-token" content="">/);
  for (const a of ['daily', 'verify', 'close', 'pause', 'resume']) {
    const r = await fetch(`${serve.url}/api/actions/${a}`, {
      method: 'POST',
      headers: { origin: serve.url },
      body: '',
    });
    assert.equal(r.status, 403, a);
  }
});

test('reports are served read-only; traversal and symlinks out of the folder are refused; a foreign Host is refused', async (t) => {
  const cwd = tempDir(t);
  const reports = join(cwd, 'reports');
  mkdirSync(join(reports, 'sub'), { recursive: true });
  writeFileSync(join(reports, 'sub', 'r.html'), '<p>report</p>');
  writeFileSync(join(cwd, 'secret.txt'), 'not for the web');
  symlinkSync(join(cwd, 'secret.txt'), join(reports, 'link.txt'));
  const serve = await startServe(cwd, [], { ATS_REPORTS_DIR: reports });
  t.after(() => serve.stop());
  const ok = await rawGet(serve.url, '/reports/sub/r.html');
  assert.equal(ok.status, 200);
  assert.equal(ok.body, '<p>report</p>');
  assert.match(String(ok.headers['content-security-policy']), /sandbox/);
  for (const path of [
    '/reports/../secret.txt',
    '/reports/sub/../../secret.txt',
    '/reports/..%2fsecret.txt',
    '/reports/%2e%2e/secret.txt',
    '/reports/link.txt',
  ]) {
    const r = await rawGet(serve.url, path);
    assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status}`);
    assert.ok(!r.body.includes('not for the web'), path);
  }
  assert.equal((await rawGet(serve.url, '/reports/link.txt')).status, 403);
  assert.equal((await rawGet(serve.url, '/api/runs', { host: 'attacker.example:80' })).status, 403, 'DNS rebinding');
});

test('a non-loopback bind needs the token on every request (Bearer or the /login cookie)', async (t) => {
  const cwd = tempDir(t);
  const serve = await startServe(cwd, ['--host', '0.0.0.0'], { ATS_SERVE_TOKEN: TOKEN });
  t.after(() => serve.stop());
  const url = serve.url.replace('0.0.0.0', '127.0.0.1');
  assert.equal((await fetch(`${url}/api/positions`)).status, 401);
  assert.equal((await fetch(`${url}/`)).status, 401);
  assert.equal((await fetch(`${url}/api/positions`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status, 401);
  assert.equal((await fetch(`${url}/api/positions`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  // /metrics and /api/health too: the Dockerfile's health check and a Prometheus job send the bearer token.
  for (const path of ['/metrics', '/api/health']) {
    assert.equal((await fetch(`${url}${path}`)).status, 401, path);
    assert.equal((await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200, path);
  }
  const health = await fetch(`${url}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.deepEqual(await health.json(), { ok: true });
  // The token goes in a form body, never in a URL; the sign-in page itself is the only page open without it.
  const form = await fetch(`${url}/login`);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /<form method="post" action="\/login">/);
  const post = (token: string) =>
    fetch(`${url}/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
  assert.equal((await post('wrong')).status, 401);
  assert.equal((await fetch(`${url}/login?token=${TOKEN}`, { method: 'POST', redirect: 'manual' })).status, 401);
  const login = await post(TOKEN);
  assert.equal(login.status, 303);
  const cookie = login.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly; SameSite=Strict/);
  assert.equal((await fetch(`${url}/api/runs`, { headers: { cookie: cookie.split(';')[0]! } })).status, 200);
  const body = await (await fetch(`${url}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  assert.ok(!body.includes(TOKEN), 'the token is not in the page');
  assert.ok(!serve.stderr().includes(TOKEN), 'nor in the log');
});

test('bad input: host not an IP, no or short token off loopback, port in use — one line, exit 2', async (t) => {
  const cwd = tempDir(t);
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const busy = (blocker.address() as { port: number }).port;
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [['--host', 'localhost'], {}, /--host must be an IP address/],
    [['--host', '0.0.0.0'], {}, /needs ATS_SERVE_TOKEN/],
    [['--host', '0.0.0.0'], { ATS_SERVE_TOKEN: 'short-token' }, /at least 32 characters, got 11/],
    [['--port', String(busy)], {}, new RegExp(`port ${busy} on 127.0.0.1 is in use`)],
    [['--port', '70000'], {}, /--port/],
  ];
  for (const [args, env, message] of cases) {
    const r = spawnSync(process.execPath, [BIN, 'serve', ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
