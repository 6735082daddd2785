/** The progress line and the results table of `ats tune`. */
import { renderTable } from '../lib/report/table.js';
import type { TuneProgress, TuneResult } from '../lib/model/tune-job.js';
import type { ZooResult } from '../lib/model/zoo-job.js';
import type { CommandContext } from './context.js';

export type TuneCommandResult = TuneResult & { contest: ZooResult | null };

const f3 = (v: number | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '-');

function describe(p: TuneProgress): string {
  const best = p.best ? `best AUC ${f3(p.best.auc)} (trial ${p.best.trial})` : 'no result yet';
  return `rung ${p.rung + 1}/${p.rungs} (${p.folds} folds): ${p.done}/${p.total} trials, ${best}`;
}

/** On a terminal, one line rewritten in place; otherwise one line per finished rung (logs stay readable). */
export function progressPrinter(ctx: CommandContext, tty: boolean) {
  let open = false;
  return {
    update: (p: TuneProgress): void => {
      if (ctx.cfg.quiet) return;
      if (tty) {
        process.stderr.write(`\r\x1b[K${describe(p)}`);
        open = true;
      } else if (p.rungDone) ctx.log.info(describe(p));
    },
    end: (): void => {
      if (open) process.stderr.write('\n');
    },
  };
}

const paramText = (p: Record<string, unknown>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('x') : String(v)}`)
    .join(' ');

export function renderTune(r: TuneCommandResult): string {
  const last = r.rungs.length - 1;
  // Each configuration once, at the furthest rung it reached: the best first.
  const furthest = new Map<number, TuneResult['trials'][number]>();
  for (const t of r.trials) furthest.set(t.trial, t);
  const rows = [...furthest.values()].sort((a, b) => b.rung - a.rung || b.auc - a.auc || a.trial - b.trial);
  const table = renderTable(
    ['trial', 'rung', 'folds', 'AUC', '± std', 'log loss', 'Brier', 'params'],
    rows
      .slice(0, 15)
      .map((t) => [
        t.trial,
        t.rung + 1,
        t.folds,
        f3(t.auc),
        f3(t.aucStd),
        f3(t.logLoss),
        f3(t.brier),
        paramText(t.params),
      ]),
  );
  const lines = [
    `study ${r.study}: ${r.kind} on ${r.symbols.join(', ')}, seed ${r.seed}, ${r.workers} worker(s)`,
    `successive halving: ${r.rungs.map((g, i) => `rung ${i + 1} ${g.size} trial(s) on ${g.folds} folds`).join(', ')}`,
    r.resumed > 0
      ? `resumed: ${r.resumed} finished evaluation(s) reused from the store, ${r.scored} scored now`
      : `${r.scored} evaluation(s) scored`,
    '',
    table,
    ...(rows.length > 15 ? [`(${rows.length - 15} more in the CSV)`] : []),
    '',
    r.best
      ? `best: trial ${r.best.trial}, AUC ${f3(r.best.auc)} on all ${r.rungs[last]!.folds} folds: ${paramText(r.best.params)}`
      : 'unfinished (budget spent): run the same command again to continue',
    `results: ${r.csvPath}`,
  ];
  if (r.contest) {
    const d = r.contest.decision;
    lines.push('', `trained ${r.contest.candidates.map((c) => c.id).join(', ')}; promotion (${d.metric}):`);
    lines.push(...d.reasons.map((x) => `  ${x}`));
    lines.push(d.championAfter ? `champion: ${d.championAfter}` : 'no champion');
  }
  return lines.join('\n');
}
