import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchResult } from './types.js';

/** Median wall time of `node args…` over `runs` runs, in ms. */
export function medianWallMs(
  args: string[],
  runs = 15,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', env, cwd });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** `ats --help` beside `node -e 0` (the floor of any Node CLI). Target ≤ 2×. */
export function benchHelp(): BenchResult[] {
  const bin = join(process.cwd(), 'bin', 'ats.js');
  medianWallMs(['-e', '0'], 3);
  const base = medianWallMs(['-e', '0']);
  const ours = medianWallMs([bin, '--help']);
  return [
    {
      name: 'ats --help wall time (median of 15)',
      value: ours,
      unit: 'ms',
      baseline: base,
      ratio: ours / base,
      target: '≤ 2.0',
    },
  ];
}
