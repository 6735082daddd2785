/**
 * Open a local HTML file in headless Chromium (playwright-core driving the system browser), record
 * what went wrong and save a screenshot. A self-contained report must make no network request, so
 * every request that is not file:, data: or blob: is recorded as a failure and aborted.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { GENEROUS_MS } from './wait.js';

const LOCAL_SCHEMES = ['file:', 'data:', 'blob:', 'about:'];

/** The Chromium binary to drive ($CHROMIUM_PATH, else /usr/bin/chromium), or null when not installed. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  for (const p of candidates) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // try the next one
    }
  }
  return null;
}

export interface PageCheckOptions {
  width?: number;
  height?: number;
  /** Selector that shows the page has rendered (default: a <canvas>). */
  waitForSelector?: string;
  timeoutMs?: number;
  /** A JavaScript expression run in the page after it rendered (a Promise is awaited); its value comes back as `evaluated`. */
  evaluate?: string;
  /** Served pages: extra headers on every request (a bearer token). */
  headers?: Record<string, string>;
  /** Called after the page rendered and before the screenshot (drive the page, push a price…). */
  interact?: (page: Page) => Promise<void>;
}

export interface PageCheck<T> {
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests to anything but file:/data:/blob: (aborted), and local requests that failed. */
  failedRequests: string[];
  title: string;
  evaluated?: T;
}

export async function checkPageInBrowser<T = unknown>(
  htmlFile: string,
  screenshotPath: string,
  opts: PageCheckOptions = {},
): Promise<PageCheck<T>> {
  const local = (url: string): boolean => LOCAL_SCHEMES.includes(new URL(url).protocol);
  return checkInBrowser(pathToFileURL(resolve(htmlFile)).href, local, screenshotPath, opts);
}

/**
 * A page served over HTTP on this machine (`ats serve`): requests to its own origin pass, anything else
 * (another host, a CDN) is recorded as a failure and aborted.
 */
export async function checkUrlInBrowser<T = unknown>(
  url: string,
  screenshotPath: string,
  opts: PageCheckOptions = {},
): Promise<PageCheck<T>> {
  const origin = new URL(url).origin;
  const local = (u: string): boolean => {
    const parsed = new URL(u);
    return parsed.origin === origin || ['data:', 'blob:', 'about:'].includes(parsed.protocol);
  };
  return checkInBrowser(url, local, screenshotPath, opts);
}

async function checkInBrowser<T>(
  target: string,
  local: (url: string) => boolean,
  screenshotPath: string,
  opts: PageCheckOptions,
): Promise<PageCheck<T>> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (set CHROMIUM_PATH or install /usr/bin/chromium)');
  const { chromium } = await import('playwright-core');
  const timeout = opts.timeoutMs ?? GENEROUS_MS;
  const browser = await chromium.launch({
    executablePath,
    timeout,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const result: PageCheck<T> = { consoleErrors: [], pageErrors: [], failedRequests: [], title: '' };
  try {
    const page = await browser.newPage({
      viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
      deviceScaleFactor: 1,
    });
    page.setDefaultTimeout(timeout);
    page.on('console', (msg) => {
      if (msg.type() === 'error') result.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => result.pageErrors.push(err.message));
    page.on('requestfailed', (req) => {
      if (local(req.url())) result.failedRequests.push(`${req.url()} (${req.failure()?.errorText ?? 'failed'})`);
    });
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      result.failedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    if (opts.headers) await page.setExtraHTTPHeaders(opts.headers);
    await page.goto(target, { waitUntil: 'load' });
    await page.waitForSelector(opts.waitForSelector ?? 'canvas', { state: 'attached' });
    // lightweight-charts paints on animation frames: let two pass before the picture.
    // (A string: the project compiles without DOM types.)
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    result.title = await page.title();
    if (opts.evaluate) result.evaluated = await page.evaluate(opts.evaluate);
    if (opts.interact) await opts.interact(page);
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
  } finally {
    await browser.close();
  }
  return result;
}

/**
 * For `test(name, { skip: browserSkip() }, …)`: false when Chromium is there; otherwise the printed
 * reason, or — in CI, where .ci/run sets ATS_REQUIRE_BROWSER=1 and installs it — an error.
 */
export function browserSkip(): string | false {
  if (chromiumPath()) return false;
  if (process.env.ATS_REQUIRE_BROWSER === '1')
    throw new Error('Chromium is required (ATS_REQUIRE_BROWSER=1) but not installed');
  return 'Chromium not installed (install Debian chromium or set CHROMIUM_PATH)';
}
