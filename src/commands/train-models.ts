import type { Command } from 'commander';
import { renderTable } from '../lib/report/table.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { ModelRecord } from '../lib/store/models.js';
import type { ModelEvidence } from '../lib/model/model-gate.js';

/** `ats train list | show ID | activate ID | import FILE`: the model registry. */
export function registerTrainModels(train: Command): void {
  train
    .command('list')
    .description('registered models, oldest first: the champion (active), challengers and retired champions')
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const { listModels, modelRole } = await import('../lib/store/models.js');
        const models = listModels(await ctx.openStore()).map((m) => ({ ...m, role: modelRole(m) }));
        return { result: models, text: renderList(models) };
      });
    });
  train
    .command('show <id>')
    .description('one model: features, target, parameters, metrics, data range')
    .action(async (id: string, _opts, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const { getModel } = await import('../lib/store/models.js');
        const model = getModel(await ctx.openStore(), id);
        return { result: model, text: renderShow(model) };
      });
    });
  train
    .command('activate <id>')
    .description('make this model the one playbook and backtests use by default')
    .action(async (id: string, _opts, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const { activateModel } = await import('../lib/store/models.js');
        const model = activateModel(await ctx.openStore(), id);
        return { result: model, text: `model ${model.id} is now the active model` };
      });
    });
  train
    .command('import <file>')
    .description('register an ONNX model trained elsewhere: input float[N, features], output probability float[N, 1]')
    .requiredOption('--features <list>', 'its input columns in order, each a name of the default feature set')
    .option('--id <id>', 'model id (default m-YYYYMMDD-HHMMSS-<hash6>)')
    .option('--activate', 'also make it the active model')
    .action(async (file: string, _opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const model = await importCommand(ctx, file, opts as { features: string; id?: string; activate?: boolean });
        return {
          result: model,
          text:
            `imported ${file} as model ${model.id} (${model.features.length} features)` +
            `${model.active ? ', now the active model' : ''}\nsaved ${model.path}`,
        };
      });
    });
}

export async function importCommand(
  ctx: CommandContext,
  file: string,
  o: { features: string; id?: string; activate?: boolean },
): Promise<ModelRecord> {
  const path = await import('node:path');
  const { importModel } = await import('../lib/model/import-model.js');
  const features = o.features
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const store = await ctx.openStore();
  const { probe: _probe, ...model } = await importModel(store, {
    file: path.resolve(file),
    features,
    id: o.id,
    modelsDir: ctx.cfg.modelsDir,
    now: ctx.now(),
    activate: !!o.activate,
  });
  return model;
}

const f3 = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '-');

/** The out-of-sample evidence (`metrics.oos`, what promotion and the model gate judge); null when none is recorded. */
function oosOf(m: ModelRecord): ModelEvidence | null {
  const e = m.metrics['oos'] as Partial<ModelEvidence> | undefined;
  return e && typeof e === 'object' && 'sharpe' in e ? (e as ModelEvidence) : null;
}

function cvOf(m: ModelRecord): { cv: unknown; holdout: unknown } {
  const cv = (m.metrics['cv'] as { aucMean?: number } | undefined)?.aucMean;
  const holdout = (m.metrics['holdout'] as { auc?: number } | undefined)?.auc;
  return { cv, holdout };
}

export function renderList(models: ReadonlyArray<ModelRecord & { role: string }>): string {
  if (models.length === 0) return 'no models registered: run ats train --symbols …';
  return renderTable(
    [
      'role',
      'id',
      'created (UTC)',
      'kind',
      'features',
      'CV AUC',
      'holdout AUC',
      'OOS Sharpe',
      'B&H Sharpe',
      'data',
      'symbols',
    ],
    models.map((m) => {
      const { cv, holdout } = cvOf(m);
      const oos = oosOf(m);
      return [
        m.role + (m.fileRemovedAt !== null ? ' (file removed)' : ''),
        m.id,
        new Date(m.createdAt).toISOString().replace('T', ' ').slice(0, 19),
        m.kind,
        String(m.features.length),
        f3(cv),
        f3(holdout),
        f3(oos?.sharpe),
        f3(oos?.buyHoldSharpe),
        m.dataFrom ? `${m.dataFrom}..${m.dataTo}` : '-',
        m.symbols.join(' ') || '-',
      ];
    }),
  );
}

const pct = (v: number | undefined): string =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} %` : '-';

/** AUC, Brier and the walk-forward backtest against buy-and-hold, with its windows, or why there is none. */
function evidenceLines(m: ModelRecord): string[] {
  const cv = m.metrics['cv'] as { brier?: number; logLoss?: number; ece?: number } | undefined;
  const e = oosOf(m);
  const lines = [`Brier     ${f3(cv?.brier)}   log loss ${f3(cv?.logLoss)}   ECE ${f3(cv?.ece)}`];
  if (!e)
    return [...lines, 'evidence  none recorded (imported, or trained before it existed): the model gate stays closed'];
  return [
    ...lines,
    `evidence  out of sample ${e.from}..${e.to}, ${e.windows} walk-forward windows, AUC ${f3(e.cvAuc)}; long at ` +
      `p >= ${e.threshold}, on close, commission ${(e.commission * 100).toFixed(2)} % per side`,
    `          walk-forward: return ${pct(e.returnPct)}, Sharpe ${f3(e.sharpe)}, max DD ${pct(e.maxDrawdownPct)}, ` +
      `${e.trades} trades`,
    `          buy-and-hold: return ${pct(e.buyHoldReturnPct)}, Sharpe ${f3(e.buyHoldSharpe)} ` +
      `(${e.sharpe > e.buyHoldSharpe ? 'beaten' : 'not beaten'})`,
  ];
}

export function renderShow(m: ModelRecord): string {
  const { cv, holdout } = cvOf(m);
  const windows = (m.metrics['cv'] as { folds?: Array<Record<string, unknown>> } | undefined)?.folds ?? [];
  const table = renderTable(
    ['window', 'train', 'test', 'AUC'],
    windows.map((f) => [
      String(f['fold']),
      `${String(f['trainFrom'])}..${String(f['trainTo'])}`,
      `${String(f['testFrom'])}..${String(f['testTo'])}`,
      f3(f['auc']),
    ]),
  );
  return [
    `model ${m.id}${m.active ? ' (active)' : ''}`,
    `kind      ${m.kind}`,
    `created   ${new Date(m.createdAt).toISOString()}`,
    `file      ${m.path}`,
    `symbols   ${m.symbols.join(', ') || '-'}`,
    `data      ${m.dataFrom ?? '-'} .. ${m.dataTo ?? '-'}`,
    `target    ${JSON.stringify(m.target)}`,
    `params    ${JSON.stringify(m.params)}`,
    `CV AUC    ${f3(cv)}   holdout AUC ${f3(holdout)}`,
    ...evidenceLines(m),
    ...(windows.length ? [table.replace(/^/gm, '          ')] : []),
    `features  ${m.features.join(', ')}`,
  ].join('\n');
}
