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
<script>console.error('boom'); console.log('fine');
window.lateFailure = new Promise(function (thrown) {
  setTimeout(function () { thrown(); throw new Error('late failure'); }, 0);
});</script>`,
    );
    // The evaluation waits for the late failure itself (its promise settles in the task that throws), not a clock.
    const page = await checkPageInBrowser<number>(file, join(dir, 'shot.png'), {
      evaluate: 'window.lateFailure.then(() => document.querySelectorAll("canvas").length)',
    });
    assert.equal(page.title, 'bad page');
    assert.ok(page.consoleErrors.includes('boom'), JSON.stringify(page.consoleErrors));
    assert.deepEqual(page.pageErrors, ['late failure']);
    assert.deepEqual(page.failedRequests, ['https://example.invalid/pixel.png']);
    assert.equal(page.evaluated, 1);
  },
);
