/**
 * reports/strategies.html: one card per options-scan trade with its payoff at expiry as an inline SVG. Static and
 * self-contained: no script, no network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { profitAt, type PricedLeg } from '../options/payoff.js';
import type { StrategyResult } from '../options/strategy.js';
import { escapeHtml } from './html.js';

export interface StrategyCard {
  symbol: string;
  direction: string;
  expiry: string;
  days: number;
  spot: number;
  ivRank: number;
  ivRankSource: string;
  analysis: StrategyResult;
}

export interface StrategiesPage {
  generatedAt: string;
  asOf: string;
  tier: string;
  equity: number;
  cards: StrategyCard[];
  dropped: Array<{ symbol: string; strategy: string | null; reason: string }>;
}

const money = (v: number | null): string =>
  v === null ? 'unbounded' : `${v < 0 ? '-' : ''}$${Math.abs(v).toFixed(2)}`;
const W = 320;
const H = 140;

/** Profit at expiry over the strikes ± 15 %, with the zero line, the breakevens and the spot marked. */
export function payoffSvg(card: StrategyCard): string {
  const legs: PricedLeg[] = card.analysis.legs.map((l) => ({
    kind: l.kind,
    qty: l.qty,
    strike: l.strike ?? undefined,
    price: l.price,
  }));
  const strikes = legs.flatMap((l) => (l.strike === undefined ? [] : [l.strike]));
  const lo = Math.min(card.spot, ...strikes) * 0.85;
  const hi = Math.max(card.spot, ...strikes) * 1.15;
  const xs = Array.from({ length: 121 }, (_, i) => lo + ((hi - lo) * i) / 120);
  const ys = xs.map((x) => profitAt(legs, x));
  const yMax = Math.max(0, ...ys);
  const yMin = Math.min(0, ...ys);
  const span = yMax - yMin || 1;
  const px = (x: number): number => ((x - lo) / (hi - lo)) * W;
  const py = (y: number): number => 8 + ((yMax - y) / span) * (H - 16);
  const path = xs.map((x, i) => `${px(x).toFixed(1)},${py(ys[i]!).toFixed(1)}`).join(' ');
  const marks = card.analysis.breakevens
    .map((b) => `<line class="be" x1="${px(b).toFixed(1)}" x2="${px(b).toFixed(1)}" y1="0" y2="${H}"/>`)
    .join('');
  return (
    `<svg class="payoff" viewBox="0 0 ${W} ${H}" role="img" aria-label="payoff at expiry of ${escapeHtml(card.symbol)}">` +
    `<line class="zero" x1="0" x2="${W}" y1="${py(0).toFixed(1)}" y2="${py(0).toFixed(1)}"/>${marks}` +
    `<line class="spot" x1="${px(card.spot).toFixed(1)}" x2="${px(card.spot).toFixed(1)}" y1="0" y2="${H}"/>` +
    `<polyline points="${path}"/>` +
    `<text x="2" y="12">${money(yMax)}</text><text x="2" y="${H - 2}">${money(yMin)}</text>` +
    `<text x="${W - 2}" y="${H - 2}" text-anchor="end">${hi.toFixed(0)}</text></svg>`
  );
}

function cardHtml(c: StrategyCard): string {
  const a = c.analysis;
  const legs = a.legs
    .map((l) => `${l.side} ${Math.abs(l.qty)} ${l.kind} ${l.strike ?? ''} @ ${l.price.toFixed(2)}`)
    .map((t) => `<li>${escapeHtml(t)}</li>`)
    .join('');
  const pop = `${(a.pop * 100).toFixed(1)}%${a.popStdErr === null ? ' (closed form)' : ` ± ${(a.popStdErr * 100).toFixed(2)}%`}`;
  const rows: Array<[string, string]> = [
    ['net premium', `${a.netPremium >= 0 ? 'credit' : 'debit'} ${money(Math.abs(a.netPremium))}`],
    ['breakevens', a.breakevens.map((b) => b.toFixed(2)).join(', ') || 'none'],
    ['POP', pop],
    ['max loss', money(a.maxLoss)],
    ['max profit', money(a.maxProfit)],
    ['expected value', money(a.expectedValue)],
    ['IV rank', `${c.ivRank.toFixed(0)} (${c.ivRankSource})`],
    ['prices', a.source],
  ];
  const table = rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const title = `${c.symbol} · ${a.strategy} × ${a.positions}`;
  const sub = `${c.direction}, expiry ${c.expiry} (${c.days} days), spot ${c.spot.toFixed(2)}`;
  const head = `<h2>${escapeHtml(title)}</h2><p>${escapeHtml(sub)}</p>`;
  return `<article class="card">${head}<ul>${legs}</ul>${payoffSvg(c)}<table>${table}</table></article>`;
}

const CSS = `body{font-family:system-ui,sans-serif;margin:1.5rem;background:#fafafa;color:#222}
.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem;width:340px}
.card h2{font-size:1.05rem;margin:0}.card p{margin:.2rem 0;color:#555}.card ul{margin:.3rem 0;padding-left:1.1rem}
th{text-align:left;font-weight:500;padding-right:.6rem;color:#555}svg.payoff{width:100%;height:auto;background:#f4f6f8}
svg polyline{fill:none;stroke:#1f6feb;stroke-width:2}svg .zero{stroke:#888}svg .be{stroke:#d29922;stroke-dasharray:3 3}
svg .spot{stroke:#2da44e}svg text{font-size:10px;fill:#555}`;

export function renderStrategies(p: StrategiesPage): string {
  const cards = p.cards.map(cardHtml).join('\n');
  const dropped = p.dropped.map(
    (d) => `<li>${escapeHtml(`${d.symbol}${d.strategy ? ` ${d.strategy}` : ''}: ${d.reason}`)}</li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ats options strategies ${escapeHtml(p.asOf)}</title>
<style>${CSS}</style></head><body>
<h1>Options strategies for ${escapeHtml(p.asOf)}</h1>
<p>Tier ${escapeHtml(p.tier)}, equity ${money(p.equity)}; ${p.cards.length} trade(s), ranked by expected value then POP.
Not orders: the scan places none. Generated ${escapeHtml(p.generatedAt)}. Green: spot; dashed: breakevens.</p>
<section class="cards">
${cards || '<p>No trade.</p>'}
</section>
${dropped.length > 0 ? `<h2>Dropped</h2><ul>${dropped.join('')}</ul>` : ''}
</body></html>
`;
}

export function writeStrategies(path: string, p: StrategiesPage): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderStrategies(p));
}
