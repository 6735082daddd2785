import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// No container engine runs in CI and the project has no YAML parser: these are targeted checks of the text of
// Dockerfile, compose.yaml and .dockerignore (the image is not built here).
const read = (name: string): string => readFileSync(join(process.cwd(), name), 'utf8');

/** The lines of a top-level YAML key's block (up to the next unindented key), or of a 2-space-indented one. */
function block(text: string, key: string, indent = ''): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `${indent}${key}:` || l.startsWith(`${indent}${key}: &`));
  assert.ok(start >= 0, `${indent}${key}: not found`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !line.startsWith(`${indent}  `)) break;
    out.push(line);
  }
  return out.join('\n');
}

test('Dockerfile: two stages on Node 20 Debian slim, better-sqlite3 from source, non-root, volumes, health check', () => {
  const text = read('Dockerfile');
  const stages = text.split('\n').filter((l) => l.startsWith('FROM '));
  assert.deepEqual(stages, ['FROM node:20-bookworm-slim AS build', 'FROM node:20-bookworm-slim AS runtime']);
  const [build, runtime] = text.split('FROM node:20-bookworm-slim AS runtime') as [string, string];
  assert.match(build, /npm rebuild better-sqlite3 --build-from-source/);
  assert.match(build, /npx tsc -p tsconfig\.build\.json/);
  assert.match(build, /apt-get install .*python3 make g\+\+/);
  assert.doesNotMatch(runtime, /g\+\+|apt-get install/, 'no compilers in the runtime image');
  assert.match(runtime, /COPY --from=build \/app\/node_modules/);
  const user = runtime.indexOf('\nUSER node\n');
  assert.ok(user > 0 && user < runtime.indexOf('ENTRYPOINT'), 'runs as the non-root user node');
  assert.match(runtime, /^VOLUME \["\/app\/data", "\/app\/reports"\]$/m);
  assert.match(runtime, /^HEALTHCHECK .+\n\s+CMD \["node", "-e", ".*fetch\('http:\/\/127\.0\.0\.1:8080\/api\/health'/m);
  assert.match(runtime, /^ENTRYPOINT \["node", "bin\/ats\.js"\]$/m);
  // No secret is baked in: no key variables set and no .env copied.
  assert.doesNotMatch(text, /^(ENV|ARG)\b.*(API_KEY|SECRET|TOKEN|WEBHOOK)/m);
  assert.doesNotMatch(text, /COPY[^\n]*\.env/);
});

test('compose.yaml: serve and scheduler share the store volume, keys from env_file, dashboard on loopback', () => {
  const text = read('compose.yaml').replace(/'/g, '"'); // prettier writes single quotes
  const anchor = block(text, 'x-ats');
  assert.match(anchor, /^ {2}build: \.$/m);
  assert.match(anchor, /^ {2}env_file:\n {4}- path: \.env\n {6}required: false$/m);
  assert.match(anchor, /^ {4}- ats-data:\/app\/data$/m);
  assert.match(anchor, /^ {4}- ats-reports:\/app\/reports$/m);
  assert.doesNotMatch(text, /(API_KEY|SECRET|TOKEN|WEBHOOK)[A-Z_]*[:=] *\S/, 'no key value in compose.yaml');

  const services = block(text, 'services');
  const serve = block(services, 'serve', '  ');
  const scheduler = block(services, 'scheduler', '  ');
  for (const s of [serve, scheduler]) assert.match(s, /^ {4}<<: \*ats$/m);
  assert.match(serve, /command: \["serve", "--host", "0\.0\.0\.0", "--port", "8080"\]/);
  assert.match(serve, /- "127\.0\.0\.1:8080:8080"/);
  assert.match(scheduler, /command: \["schedule", "run", "--at", "16:30", "--args", "[^"]+"\]/);
  assert.match(scheduler, /healthcheck:\n\s+test: \["CMD", "node", "bin\/ats\.js", "schedule", "status", "--quiet"\]/);

  const volumes = block(text, 'volumes');
  assert.match(volumes, /^ {2}ats-data:$/m);
  assert.match(volumes, /^ {2}ats-reports:$/m);
});

test('.dockerignore keeps secrets, stores and build output out of the build context', () => {
  const lines = read('.dockerignore').split('\n');
  for (const entry of ['.env', 'node_modules', 'dist', 'data/*.db', 'data/*.db-*', 'reports', '.git']) {
    assert.ok(lines.includes(entry), `.dockerignore lacks ${entry}`);
  }
  assert.ok(!lines.some((l) => l === 'data' || l === 'data/sample'), 'the bundled sample must reach the image');
});
