import { join } from 'node:path';
import { collectDaily } from '../../src/lib/collect/collect-daily.js';
import { SampleSource } from '../../src/lib/market/sample.js';
import { openStore, type Store } from '../../src/lib/store/open.js';
import type { SessionDate } from '../../src/lib/types.js';

/** The real sample bars (data/sample, 2013–2023) collected into a fresh store in `dir`. */
export async function sampleStore(
  t: { after: (fn: () => void) => void },
  dir: string,
  symbols: string[],
  opts: { asOf?: SessionDate; days?: number } = {},
): Promise<Store> {
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  const source = new SampleSource(join(process.cwd(), 'data', 'sample'));
  for (const s of symbols)
    await collectDaily(store, source, s, { days: opts.days ?? 4000, asOf: opts.asOf ?? '2023-12-29' });
  return store;
}

export const FIXED_NOW = Date.UTC(2024, 0, 2, 21, 30, 5);
