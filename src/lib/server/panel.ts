/**
 * A dashboard panel: one section of the page and one JSON endpoint (`/api/<id>`). Panels are registered in
 * panels.ts; a new one (performance, risk, schedule…) is one module and one line there.
 */
import type { Config } from '../config.js';
import type { ExecutionDeps } from '../execution/place-order.js';
import type { LivePortfolio } from '../portfolio/live.js';
import type { PortfolioValuation } from '../portfolio/valuation.js';

export interface PanelContext {
  deps: ExecutionDeps;
  cfg: Config;
  live: LivePortfolio;
  /** live.valuation(), computed once per change (a price or a reload), not once per request. */
  valuation: () => PortfolioValuation;
  /** Wall clock (ages, "generated at"). */
  now: () => number;
}

export interface Panel<T = unknown> {
  id: string;
  title: string;
  /** Its data changes only with live prices and position reloads: the server caches it (and its JSON) between them. */
  live?: boolean;
  /** Costly and read from the store only: computed once per reload (every 15 s, and after an action). */
  perReload?: boolean;
  /** The JSON of `/api/<id>`; never holds a secret. */
  load: (ctx: PanelContext) => Promise<T> | T;
  /** The panel's HTML (escaped), given its loaded data. */
  render: (data: T, view: PanelView) => string;
}

/** What a renderer may need besides its data. */
export interface PanelView {
  readOnly: boolean;
}

/** Register a typed panel in the list of untyped ones. */
export const panel = <T>(p: Panel<T>): Panel => p as Panel;
