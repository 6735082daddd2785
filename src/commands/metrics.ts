import type { Command } from 'commander';
import { runCommand } from './run.js';

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('print the Prometheus metrics read from the store (or write them atomically with --file)')
    .option('--file <path>', 'write them here (node_exporter textfile collector: a *.prom file in its folder)')
    .action(async (_opts, cmd: Command) => {
      await runCommand<{ file: string | null; bytes: number }>(cmd, async (ctx, opts) => {
        const { checkMetricsPath, metricsText } = await import('../lib/metrics/export.js');
        const file = typeof opts.file === 'string' ? opts.file : null;
        if (file !== null) checkMetricsPath(file);
        const store = await ctx.openStore();
        const text = await metricsText({ store, cfg: ctx.cfg, now: ctx.now() });
        if (file === null) return { result: { file, bytes: Buffer.byteLength(text) }, text: text.trimEnd() };
        const { writeFileAtomic } = await import('../lib/files/atomic-write.js');
        writeFileAtomic(file, text);
        return { result: { file, bytes: Buffer.byteLength(text) }, text: `metrics written to ${file}` };
      });
    });
}
