/** checkPageInBrowser must see what it is there to catch, or the report tests could never fail. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserSkip, checkPageInBrowser } from '../helpers/browser.js';
import { tempDir } from '../helpers/tmp.js';

test(
  'checkPageInBrowser records console errors, page errors and (blocked) network requests',
  { skip: browserSkip() },
  async (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'bad.html');
    // example.invalid never resolves (RFC 2606), and the helper aborts the request before any lookup.
    writeFileSync(
      file,
      `<!doctype html><title>bad page</title><canvas></canvas>
<img src="https://example.invalid/pixel.png">
<script>console.error('boom'); console.log('fine'); setTimeout(function () { throw new Error('late failure'); }, 0);</script>`,
    );
    const page = await checkPageInBrowser<number>(file, join(dir, 'shot.png'), {
      evaluate: 'new Promise((r) => setTimeout(() => r(document.querySelectorAll("canvas").length), 50))',
    });
    assert.equal(page.title, 'bad page');
    assert.ok(page.consoleErrors.includes('boom'), JSON.stringify(page.consoleErrors));
    assert.deepEqual(page.pageErrors, ['late failure']);
    assert.deepEqual(page.failedRequests, ['https://example.invalid/pixel.png']);
    assert.equal(page.evaluated, 1);
  },
);
