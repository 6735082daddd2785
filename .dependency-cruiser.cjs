/**
 * Dependency rules (make lint). The layers of docs/GUIDE.md, top to bottom; a folder may import its own layer's
 * folders only where listed, and any lower layer:
 *   commands → pipeline, server, tui, report, metrics, schedule → evaluator, portfolio → execution → broker, risk
 *   → backtest, model, options → features, quality, collect → market → store, http → lib root (config, errors…)
 * Type-only imports count too: a type belongs to the layer that owns the data.
 */
const LAYERS = [
  ['pipeline', 'server', 'report', 'metrics', 'schedule'],
  ['evaluator', 'portfolio'],
  ['execution'],
  ['broker', 'risk'],
  ['backtest', 'model', 'options'],
  ['features', 'quality', 'collect'],
  ['market'],
  ['store', 'http', 'files'],
];
const lib = (names) => `^src/lib/(${names.join('|')})/`;
const layerRules = LAYERS.map((layer, i) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import a higher layer`,
  severity: 'error',
  from: { path: lib(layer) },
  to: {
    path: [lib(LAYERS.slice(0, i).flat()), '^src/commands/', '^src/tui/', '^src/cli\\.ts$'].filter(
      (p) => p !== '^src/lib/()/',
    ),
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'two src/lib folders may not import each other',
      severity: 'error',
      from: { path: '^src/lib/([^/]+)/' },
      to: { path: '^src/lib/([^/]+)/', pathNot: '^src/lib/$1/', circular: true },
    },
    {
      name: 'commands-do-not-import-commands',
      comment:
        'a command imports only the shared wiring (context, run, options, wiring) and its own <command>-*.ts ' +
        'helpers, never another command',
      severity: 'error',
      from: { path: '^src/commands/([^./-]+)', pathNot: '^src/commands/register\\.ts$' },
      to: {
        path: '^src/commands/',
        pathNot: ['^src/commands/(context|run|options|wiring)\\.ts$', '^src/commands/$1[.-]'],
      },
    },
    {
      name: 'lib-root-is-the-bottom',
      comment: 'config, errors, types, time… import nothing from the folders above them',
      severity: 'error',
      from: { path: '^src/lib/[^/]+\\.ts$' },
      to: { path: ['^src/lib/[^/]+/', '^src/commands/', '^src/tui/'] },
    },
    ...layerRules,
    {
      name: 'tests-and-bench-stay-out-of-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
