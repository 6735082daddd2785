/**
 * evaluator --watch: a pass every `intervalMs` over the latest prices in the store (which `ats collect --stream`
 * or `ats collect --quotes` keep fresh), until the signal aborts. A failed pass (broker unreachable, database
 * busy) is logged and the next one runs: the loop survives disconnects.
 */
import type { ExecutionDeps } from '../execution/place-order.js';
import { errorMessage } from '../errors.js';
import type { Thresholds } from './evaluate.js';
import { evaluateOnce } from './run-pass.js';
import type { EvaluatorResult, PassOptions } from './run-pass.js';

export interface WatchOptions extends PassOptions {
  intervalMs: number;
  signal: AbortSignal;
  onPass?: (results: EvaluatorResult[]) => void;
}

export async function watchPositions(
  deps: ExecutionDeps,
  thresholds: Thresholds,
  opts: WatchOptions,
): Promise<{ passes: number; closes: number }> {
  let passes = 0;
  let closes = 0;
  while (!opts.signal.aborted) {
    try {
      const results = await evaluateOnce(deps, thresholds, opts);
      passes++;
      closes += results.filter((r) => r.action === 'close').length;
      opts.onPass?.(results);
    } catch (err) {
      deps.log.warn(`evaluator pass failed, retrying in ${opts.intervalMs} ms: ${errorMessage(err)}`);
    }
    await sleepUnlessAborted(opts.intervalMs, opts.signal);
  }
  return { passes, closes };
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
