import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAILY_STEP_NAMES } from '../../src/lib/pipeline/chain.js';
import { createStepProgress } from '../../src/lib/pipeline/progress.js';
import { createLogger } from '../../src/lib/log.js';
import type { StepRecord } from '../../src/lib/store/run-log.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const NAMES = ['verify', 'collect', 'train', 'reports'];

/** Just enough of a terminal: text, newline, cursor up (ESC[nA), carriage return, clear to end of screen (ESC[J). */
class Screen {
  isTTY = true;
  columns = 80;
  lines: string[] = [''];
  private row = 0;
  write(text: string): void {
    const ESC = String.fromCharCode(27);
    const re = new RegExp(`${ESC}\\[(\\d*)([AJK])|\\r|\\n|[^${ESC}\\r\\n]+`, 'g');
    for (const m of text.matchAll(re)) {
      const tok = m[0];
      if (tok === '\n') {
        this.row++;
        if (this.row >= this.lines.length) this.lines.push('');
      } else if (tok === '\r') continue;
      else if (m[2] === 'A') this.row = Math.max(0, this.row - Number(m[1] || 1));
      else if (m[2] === 'J') {
        this.lines.length = this.row + 1;
        this.lines[this.row] = '';
      } else if (m[2] === 'K') this.lines[this.row] = '';
      else this.lines[this.row] += tok;
    }
  }
  text(): string {
    return this.lines.join('\n').trimEnd();
  }
}

const rec = (name: string, status: StepRecord['status'] = 'ok'): StepRecord => ({
  name,
  status,
  ms: 10,
  summary: `${name} done`,
});

test('on a terminal: one live list; log lines scroll above it; the end leaves each step exactly once', () => {
  const screen = new Screen();
  const p = createStepProgress(NAMES, screen, false);
  const log = p.wrap(createLogger({ verbose: false, quiet: false }, (s) => screen.write(s)));
  const records: StepRecord[] = [];
  p.update(records, 'verify');
  records.push(rec('verify'));
  p.update(records, null);
  p.update(records, 'collect');
  log.info('[1/1] AAPL: 300 new');
  log.warn('something to know');
  records.push(rec('collect'));
  p.update(records, null);
  records.push(rec('train', 'skipped'), rec('reports'));
  p.finish(records);
  const lines = screen.text().split('\n');
  assert.deepEqual(lines.slice(0, 2), ['[1/1] AAPL: 300 new', 'warning: something to know']);
  for (const name of NAMES) assert.equal(lines.filter((l) => l.includes(`${name} done`)).length, 1, screen.text());
  assert.equal(lines.length, 2 + NAMES.length, screen.text());
  assert.match(lines[4]!, /^– train/);
  assert.ok(p.shown);
});

test('not a terminal: exactly one line per step, skipped steps at the end included', () => {
  const out: string[] = [];
  const p = createStepProgress(NAMES, { write: (s: string) => out.push(s), isTTY: false }, false);
  const records: StepRecord[] = [];
  for (const n of ['verify', 'collect']) {
    p.update(records, n);
    records.push(rec(n));
    p.update(records, null);
  }
  records.push(rec('train', 'skipped'), rec('reports', 'skipped'));
  p.finish(records);
  const lines = out.join('').trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split(' ')[1]),
    NAMES,
  );
  assert.ok(!lines.some((l) => l.startsWith('▶')));
});

test('ats daily piped: one line per step on stderr, and stdout does not list the steps again', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(['daily', '--symbols', 'AAPL', '--days', '300', '--skip', 'train,playbook,orders'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const steps = DAILY_STEP_NAMES;
  for (const s of steps) {
    const mentions = (r.stderr + r.stdout)
      .split('\n')
      .filter((l) => new RegExp(`^\\S+ ${s} `).test(l) || new RegExp(`^\\s+\\w+\\s+${s}\\s`).test(l));
    assert.equal(mentions.length, 1, `${s}:\n${r.stderr}\n${r.stdout}`);
  }
  assert.match(r.stdout, /^daily run for 2023-12-29 completed\n/);
});
