/**
 * `ats serve` in headless Chromium on a store filled by the sample daily: every page renders with no console
 * error and no request leaving the server's origin; a trade streamed by the fake Polygon changes the position's
 * price on screen; an action without the CSRF token is refused. Screenshots go to reports/screenshots/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { browserSkip, checkUrlInBrowser } from '../helpers/browser.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';
import { fillStore, SESSION, startServe } from './serve-helper.js';

const SHOTS = join(process.cwd(), 'reports', 'screenshots');
const PAGES = [
  '/',
  '/panel/positions',
  '/panel/equity',
  '/panel/orders',
  '/panel/runs',
  '/panel/models',
  '/panel/playbook',
  '/panel/reports',
  '/panel/freshness',
  '/panel/options',
  '/panel/performance',
  '/panel/risk',
  '/panel/schedule',
  '/panel/regime',
];
/** Pages whose chart must be drawn (a canvas) before the screenshot. */
const CHARTS = new Set(['/', '/panel/equity', '/panel/performance']);

test(
  'serve in Chromium: every page renders cleanly, a streamed trade moves the price on screen, no CSRF → 403',
  { skip: browserSkip() },
  async (t) => {
    const cwd = tempDir(t);
    fillStore(cwd, ['2023-12-28', SESSION]);
    const fake = await startFakePolygon({ apiKey: KEY });
    t.after(() => fake.close());
    const serve = await startServe(cwd, [], { POLYGON_API_KEY: KEY, POLYGON_WS_URL: `${fake.wsUrl}/delayed` });
    t.after(() => serve.stop());

    for (const path of PAGES) {
      const shot = join(SHOTS, `serve${path === '/' ? '-overview' : path.replace(/\//g, '-')}.png`);
      const check = await checkUrlInBrowser(`${serve.url}${path}`, shot, {
        waitForSelector: CHARTS.has(path) ? 'canvas' : 'main section',
      });
      t.diagnostic(`screenshot ${shot}`);
      assert.deepEqual(check.consoleErrors, [], `${path}: console errors`);
      assert.deepEqual(check.pageErrors, [], `${path}: page errors`);
      assert.deepEqual(check.failedRequests, [], `${path}: requests that left the server (or failed)`);
      assert.match(check.title, /· ats$/);
    }
    const page = await (await fetch(`${serve.url}/`)).text();
    assert.doesNotMatch(page, /could not load/, 'every panel loads');
    for (const id of ['options', 'performance', 'risk', 'schedule', 'regime'])
      assert.equal((await fetch(`${serve.url}/api/${id}`)).status, 200, `/api/${id}`);

    const positions = (await (await fetch(`${serve.url}/api/positions`)).json()) as {
      rows: Array<{ symbol: string; last: number }>;
    };
    const held = positions.rows[0];
    assert.ok(held, 'the sample daily opened a position');
    const price = +(held.last * 1.07).toFixed(2);
    const shot = join(SHOTS, 'serve-live-price.png');
    const check = await checkUrlInBrowser<{ status: number }>(`${serve.url}/panel/positions`, shot, {
      waitForSelector: 'body[data-stream="open"]',
      interact: async (page) => {
        await fake.ws.waitForSubscription(`T.${held.symbol}`);
        fake.ws.push([{ ev: 'T', sym: held.symbol, i: '1', x: 4, p: price, s: 100, t: Date.now(), q: 1 }]);
        // A locator waits in Playwright's own world: the page's CSP (no eval) stays on.
        await page
          .locator(`tr[data-symbol="${held.symbol}"] td.last`)
          .filter({ hasText: new RegExp(`^${price.toFixed(2).replace('.', '\\.')}$`) })
          .waitFor();
        const refused = await page.evaluate(
          `fetch('/api/actions/verify', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })` +
            '.then((r) => r.status)',
        );
        assert.equal(refused, 403, 'an action without the CSRF token');
      },
    });
    t.diagnostic(`screenshot ${shot}`);
    assert.deepEqual([...check.consoleErrors.filter((e) => !/403/.test(e)), ...check.pageErrors], []);
    assert.deepEqual(check.failedRequests, []);
  },
);
