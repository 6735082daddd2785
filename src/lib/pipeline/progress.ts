import type { StepRecord } from '../store/run-log.js';

const ICON: Record<StepRecord['status'] | 'running' | 'pending', string> = {
  ok: '✓',
  skipped: '–',
  failed: '✗',
  stopped: '·',
  resumed: '↺',
  running: '▶',
  pending: ' ',
};

/**
 * Step progress: on a terminal, a live list redrawn in place; otherwise one plain line per finished step
 * (what cron logs want).
 */
export function createStepProgress(
  names: readonly string[],
  stream: NodeJS.WriteStream,
  quiet: boolean,
): (records: readonly StepRecord[], running: string | null) => void {
  if (quiet) return () => {};
  if (!stream.isTTY) {
    let printed = 0;
    return (records, running) => {
      for (; printed < records.length; printed++) {
        const r = records[printed]!;
        stream.write(`${ICON[r.status]} ${r.name} ${r.status} ${(r.ms / 1000).toFixed(2)}s ${r.summary}\n`);
      }
      if (running) stream.write(`▶ ${running} …\n`);
    };
  }
  let drawn = 0;
  return (records, running) => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A`);
    const lines = names.map((name) => {
      const r = records.find((x) => x.name === name);
      if (r) return `${ICON[r.status]} ${name.padEnd(10)} ${(r.ms / 1000).toFixed(2).padStart(6)}s  ${r.summary}`;
      return `${name === running ? ICON.running : ICON.pending} ${name.padEnd(10)} ${name === running ? '   …' : ''}`;
    });
    for (const l of lines) stream.write(`\x1b[2K${l.slice(0, (stream.columns ?? 120) - 1)}\n`);
    drawn = lines.length;
  };
}
