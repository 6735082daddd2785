/** Every dashboard panel, in page order. A new panel is one module and one line here. */
import type { Panel } from './panel.js';
import { equityPanel } from './panels/equity.js';
import { freshnessPanel } from './panels/freshness.js';
import { modelsPanel } from './panels/models.js';
import { optionsPanel } from './panels/options.js';
import { ordersPanel } from './panels/orders.js';
import { performancePanel } from './panels/performance.js';
import { playbookPanel } from './panels/playbook.js';
import { positionsPanel } from './panels/positions.js';
import { regimePanel } from './panels/regime.js';
import { reportsPanel } from './panels/reports.js';
import { riskPanel } from './panels/risk.js';
import { runsPanel } from './panels/runs.js';
import { schedulePanel } from './panels/schedule.js';

export const PANELS: readonly Panel[] = [
  positionsPanel,
  optionsPanel,
  equityPanel,
  performancePanel,
  riskPanel,
  ordersPanel,
  runsPanel,
  schedulePanel,
  regimePanel,
  modelsPanel,
  playbookPanel,
  reportsPanel,
  freshnessPanel,
];
