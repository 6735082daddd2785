/**
 * The market regime (table `regime`: index trend against its 200-day average, 20-day volatility percentile) for the
 * latest sessions, and the model gate: what the last daily run's orders step said, beside the gate the active model
 * gets now (its out-of-sample evidence against GATE_MIN_AUC / GATE_MIN_SHARPE_EDGE) with its reasons.
 */
import { modelGate, type GateDecision } from '../../model/model-gate.js';
import { activeModel } from '../../store/models.js';
import { recentRegime, type RegimeRow } from '../../store/regime.js';
import { recentRuns } from '../../store/run-log.js';
import { nyDate } from '../../time.js';
import { escapeHtml, money, pct, table } from '../html.js';
import { panel } from '../panel.js';

const SESSIONS = 20;

export interface RegimeData {
  latest: RegimeRow | null;
  sessions: RegimeRow[];
  lastRun: { session: string; status: string; orders: string | null } | null;
  gate: GateDecision;
}

export const regimePanel = panel<RegimeData>({
  id: 'regime',
  title: 'Regime and model gate',
  load: (ctx) => {
    const store = ctx.deps.store;
    const sessions = recentRegime(store, nyDate(ctx.deps.now()), SESSIONS);
    const run = recentRuns(store, 1)[0];
    return {
      latest: sessions[0] ?? null,
      sessions,
      lastRun: run
        ? {
            session: run.session,
            status: run.status,
            orders: run.steps.find((s) => s.name === 'orders')?.summary ?? null,
          }
        : null,
      gate: modelGate(
        activeModel(store),
        { minAuc: ctx.cfg.gateMinAuc, minSharpeEdge: ctx.cfg.gateMinSharpeEdge },
        false,
      ),
    };
  },
  render: (d) => {
    const l = d.latest;
    const head = l
      ? `<p class="totals">${escapeHtml(l.session)}: trend <b>${escapeHtml(l.trend ?? 'n/a')}</b> · ` +
        `20-day vol percentile <b>${pct(l.volPct)}</b> · index ${money(l.index)} vs 200-day ${money(l.sma200)}</p>`
      : '<p class="empty">no regime stored yet (the daily run stores it)</p>';
    const run = d.lastRun;
    const gate =
      `<h3>Model gate</h3><p>last daily run: ` +
      (run
        ? `${escapeHtml(run.session)} ${escapeHtml(run.status)} · orders step: ${escapeHtml(run.orders ?? 'did not run')}`
        : 'none') +
      `</p><p>active model now: <b class="${d.gate.passed ? 'status-ok' : 'status-failed'}">` +
      `${d.gate.passed ? 'open' : 'closed'}</b> · ${escapeHtml(d.gate.summary)}</p>` +
      (d.gate.reasons.length ? `<ul>${d.gate.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '');
    return (
      head +
      table(
        ['session', 'trend', 'vol percentile', '20-day vol', 'index', '200-day avg', 'symbols'],
        d.sessions.map((r) => [
          r.session,
          r.trend,
          pct(r.volPct),
          pct(r.vol20),
          money(r.index),
          money(r.sma200),
          r.symbols,
        ]),
      ) +
      gate
    );
  },
});
