/** The metrics in Prometheus text format: a string, a node:http handler, and the textfile-collector file. */
import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { buildMetricsRegistry, type MetricsInput } from './registry.js';

/** Prometheus text exposition format 0.0.4 (what prom-client's Registry writes). */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export async function metricsText(input: MetricsInput): Promise<string> {
  return buildMetricsRegistry(input).metrics();
}

/**
 * A node:http (or fastify raw) handler for GET /metrics: reads the store on every scrape. `input` is called per
 * request so `now` is the scrape's time. A failure answers 500 with one line, never a stack.
 */
export function metricsHandler(input: () => MetricsInput): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void serveMetrics(input, req, res);
}

async function serveMetrics(input: () => MetricsInput, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  try {
    const body = await metricsText(input());
    res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    res
      .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`metrics failed: ${(err as Error).message}\n`);
  }
}

/**
 * Write the metrics for node_exporter's textfile collector: a temp file in the same folder renamed over the
 * target, so the collector never reads half a file
 * (https://github.com/prometheus/node_exporter#textfile-collector).
 */
export async function writeMetricsFile(path: string, input: MetricsInput): Promise<void> {
  writeFileAtomic(path, await metricsText(input));
}

/** A metrics file must go in an existing folder (the collector's): checked before any work, exit 2 otherwise. */
export function checkMetricsPath(path: string): void {
  const dir = dirname(resolve(path));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // missing: said below
  }
  if (!isDir) throw new UsageError(`--metrics-file ${path}: folder ${dir} does not exist`);
}
