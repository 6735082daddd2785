/** Rounding at the edges: nothing prints as -0.00, and a PnL that prints as zero is not coloured as a loss. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cents, fixed, shownSign } from '../../src/lib/report/format.js';
import { renderIndex } from '../../src/lib/report/index-html.js';
import { renderTable } from '../../src/lib/report/table.js';
import { rounded } from '../../src/lib/files/csv.js';

test('fixed and cents never print -0.00; rounded() drops float noise', () => {
  assert.equal(fixed(-0.001), '0.00');
  assert.equal(fixed(-1e-12, 4), '0.0000');
  assert.equal(fixed(-0.005), '-0.01');
  assert.equal(cents(192.52999877929688), '192.53');
  assert.equal(cents(null), '-');
  assert.equal(rounded(500.16999999999996, 2), 500.17);
  assert.equal(rounded(-1e-9, 2), 0);
  assert.ok(!Object.is(rounded(-1e-9, 2), -0));
  assert.equal(shownSign(-0.004), 0);
  assert.equal(shownSign(-0.006), -1);
  assert.match(renderTable(['x'], [[-1e-9]]), /\n0\.0000$/);
});

test('index.html: zero PnL is neither up nor down', () => {
  const row = (symbol: string, unrealizedPnl: number) => ({
    symbol,
    qty: 1,
    avgCost: 100,
    last: 100,
    marketValue: 100,
    unrealizedPnl,
    unrealizedPct: 0,
    weight: -1e-9,
    sector: null,
    assetClass: 'stock',
  });
  const html = renderIndex({
    generatedAt: '2026-01-01 00:00 UTC',
    session: '2023-12-29',
    pnl: {},
    positions: [row('ZERO', -1e-9), row('LOSS', -5), row('GAIN', 5)],
    runs: [],
    playbook: [],
    links: [],
  });
  assert.match(html, /<span class="flat">\$0\.00<\/span>/);
  assert.match(html, /<span class="down">-\$5\.00<\/span>/);
  assert.match(html, /<span class="up">\$5\.00<\/span>/);
  assert.doesNotMatch(html, /-0\.00%/);
});
