/**
 * Champion and challenger: the best of the freshly trained candidates replaces the active champion only
 * when it beats it out of sample by the configured margin on the agreed metric, and its AUC is not worse
 * by more than the allowed drop. Pure: figures in, decision and reasons out.
 */
import type { ModelRecord } from '../store/models.js';
import { evidenceOf as oosEvidenceOf } from './model-gate.js';
import { trainMetricsOf } from './train-metrics.js';

export const PROMOTION_METRICS = ['sharpe', 'auc', 'brier'] as const;
export type PromotionMetric = (typeof PROMOTION_METRICS)[number];

export interface PromotionRules {
  /**
   * sharpe: walk-forward Sharpe after costs; auc: CV AUC; brier: CV Brier score (lower wins). Sharpe and AUC are
   * the model's out-of-sample evidence (`metrics.oos`), the very figures the model gate judges.
   */
  metric: PromotionMetric;
  /** The challenger's Sharpe must exceed the champion's by more than this (metric sharpe). */
  minSharpeGain: number;
  /** The challenger's CV AUC may be at most this much below the champion's. */
  maxAucDrop: number;
}

/** The out-of-sample figures a decision compares (buy-and-hold's Sharpe is shown beside, not compared). */
export interface Evidence {
  id: string;
  kind: string;
  auc: number;
  brier: number;
  sharpe: number;
  buyHoldSharpe: number;
  /** The symbols the evidence was measured on, sorted and comma-joined ('' when unknown). */
  universe: string;
}

export interface Decision {
  metric: PromotionMetric;
  championBefore: string | null;
  challenger: string | null;
  promoted: boolean;
  reasons: string[];
}

/**
 * A registered model's recorded evidence: NaN where it has none (an imported model, or one trained before `oos`
 * was recorded: it has no out-of-sample evidence, so any challenger with evidence may replace it).
 */
export function evidenceOf(
  m: Pick<ModelRecord, 'id' | 'kind' | 'metrics'> & { symbols?: readonly string[] },
): Evidence {
  const oos = oosEvidenceOf(m);
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  return {
    id: m.id,
    kind: m.kind,
    auc: num(oos?.cvAuc),
    brier: num(trainMetricsOf(m)?.cv.brier),
    sharpe: num(oos?.sharpe),
    buyHoldSharpe: num(oos?.buyHoldSharpe),
    universe: [...(m.symbols ?? [])].sort().join(','),
  };
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** Higher is better for every metric after this sign (Brier flips). */
function score(e: Evidence, metric: PromotionMetric): number {
  const v = metric === 'brier' ? -e.brier : e[metric];
  return Number.isFinite(v) ? v : -Infinity;
}

export function bestChallenger(candidates: readonly Evidence[], metric: PromotionMetric): Evidence | null {
  let best: Evidence | null = null;
  for (const c of candidates) if (!best || score(c, metric) > score(best, metric)) best = c;
  return best;
}

export function decidePromotion(
  champion: Evidence | null,
  candidates: readonly Evidence[],
  rules: PromotionRules,
): Decision {
  const { metric } = rules;
  const challenger = bestChallenger(candidates, metric);
  const base = { metric, championBefore: champion?.id ?? null, challenger: challenger?.id ?? null };
  if (!challenger) return { ...base, promoted: false, reasons: ['no candidate was trained'] };
  const lead = `best challenger ${challenger.id} (${challenger.kind}): ${metric} ${f3(challenger[metric])}`;
  if (!champion) return { ...base, promoted: true, reasons: [lead, 'no champion yet: it becomes the champion'] };
  if (champion.universe && challenger.universe && champion.universe !== challenger.universe)
    // Figures measured on other symbols do not compare: the contest's universe is the one traded now.
    return {
      ...base,
      promoted: true,
      reasons: [
        lead,
        `champion ${champion.id} was judged on ${champion.universe}, not comparable with this contest's ` +
          `${challenger.universe}: the best challenger becomes the champion (the model gate still guards orders)`,
      ],
    };
  const reasons = [lead, `champion ${champion.id} (${champion.kind}): ${metric} ${f3(champion[metric])}`];
  let ok = true;
  if (metric === 'sharpe') {
    const gain = score(challenger, 'sharpe') - score(champion, 'sharpe');
    const beats =
      Number.isFinite(challenger.sharpe) && (!Number.isFinite(champion.sharpe) || gain > rules.minSharpeGain);
    ok &&= beats;
    reasons.push(
      Number.isFinite(champion.sharpe)
        ? `Sharpe gain ${f3(gain)} ${beats ? '>' : '<='} required ${f3(rules.minSharpeGain)}`
        : `the champion has no out-of-sample Sharpe on record`,
    );
  } else {
    const beats = score(challenger, metric) > score(champion, metric);
    ok &&= beats;
    reasons.push(`${metric} ${beats ? 'better' : 'not better'} than the champion's`);
  }
  if (Number.isFinite(champion.auc)) {
    const drop = champion.auc - challenger.auc;
    const within = Number.isFinite(challenger.auc) && drop <= rules.maxAucDrop;
    ok &&= within;
    reasons.push(
      `AUC ${f3(challenger.auc)} vs ${f3(champion.auc)}: drop ${f3(drop)} ${within ? '<=' : '>'} allowed ${f3(rules.maxAucDrop)}`,
    );
  }
  reasons.push(ok ? `promoted: ${challenger.id} replaces ${champion.id}` : `kept: ${champion.id} stays the champion`);
  return { ...base, promoted: ok, reasons };
}
