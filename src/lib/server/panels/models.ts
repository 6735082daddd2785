/**
 * The model registry: champion, challengers and retired models, their results, the champion's feature importance,
 * and recent promotion decisions.
 */
import { trainMetricsOf } from '../../model/train-metrics.js';
import { listDecisions } from '../../store/model-decisions.js';
import type { ModelDecision } from '../../store/model-decisions.js';
import { listModels, modelRole } from '../../store/models.js';
import type { ModelRole } from '../../store/models.js';
import { escapeHtml, table, when } from '../html.js';
import { panel } from '../panel.js';

export interface ModelSummary {
  id: string;
  kind: string;
  role: ModelRole;
  createdAt: number;
  cvAuc: number | null;
  holdoutAuc: number | null;
  symbols: string[];
  dataTo: string | null;
}

export interface ModelsData {
  models: ModelSummary[];
  importance: Array<{ feature: string; gain: number }>;
  decisions: ModelDecision[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fmt = (v: number | null): string => (v === null ? '—' : v.toFixed(3));

export const modelsPanel = panel<ModelsData>({
  id: 'models',
  title: 'Models',
  load: (ctx) => {
    const records = listModels(ctx.deps.store);
    const champion = records.find((m) => m.active);
    const importance = (champion && trainMetricsOf(champion)?.importance) ?? [];
    return {
      models: records.map((m) => {
        const metrics = trainMetricsOf(m);
        return {
          id: m.id,
          kind: m.kind,
          role: modelRole(m),
          createdAt: m.createdAt,
          cvAuc: num(metrics?.cv.aucMean),
          holdoutAuc: num(metrics?.holdout.auc),
          symbols: m.symbols,
          dataTo: m.dataTo,
        };
      }),
      importance: [...importance].sort((a, b) => b.gain - a.gain).slice(0, 15),
      decisions: listDecisions(ctx.deps.store, 10),
    };
  },
  render: (d) => {
    const maxGain = Math.max(1e-12, ...d.importance.map((i) => i.gain));
    return (
      table(
        ['model', 'kind', 'role', 'trained', 'CV AUC', 'holdout AUC', 'data to', 'symbols'],
        d.models.map((m) => [
          m.id,
          m.kind,
          { html: escapeHtml(m.role), cls: `role-${m.role}` },
          when(m.createdAt),
          fmt(m.cvAuc),
          fmt(m.holdoutAuc),
          m.dataTo,
          m.symbols.length,
        ]),
      ) +
      '<h3>Champion feature importance</h3>' +
      (d.importance.length === 0
        ? '<p class="empty">no champion with importance</p>'
        : d.importance
            .map(
              (i) =>
                `<div class="bar"><span>${escapeHtml(i.feature)}</span>` +
                `<i style="width:${((i.gain / maxGain) * 100).toFixed(1)}%"></i></div>`,
            )
            .join('')) +
      '<h3>Champion/challenger decisions</h3>' +
      table(
        ['time', 'metric', 'champion before', 'challenger', 'promoted', 'reasons'],
        d.decisions.map((x) => [
          when(x.createdAt),
          x.metric,
          x.championBefore,
          x.challenger,
          x.promoted ? 'yes' : 'no',
          x.reasons.join('; '),
        ]),
      )
    );
  },
});
