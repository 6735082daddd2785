import { join } from 'node:path';
import { startFakePolygon, type FakeBar, type FakePolygon } from '../fakes/polygon-server.js';
import { PolygonSource } from '../../src/lib/market/polygon.js';
import { openStore, type Store } from '../../src/lib/store/open.js';
import { sessionsBetween } from '../../src/lib/market/calendar.js';
import { silentLogger } from '../../src/lib/log.js';
import { nyMidnight } from '../../src/lib/time.js';
import { tempDir } from './tmp.js';
import { GENEROUS_MS } from './wait.js';

export const KEY = 'test-key-9f8e7d6c5b';

/** Deterministic daily bars on every NYSE session between from and to. */
export function fakeBars(from: string, to: string, seed = 1): FakeBar[] {
  let p = 100 + seed;
  return sessionsBetween(from, to).map((d, i) => {
    const o = p;
    p = Math.round((p + Math.sin(i * 0.7 + seed) * 2) * 100) / 100;
    return {
      t: nyMidnight(d),
      o,
      h: Math.max(o, p) + 1,
      l: Math.min(o, p) - 1,
      c: p,
      v: 1_000_000 + i,
      vw: (o + p) / 2,
      n: 500 + i,
    };
  });
}

export interface PolygonRig {
  fake: FakePolygon;
  source: PolygonSource;
  store: Store;
  dir: string;
}

/** A fake Polygon with the given bars, a real client pointed at it (fast retries), and a temp store. */
export async function polygonRig(
  t: { after: (fn: () => void | Promise<void>) => void },
  bars: Record<string, FakeBar[]>,
  opts: { pageSize?: number; forbidden?: string[]; key?: string; timeoutMs?: number } = {},
): Promise<PolygonRig> {
  const dir = tempDir(t);
  const fake = await startFakePolygon({
    apiKey: KEY,
    bars: (s) => bars[s] ?? [],
    pageSize: opts.pageSize,
    plan: { forbidden: opts.forbidden },
  });
  const source = await PolygonSource.create({
    apiKey: opts.key ?? KEY,
    baseUrl: fake.url,
    rateLimit: 0,
    log: silentLogger,
    // Generous: a local answer never takes this long, so only a test that makes the fake hang sees a timeout.
    timeoutMs: opts.timeoutMs ?? GENEROUS_MS,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
  });
  const store = openStore(join(dir, 'ats.db'));
  t.after(async () => {
    store.close();
    await fake.close();
  });
  return { fake, source, store, dir };
}
