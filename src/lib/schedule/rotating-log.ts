/**
 * The scheduler's log file with size-based rotation, written here rather than left to logrotate (containers and
 * user crontabs have none): when a write would take the file past `maxBytes`, schedule.log becomes schedule.log.1,
 * .1 becomes .2 … and the oldest beyond `keep` is deleted.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const LOG_MAX_BYTES = 1_048_576;
export const LOG_KEEP = 5;

export interface RotatingLog {
  path: string;
  write: (line: string) => void;
}

export function rotatingLog(path: string, maxBytes = LOG_MAX_BYTES, keep = LOG_KEEP): RotatingLog {
  return {
    path,
    write: (line) => {
      const text = line.endsWith('\n') ? line : `${line}\n`;
      mkdirSync(dirname(path), { recursive: true });
      const size = existsSync(path) ? statSync(path).size : 0;
      if (size > 0 && size + Buffer.byteLength(text) > maxBytes) rotate(path, keep);
      appendFileSync(path, text);
    },
  };
}

function rotate(path: string, keep: number): void {
  rmSync(`${path}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
  }
  if (keep >= 1) renameSync(path, `${path}.1`);
  else rmSync(path, { force: true });
}
