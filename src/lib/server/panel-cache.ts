/**
 * Panel data kept between requests: a `live` panel's until the next price batch or reload, a `perReload` panel's
 * until the next reload (every 15 s, after an action). The promise is kept, so concurrent requests share one load.
 */
import type { Panel, PanelContext, PanelView } from './panel.js';

interface Entry {
  key: number;
  data: Promise<unknown>;
  json?: Promise<string>;
  html?: Promise<string>;
}

export class PanelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ctx: PanelContext,
    /** The current price/reload version and reload generation. */
    private readonly keys: () => { version: number; generation: number },
  ) {}

  private entry(p: Panel): Entry | null {
    const k = this.keys();
    const key = p.live ? k.version : p.perReload ? k.generation : null;
    if (key === null) return null;
    let e = this.entries.get(p.id);
    if (e?.key !== key) {
      const fresh: Entry = { key, data: Promise.resolve().then(() => p.load(this.ctx)) };
      // A failed load is not kept: the next request tries again.
      fresh.data.catch(() => this.entries.get(p.id) === fresh && this.entries.delete(p.id));
      this.entries.set(p.id, fresh);
      e = fresh;
    }
    return e;
  }

  load(p: Panel): Promise<unknown> {
    return this.entry(p)?.data ?? Promise.resolve().then(() => p.load(this.ctx));
  }

  /** The panel's rendered HTML (the view never changes within a process). */
  html(p: Panel, view: PanelView): Promise<string> {
    const e = this.entry(p);
    if (!e) return this.load(p).then((d) => p.render(d, view));
    return (e.html ??= e.data.then((d) => p.render(d, view)));
  }

  json(p: Panel): Promise<string> {
    const e = this.entry(p);
    if (!e) return this.load(p).then((d) => JSON.stringify(d));
    return (e.json ??= e.data.then((d) => JSON.stringify(d)));
  }
}
