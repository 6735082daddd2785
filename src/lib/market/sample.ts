import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { nyMidnight } from '../time.js';
import { asPromise } from '../as-promise.js';
import type { Bar, SessionDate, TickerDetails } from '../types.js';
import { parseBarsCsv } from './csv-bars.js';
import type { MarketSource } from './source.js';

/** Beside the bars: each sample symbol's SIC code (sector), with its source. */
const SECTORS_FILE = 'sectors.json';

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

  /**
   * The SIC code of a sample symbol, from data/sample/sectors.json (taken from SEC EDGAR, source named in the file);
   * null for a symbol the file does not list. The sample has no other ticker details.
   */
  tickerDetails(symbol: string): Promise<TickerDetails | null> {
    return asPromise(() => {
      const entry = this.sectorFile()[symbol];
      if (entry === undefined) return null;
      return {
        symbol,
        name: null,
        marketCap: null,
        sharesOutstanding: null,
        sicCode: entry.sicCode,
        sicDescription: entry.sicDescription,
      };
    });
  }

  private sectorFile(): Record<string, { sicCode: string; sicDescription: string }> {
    const file = join(this.dir, SECTORS_FILE);
    if (!existsSync(file)) return {};
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { symbols?: unknown };
    const symbols = parsed.symbols;
    if (symbols === null || typeof symbols !== 'object') throw new DataError(`${file}: no "symbols" object`);
    const out: Record<string, { sicCode: string; sicDescription: string }> = {};
    for (const [sym, v] of Object.entries(symbols as Record<string, unknown>)) {
      const e = v as { sicCode?: unknown; sicDescription?: unknown } | null;
      if (typeof e?.sicCode !== 'string') throw new DataError(`${file}: ${sym} has no sicCode`);
      out[sym] = { sicCode: e.sicCode, sicDescription: typeof e.sicDescription === 'string' ? e.sicDescription : '' };
    }
    return out;
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
