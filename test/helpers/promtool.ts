import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's prometheus package (installed by .ci/run): promtool and the server. */
export const PROMTOOL = '/usr/bin/promtool';
export const PROMETHEUS = '/usr/bin/prometheus';

/** Skip (locally) when the package is missing; in CI (ATS_REQUIRE_PROMETHEUS=1) a missing tool fails the test. */
export function prometheusSkip(): string | false {
  if (existsSync(PROMTOOL) && existsSync(PROMETHEUS)) return false;
  if (process.env.ATS_REQUIRE_PROMETHEUS === '1')
    throw new Error('promtool/prometheus missing (apt-get install prometheus)');
  return 'prometheus package not installed';
}

/** Run promtool; returns its exit code and output (stdin: `input`). */
export function promtool(args: string[], input?: string): { code: number | null; out: string } {
  const r = spawnSync(PROMTOOL, args, { input, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The samples of a text-format exposition: `name{labels}` → value. */
export function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}
