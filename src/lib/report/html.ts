import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InternalError } from '../errors.js';

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
