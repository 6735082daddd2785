import type { Logger } from '../log.js';
import type { StepRecord } from '../store/run-log.js';

const ICON: Record<StepRecord['status'] | 'running' | 'pending', string> = {
  ok: '✓',
  skipped: '–',
  failed: '✗',
  stopped: '·',
  resumed: '↺',
  running: '▶',
  pending: ' ',
};

export interface StepProgress {
  /** A step starts (`running`) or ends (`running` null). */
  update(records: readonly StepRecord[], running: string | null): void;
  /** The chain is over: every step's final line. */
  finish(records: readonly StepRecord[]): void;
  /** A logger whose lines pass above the live view instead of tearing it. */
  wrap(log: Logger): Logger;
  /** Whether the steps were shown (then the result need not list them again). */
  readonly shown: boolean;
}

/** Where progress goes: stderr, or a fake in tests. `isTTY` and `columns` as on a tty.WriteStream. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

/**
 * Step progress: on a terminal, one live list redrawn in place (log lines scroll above it); otherwise exactly one
 * plain line per step once it ends (what cron logs want). Quiet: nothing.
 */
export function createStepProgress(names: readonly string[], stream: ProgressStream, quiet: boolean): StepProgress {
  if (quiet) return { update: () => {}, finish: () => {}, wrap: (log) => log, shown: false };
  return stream.isTTY ? liveProgress(names, stream) : lineProgress(stream);
}

function lineProgress(stream: ProgressStream): StepProgress {
  let printed = 0;
  const flush = (records: readonly StepRecord[]): void => {
    for (; printed < records.length; printed++) {
      const r = records[printed]!;
      stream.write(`${ICON[r.status]} ${r.name} ${r.status} ${seconds(r.ms)} ${r.summary}\n`);
    }
  };
  return {
    update: (records) => flush(records),
    finish: flush,
    wrap: (log) => log,
    get shown() {
      return printed > 0;
    },
  };
}

function liveProgress(names: readonly string[], stream: ProgressStream): StepProgress {
  let drawn = 0;
  let last: { records: readonly StepRecord[]; running: string | null } | null = null;
  const erase = (): void => {
    // up to the first line of the view, then clear to the end of the screen
    if (drawn > 0) stream.write(`\x1b[${drawn}A\r\x1b[J`);
    drawn = 0;
  };
  const draw = (): void => {
    if (!last) return;
    const { records, running } = last;
    const width = Math.max(20, (stream.columns ?? 120) - 1);
    const lines = names.map((name) => {
      const r = records.find((x) => x.name === name);
      if (r) return `${ICON[r.status]} ${name.padEnd(10)} ${seconds(r.ms).padStart(7)}  ${r.summary}`;
      return name === running ? `${ICON.running} ${name.padEnd(10)}     …` : `${ICON.pending} ${name}`;
    });
    erase();
    stream.write(lines.map((l) => `${l.slice(0, width)}\n`).join(''));
    drawn = lines.length;
  };
  const above =
    (write: (m: string) => void) =>
    (m: string): void => {
      erase();
      write(m);
      draw();
    };
  return {
    update: (records, running) => {
      last = { records, running };
      draw();
    },
    finish: (records) => {
      last = { records, running: null };
      draw();
    },
    wrap: (log) => ({
      info: above((m) => log.info(m)),
      warn: above((m) => log.warn(m)),
      debug: above((m) => log.debug(m)),
      error: above((m) => log.error(m)),
    }),
    get shown() {
      return last !== null;
    },
  };
}
