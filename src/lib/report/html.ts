import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { ConfigError, InternalError } from '../errors.js';

/** Text safe inside HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON to embed in a `<script type="application/json">` block: every `<` becomes `\u003c`, so no
 * `</script>` or `<!--` in a symbol or parameter can end the block early, and U+2028/U+2029 are
 * escaped so the text is also a valid JavaScript literal. NaN and ±Infinity become null (JSON has none).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

let chartLibrary: string | undefined;

/**
 * The lightweight-charts standalone production bundle (defines `window.LightweightCharts`), read
 * from the installed package so a report works offline with no CDN. Apache-2.0; its licence header
 * stays in the bundle.
 */
export function chartLibrarySource(): string {
  if (chartLibrary === undefined) {
    const require = createRequire(import.meta.url);
    let file: string;
    try {
      file = join(
        dirname(require.resolve('lightweight-charts/package.json')),
        'dist',
        'lightweight-charts.standalone.production.js',
      );
      chartLibrary = readFileSync(file, 'utf8');
    } catch (err) {
      throw new InternalError(
        `cannot load the lightweight-charts bundle for the HTML report: ${(err as Error).message}`,
      );
    }
    // Inlined in a <script>: a closing tag inside the code would end it early.
    if (/<\/script/i.test(chartLibrary)) chartLibrary = chartLibrary.replace(/<\/script/gi, '<\\/script');
  }
  return chartLibrary;
}

/**
 * Write a file so readers see the old content or the new, never half of it: a temp file in the same
 * folder (same file system) renamed over the target. Creates the folder. An unwritable place (a
 * configured reports folder or a --report path) is a ConfigError naming the path.
 */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written there
    }
    throw new ConfigError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}
