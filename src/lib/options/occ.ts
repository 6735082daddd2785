/**
 * OCC option symbols (OCC Symbology, 2010): root (1–6 letters), expiry YYMMDD, C or P, strike × 1000 in 8
 * digits; `AAPL240119C00190000` is the AAPL 19 Jan 2024 190 call. Polygon prefixes `O:`; Alpaca does not.
 * The stored form is Polygon's (`O:AAPL240119C00190000`, as src/lib/symbols.ts accepts), both spellings in.
 */
import { UsageError } from '../errors.js';
import type { OptionType } from './bsm.js';

export interface OccSymbol {
  root: string;
  /** YYYY-MM-DD. */
  expiry: string;
  type: OptionType;
  strike: number;
}

const SHAPE = /^([A-Z]{1,6})(\d{6})([A-Z])(\d{8})$/;

/** Parse either spelling; a malformed symbol is refused naming its bad part. */
export function parseOcc(raw: string): OccSymbol {
  const text = raw.trim().toUpperCase();
  const body = text.startsWith('O:') ? text.slice(2) : text;
  const bad = (why: string): never => {
    throw new UsageError(`invalid option symbol "${raw.trim()}": ${why}`);
  };
  const m = /^([A-Z]{1,6})(.*)$/.exec(body);
  if (!m) return bad('expected a root of 1 to 6 letters, then YYMMDD, C or P, and the strike × 1000 in 8 digits');
  const rest = m[2]!;
  const date = rest.slice(0, 6);
  if (!/^\d{6}$/.test(date)) return bad(`bad date "${date}": expected YYMMDD`);
  const expiry = `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)}`;
  if (!validDate(expiry)) return bad(`bad date "${date}": no such day`);
  const letter = rest.slice(6, 7);
  if (letter !== 'C' && letter !== 'P') return bad(`bad type letter "${letter}": expected C or P`);
  const strikeField = rest.slice(7);
  if (!/^\d{8}$/.test(strikeField)) return bad(`bad strike field "${strikeField}": expected 8 digits (strike × 1000)`);
  const strike = Number(strikeField) / 1000;
  if (strike <= 0) return bad(`bad strike field "${strikeField}": the strike must be above 0`);
  if (!SHAPE.test(body)) return bad('unexpected characters');
  return { root: m[1]!, expiry, type: letter === 'C' ? 'call' : 'put', strike };
}

/** The stored form, `O:` + OCC. */
export function formatOcc(o: OccSymbol, prefix = true): string {
  const [y, mo, d] = o.expiry.split('-');
  const strike = String(Math.round(o.strike * 1000)).padStart(8, '0');
  if (strike.length !== 8) throw new UsageError(`strike ${o.strike} does not fit the OCC strike field`);
  return `${prefix ? 'O:' : ''}${o.root}${y!.slice(2)}${mo}${d}${o.type === 'call' ? 'C' : 'P'}${strike}`;
}

/** Either spelling → the stored form. */
export function normalizeOcc(raw: string): string {
  return formatOcc(parseOcc(raw));
}

function validDate(iso: string): boolean {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === iso;
}
