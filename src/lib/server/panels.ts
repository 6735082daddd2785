/** Every dashboard panel, in page order. A new panel is one module and one line here. */
import type { Panel } from './panel.js';
import { equityPanel } from './panels/equity.js';
import { freshnessPanel } from './panels/freshness.js';
import { modelsPanel } from './panels/models.js';
import { ordersPanel } from './panels/orders.js';
import { playbookPanel } from './panels/playbook.js';
import { positionsPanel } from './panels/positions.js';
import { reportsPanel } from './panels/reports.js';
import { runsPanel } from './panels/runs.js';

export const PANELS: readonly Panel[] = [
  positionsPanel,
  equityPanel,
  ordersPanel,
  runsPanel,
  modelsPanel,
  playbookPanel,
  reportsPanel,
  freshnessPanel,
];
