import { UsageError } from './errors.js';
import { AssetClass } from './types.js';

const STOCK = /^[A-Z]{1,6}(\.[A-Z]{1,2})?$/;
// Polygon's OCC form: O:<root up to 6><YYMMDD><C|P><strike × 1000, 8 digits>
const OPTION = /^O:[A-Z]{1,6}\d{6}[CP]\d{8}$/;
const CRYPTO = /^X:[A-Z0-9]{2,12}USD$|^X:[A-Z0-9]{2,10}(BTC|ETH|USDT)$/;

/** Trim and upper-case; throw a UsageError naming the symbol when it is not a stock, option or crypto ticker. */
export function normalizeSymbol(raw: string): string {
  const s = raw.trim().toUpperCase();
  if (s === '') throw new UsageError('empty symbol');
  if (STOCK.test(s) || OPTION.test(s) || CRYPTO.test(s)) return s;
  throw new UsageError(
    `invalid symbol "${raw.trim()}": expected a stock (AAPL, BRK.B), an option (O:AAPL250117C00150000) or crypto (X:BTCUSD)`,
  );
}

/** Parse a comma-separated list, normalise, de-duplicate, keep order. */
export function parseSymbolList(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') throw new UsageError('no symbols given: use --symbols AAPL,MSFT');
  const out: string[] = [];
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const s = normalizeSymbol(part);
    if (!out.includes(s)) out.push(s);
  }
  if (out.length === 0) throw new UsageError('no symbols given: use --symbols AAPL,MSFT');
  return out;
}

export function assetClassOf(symbol: string): AssetClass {
  if (symbol.startsWith('O:')) return AssetClass.option;
  if (symbol.startsWith('X:')) return AssetClass.crypto;
  return AssetClass.stock;
}
