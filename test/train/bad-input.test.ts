import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createContext, type CommandContext } from '../../src/commands/context.js';
import { trainCommand, type TrainOptions } from '../../src/commands/train.js';
import { importCommand } from '../../src/commands/train-models.js';
import { playbookCommand, type PlaybookCommandOptions } from '../../src/commands/playbook.js';
import { activateModel, getModel } from '../../src/lib/store/models.js';
import { ExitCode } from '../../src/lib/errors.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';
import { featureNames } from '../../src/lib/features/matrix.js';

function contextIn(t: { after: (fn: () => void) => void }, dir: string): CommandContext {
  const ctx = createContext({ db: join(dir, 'ats.db'), quiet: true }, {}, dir);
  ctx.now = () => FIXED_NOW;
  t.after(() => ctx.close());
  return ctx;
}

const base: TrainOptions = { symbols: 'AAPL', model: 'gbdt', activate: true, trees: 5, depth: 2 };
const play: PlaybookCommandOptions = { symbols: 'AAPL', top: 5, threshold: 0.55 };

/** Each case: what the user did, the exit code, and words the one-line message must contain. */
const CASES: Array<{
  name: string;
  days?: number;
  run: (ctx: CommandContext) => Promise<unknown>;
  code: number;
  message: RegExp;
}> = [
  {
    name: '--folds 1',
    run: (ctx) => trainCommand(ctx, { ...base, folds: 1 }),
    code: ExitCode.usage,
    message: /--folds must be an integer of at least 2/,
  },
  {
    name: '--horizon 0',
    run: (ctx) => trainCommand(ctx, { ...base, horizon: 0 }),
    code: ExitCode.usage,
    message: /horizon must be a positive integer/,
  },
  {
    name: '--model forest',
    run: (ctx) => trainCommand(ctx, { ...base, model: 'forest' }),
    code: ExitCode.usage,
    message: /--model must be gbdt, rf, mlp or logistic/,
  },
  {
    name: '--depth 20',
    run: (ctx) => trainCommand(ctx, { ...base, depth: 20 }),
    code: ExitCode.usage,
    message: /depth must be an integer in 1\.\.10/,
  },
  {
    name: '--from after --to',
    run: (ctx) => trainCommand(ctx, { ...base, from: '2023-06-01', to: '2023-01-01' }),
    code: ExitCode.usage,
    message: /is after --to/,
  },
  {
    name: 'no --symbols',
    run: (ctx) => trainCommand(ctx, { ...base, symbols: undefined }),
    code: ExitCode.usage,
    message: /no symbols given/,
  },
  {
    name: 'symbol not in the store',
    run: (ctx) => trainCommand(ctx, { ...base, symbols: 'AAPL,IBM' }),
    code: ExitCode.data,
    message: /no stored bars for IBM/,
  },
  {
    name: '300 sessions: 48 after warm-up and target',
    days: 300,
    run: (ctx) => trainCommand(ctx, base),
    code: ExitCode.data,
    message: /only 48 sessions .* at least 60 .*251 sessions of warm-up.*at least 311/,
  },
  {
    name: '200 sessions: no row after the warm-up',
    days: 200,
    run: (ctx) => trainCommand(ctx, base),
    code: ExitCode.data,
    message: /no rows with features and a known target: the features need 251 sessions of warm-up/,
  },
  {
    name: '--to leaves too little',
    run: (ctx) => trainCommand(ctx, { ...base, to: '2014-02-01' }),
    code: ExitCode.data,
    message: /only \d+ sessions/,
  },
  {
    name: 'playbook, no model',
    run: (ctx) => playbookCommand(ctx, play),
    code: ExitCode.data,
    message: /no active model: run ats train/,
  },
  {
    name: 'playbook --model unknown',
    run: (ctx) => playbookCommand(ctx, { ...play, model: 'm-x' }),
    code: ExitCode.data,
    message: /unknown model id "m-x"/,
  },
  {
    name: 'playbook --threshold 0.3',
    run: (ctx) => playbookCommand(ctx, { ...play, threshold: 0.3 }),
    code: ExitCode.usage,
    message: /--threshold must be within \[0\.5, 1\]/,
  },
  {
    name: 'import: missing file',
    run: (ctx) => importCommand(ctx, 'nope.onnx', { features: 'ret_1' }),
    code: ExitCode.usage,
    message: /model file .*nope\.onnx not found/,
  },
  {
    name: 'show unknown id',
    run: async (ctx) => getModel(await ctx.openStore(), 'm-x'),
    code: ExitCode.data,
    message: /unknown model id "m-x"/,
  },
  {
    name: 'activate unknown id',
    run: async (ctx) => activateModel(await ctx.openStore(), 'm-x'),
    code: ExitCode.data,
    message: /unknown model id "m-x"/,
  },
];

for (const c of CASES) {
  test(`bad input: ${c.name} → exit ${c.code}`, async (t) => {
    const dir = tempDir(t);
    await sampleStore(t, dir, ['AAPL'], { days: c.days ?? 4000 });
    const ctx = contextIn(t, dir);
    await assert.rejects(c.run(ctx), (e: unknown) => {
      const err = e as { exitCode?: number; message: string };
      assert.equal(err.exitCode, c.code, err.message);
      assert.match(err.message, c.message);
      assert.ok(!err.message.includes('\n'), 'one line');
      return true;
    });
  });
}

test('bad input: a registered model whose file disagrees with its feature list is refused, never padded', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, ['AAPL']);
  const ctx = contextIn(t, dir);
  const trained = await trainCommand(ctx, { ...base, folds: 2 });
  store.db.prepare('UPDATE models SET features = ? WHERE id = ?').run('["ret_1","ret_5"]', trained.id);
  await assert.rejects(playbookCommand(ctx, play), (e: unknown) => {
    assert.equal((e as { exitCode: number }).exitCode, ExitCode.data);
    assert.match((e as Error).message, new RegExp(`takes ${featureNames().length} features, expected 2`));
    return true;
  });
});
