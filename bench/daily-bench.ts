import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAlpaca } from '../test/fakes/alpaca-server.js';
import { openStore } from '../src/lib/store/open.js';
import { upsertBars } from '../src/lib/store/bars.js';
import { sessionsBetween } from '../src/lib/market/calendar.js';
import type { Bar } from '../src/lib/types.js';
import { generateBars, startFakePolygonWorker } from './fake-polygon-worker.js';
import type { BenchResult } from './types.js';

const SYMBOLS = 500;
const FROM = '2014-01-02';
const TO = '2023-12-29';

/**
 * `ats daily --universe top:50 --trade` over 500 stored symbols × 10 years, against the fake Polygon
 * (data; everything is already stored, so collect only confirms it) and the fake Alpaca (orders).
 * Reports the wall time of each step and the process's peak memory. No baseline: these are absolute.
 */
export async function benchDaily(): Promise<BenchResult[]> {
  const sessions = sessionsBetween(FROM, TO);
  const symbols = Array.from(
    { length: SYMBOLS },
    (_, i) => `D${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-daily-'));
  const store = openStore(join(dir, 'ats.db'));
  const prices: Record<string, number> = {};
  for (const s of symbols) {
    const bars: Bar[] = generateBars(s, sessions).map((b) => ({
      symbol: s,
      timeframe: '1d',
      ts: b.t,
      open: b.o,
      high: b.h,
      low: b.l,
      close: b.c,
      volume: b.v,
      vwap: b.vw ?? null,
      trades: b.n ?? null,
    }));
    upsertBars(store, bars, 'bench');
    prices[s] = bars[bars.length - 1]!.close;
  }
  store.close();
  const polygon = await startFakePolygonWorker({ apiKey: 'bench-key', from: FROM, to: TO });
  const alpaca = await startFakeAlpaca({ cash: 1_000_000, prices });
  try {
    const env = {
      PATH: process.env.PATH ?? '',
      POLYGON_API_KEY: 'bench-key',
      POLYGON_BASE_URL: polygon.url,
      POLYGON_RATE_LIMIT: '0',
      APCA_API_KEY_ID: alpaca.keyId,
      APCA_API_SECRET_KEY: alpaca.secretKey,
      APCA_API_BASE_URL: alpaca.url,
    };
    const t0 = performance.now();
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          join(process.cwd(), 'bin', 'ats.js'),
          'daily',
          '--universe',
          'top:50',
          '--days',
          String(sessions.length),
          '--asof',
          TO,
          '--trade',
          '--force-model', // orders on the sample need the gate forced open (no out-of-sample edge)
          '--threshold',
          '0.5',
          '--broker',
          'alpaca',
          '--db',
          join(dir, 'ats.db'),
          '--json',
          '--quiet',
        ],
        { cwd: dir, env },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`ats daily exited ${code}: ${err.slice(-500)}`)),
      );
    });
    const wall = performance.now() - t0;
    const run = JSON.parse(stdout) as {
      status: string;
      steps: Array<{ name: string; ms: number; summary: string }>;
      resources: { peakRssMb: number; cpuMs: number };
      orders: unknown[];
    };
    if (run.status !== 'ok') throw new Error(`daily run ${run.status}`);
    return [
      {
        name: `daily --universe top:50 over ${SYMBOLS} symbols × ${sessions.length} sessions: wall time`,
        value: wall / 1000,
        unit: 's',
        note: `${run.orders.length} order(s)`,
      },
      ...run.steps.map((s) => ({
        name: `  step ${s.name}`,
        value: s.ms / 1000,
        unit: 's',
        note: s.summary.slice(0, 90),
      })),
      { name: '  peak memory (max RSS)', value: run.resources.peakRssMb, unit: 'MB' },
    ];
  } finally {
    await polygon.close();
    await alpaca.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
