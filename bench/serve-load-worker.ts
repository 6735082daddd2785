/**
 * The load generator of the serve benchmark, in its own thread so its event loop does not share the server's:
 * `clients` loops each send one GET after another on keep-alive connections for `seconds`; the latencies come back.
 */
import { isMainThread, parentPort, workerData, Worker } from 'node:worker_threads';
import { Agent, request } from 'undici';

export interface LoadJob {
  url: string;
  clients: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  medianMs: number;
  p99Ms: number;
}

async function load(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ connections: job.clients, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + job.seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await request(job.url, { dispatcher: agent });
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) errors++;
        else latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: job.clients }, client));
  await agent.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, medianMs: at(0.5), p99Ms: at(0.99) };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void load(workerData as LoadJob).then((r) => port.postMessage(r));
}

/** Run one load in a worker thread. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job });
    w.once('message', (r: LoadResult) => {
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
  });
}
