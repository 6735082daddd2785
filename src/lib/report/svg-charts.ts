/**
 * Small inline SVG charts for self-contained HTML reports (no script, no network): a line chart with
 * error bars, a horizontal bar chart and a calibration (reliability) plot. Pure string builders.
 */
import { escapeHtml } from './html.js';

export interface LineSeries {
  name: string;
  color: string;
  /** One value per x label; NaN leaves a gap. */
  values: number[];
  /** Optional ± half-width of an error bar per value. */
  errors?: number[];
}

const FONT = 'font-family="system-ui, sans-serif" font-size="11" fill="#475569"';
const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');

function frame(width: number, height: number, label: string, body: string): string {
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(label)}">${body}</svg>`;
}

/** Ticks at round steps covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const raw = (hi - lo) / count;
  const step = [0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10].find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

/** Lines over categorical x labels; `reference` draws a dashed horizontal line (e.g. AUC 0.5 = chance). */
export function lineChart(
  labels: string[],
  series: LineSeries[],
  opts: { yMin: number; yMax: number; reference?: number; title: string },
): string {
  // Drawn at about the size it is shown (a full-width card), so the text is not scaled up.
  const W = 1100,
    H = 280,
    L = 52,
    R = 48,
    T = 16,
    B = 48;
  const x = (i: number) => L + (labels.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (labels.length - 1));
  const y = (v: number) => T + ((opts.yMax - v) * (H - T - B)) / (opts.yMax - opts.yMin);
  const parts: string[] = [];
  for (const v of ticks(opts.yMin, opts.yMax)) {
    parts.push(
      `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e8f0"/>`,
      `<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end" ${FONT}>${v.toFixed(2)}</text>`,
    );
  }
  if (opts.reference !== undefined) {
    parts.push(
      `<line x1="${L}" x2="${W - R}" y1="${y(opts.reference)}" y2="${y(opts.reference)}" stroke="#94a3b8" stroke-dasharray="4 4"/>`,
    );
  }
  const every = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((lab, i) => {
    if (i % every === 0 || i === labels.length - 1)
      parts.push(`<text x="${x(i)}" y="${H - B + 16}" text-anchor="middle" ${FONT}>${escapeHtml(lab)}</text>`);
  });
  series.forEach((s, k) => {
    const pts = s.values
      .map((v, i) => (Number.isFinite(v) ? `${x(i)},${y(v)}` : null))
      .filter((p): p is string => p !== null);
    if (pts.length > 1)
      parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const e = s.errors?.[i];
      if (e !== undefined && Number.isFinite(e)) {
        parts.push(
          `<line x1="${x(i)}" x2="${x(i)}" y1="${y(v - e)}" y2="${y(v + e)}" stroke="${s.color}" stroke-width="1.5"/>`,
        );
      }
      const tip = `${s.name} ${labels[i]}: ${fmt(v)}${e !== undefined && Number.isFinite(e) ? ` ± ${fmt(e)}` : ''}`;
      parts.push(
        `<circle cx="${x(i)}" cy="${y(v)}" r="3.5" fill="${s.color}"><title>${escapeHtml(tip)}</title></circle>`,
      );
    });
    const lx = L + 8 + k * 190;
    parts.push(
      `<rect x="${lx}" y="${H - 16}" width="10" height="10" fill="${s.color}"/>`,
      `<text x="${lx + 14}" y="${H - 7}" ${FONT}>${escapeHtml(s.name)}</text>`,
    );
  });
  return frame(W, H, opts.title, parts.join(''));
}

/** Horizontal bars, largest first, values labelled at the bar end. */
export function barChart(
  items: Array<{ label: string; value: number }>,
  opts: { title: string; color: string; digits?: number },
): string {
  const W = 640,
    rowH = 20,
    L = 130,
    R = 70,
    T = 8;
  const H = T * 2 + items.length * rowH;
  const max = Math.max(...items.map((d) => d.value), 1e-12);
  const parts = items.map((d, i) => {
    const w = Math.max(0, (d.value / max) * (W - L - R));
    const top = T + i * rowH;
    return (
      `<text x="${L - 8}" y="${top + 14}" text-anchor="end" ${FONT}>${escapeHtml(d.label)}</text>` +
      `<rect x="${L}" y="${top + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" rx="2" fill="${opts.color}"/>` +
      `<text x="${(L + w + 6).toFixed(1)}" y="${top + 14}" ${FONT}>${fmt(d.value, opts.digits ?? 3)}</text>`
    );
  });
  return frame(W, H, opts.title, parts.join(''));
}

/** Reliability diagram: mean predicted probability vs observed rate per bin (circle area ~ rows), diagonal = perfect. */
export function calibrationChart(
  bins: Array<{ meanPredicted: number; observedRate: number; count: number }>,
  title: string,
): string {
  const S = 380,
    M = 44;
  const pos = (v: number) => M + v * (S - 2 * M);
  const inv = (v: number) => S - pos(v);
  const parts: string[] = [];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${pos(0)}" x2="${pos(1)}" y1="${inv(v)}" y2="${inv(v)}" stroke="#e2e8f0"/>`);
    parts.push(
      `<text x="${M - 6}" y="${inv(v) + 4}" text-anchor="end" ${FONT}>${v}</text>`,
      `<text x="${pos(v)}" y="${S - M + 16}" text-anchor="middle" ${FONT}>${v}</text>`,
    );
  }
  parts.push(
    `<line x1="${pos(0)}" y1="${inv(0)}" x2="${pos(1)}" y2="${inv(1)}" stroke="#94a3b8" stroke-dasharray="4 4"/>`,
  );
  parts.push(`<text x="${S / 2}" y="${S - 6}" text-anchor="middle" ${FONT}>predicted probability</text>`);
  parts.push(
    `<text x="12" y="${S / 2}" text-anchor="middle" transform="rotate(-90 12 ${S / 2})" ${FONT}>observed rate</text>`,
  );
  const total = bins.reduce((s, b) => s + b.count, 0) || 1;
  const pts = bins.map((b) => `${pos(b.meanPredicted)},${inv(b.observedRate)}`);
  if (pts.length > 1)
    parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="#2563eb" stroke-width="1.5"/>`);
  for (const b of bins) {
    const r = 3 + 9 * Math.sqrt(b.count / total);
    const tip = `predicted ${fmt(b.meanPredicted)}, observed ${fmt(b.observedRate)}, ${b.count} rows`;
    parts.push(
      `<circle cx="${pos(b.meanPredicted)}" cy="${inv(b.observedRate)}" r="${r.toFixed(1)}" fill="#2563eb" fill-opacity="0.6">` +
        `<title>${escapeHtml(tip)}</title></circle>`,
    );
  }
  return frame(S, S, title, parts.join(''));
}
