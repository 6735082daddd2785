import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { nyMidnight } from '../time.js';
import { asPromise } from '../as-promise.js';
import type { Bar, SessionDate } from '../types.js';
import { parseBarsCsv } from './csv-bars.js';
import type { MarketSource } from './source.js';

/**
 * The bundled offline source: real daily bars in data/sample/<SYMBOL>.csv, served through the
 * same interface as Polygon. "Today" is the last sample session.
 */
export class SampleSource implements MarketSource {
  readonly name = 'sample' as const;
  readonly requestCount = 0;
  private readonly cache = new Map<string, Bar[]>();

  constructor(private readonly dir: string) {
    if (!existsSync(dir)) throw new DataError(`sample data folder ${dir} is missing`);
  }

  symbols(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => f.slice(0, -4))
      .sort();
  }

  private all(symbol: string): Bar[] {
    let bars = this.cache.get(symbol);
    if (!bars) {
      const file = join(this.dir, `${symbol}.csv`);
      if (!existsSync(file)) {
        throw new DataError(
          `no sample data for ${symbol} (the sample has ${this.symbols().join(', ')}); set POLYGON_API_KEY for other symbols`,
        );
      }
      bars = parseBarsCsv(readFileSync(file, 'utf8'), symbol, file);
      this.cache.set(symbol, bars);
    }
    return bars;
  }

  dailyBars(symbol: string, from: SessionDate, to: SessionDate): Promise<Bar[]> {
    return asPromise(() => {
      const lo = nyMidnight(from);
      const hi = nyMidnight(to);
      return this.all(symbol).filter((b) => b.ts >= lo && b.ts <= hi);
    });
  }

  /**
   * The newest session in any sample file. Reads only each file's last line (not the whole CSV): every
   * command on the sample asks this to fix its clock.
   */
  latestSession(): SessionDate {
    let last = '';
    for (const s of this.symbols()) {
      const d = lastLineDate(join(this.dir, `${s}.csv`));
      if (d > last) last = d;
    }
    if (last === '') throw new DataError(`sample data folder ${this.dir} holds no bars`);
    return last;
  }

  verify(): Promise<string> {
    return asPromise(() => `sample data: ${this.symbols().length} symbols through ${this.latestSession()}`);
  }
}

/** The date at the start of a CSV file's last non-empty line ('' when there is none). */
function lastLineDate(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 4096);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const lines = buf
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(lines[lines.length - 1] ?? '');
    return m ? m[1]! : '';
  } finally {
    closeSync(fd);
  }
}
