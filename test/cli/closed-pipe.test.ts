import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

test('a reader that closes the pipe early (`ats --help | head`) ends the command quietly, exit 0', async () => {
  const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'ats.js'), '--help'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Closed before the child has even started: its first write meets a closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
