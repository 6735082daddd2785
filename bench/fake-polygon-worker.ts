import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startFakePolygon, type FakeBar } from '../test/fakes/polygon-server.js';
import { sessionsBetween } from '../src/lib/market/calendar.js';
import { nyMidnight } from '../src/lib/time.js';

/**
 * The fake Polygon server in its own thread, so the benchmark measures our client and store rather
 * than the fake's JSON generation competing for the same core (the real server is another machine).
 */
export interface WorkerData {
  apiKey: string;
  from: string;
  to: string;
}

export function generateBars(symbol: string, sessions: readonly string[]): FakeBar[] {
  let seed = [...symbol].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const rnd = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  let price = 50 + rnd() * 100;
  return sessions.map((d) => {
    const o = price;
    price *= 1 + (rnd() - 0.5) * 0.04;
    const c = price;
    return {
      t: nyMidnight(d),
      o,
      h: Math.max(o, c) * 1.01,
      l: Math.min(o, c) * 0.99,
      c,
      v: Math.round(1e6 + rnd() * 1e6),
      vw: (o + c) / 2,
      n: 1000,
    };
  });
}

export async function startFakePolygonWorker(data: WorkerData): Promise<{ url: string; close: () => Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url: string }) => resolve(m.url));
    worker.once('error', reject);
  });
  return {
    url,
    close: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort) {
  const { apiKey, from, to } = workerData as WorkerData;
  const sessions = sessionsBetween(from, to);
  const cache = new Map<string, FakeBar[]>();
  const fake = await startFakePolygon({
    apiKey,
    cacheBodies: true,
    bars: (s) => {
      let b = cache.get(s);
      if (!b) cache.set(s, (b = generateBars(s, sessions)));
      return b;
    },
  });
  parentPort.postMessage({ url: fake.url });
}
