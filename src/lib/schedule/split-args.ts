import { UsageError } from '../errors.js';

/**
 * Split the `--args "..."` string for `ats daily` the way a POSIX shell splits words: whitespace separates,
 * single quotes are literal, double quotes allow \" and \\ escapes. No expansion of any kind.
 */
export function splitArgs(raw: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word = (word ?? '') + c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (raw[i + 1] === '"' || raw[i + 1] === '\\')) word = (word ?? '') + raw[++i]!;
      else word = (word ?? '') + c;
    } else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < raw.length) {
      word = (word ?? '') + raw[++i]!;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new UsageError(`--args: unterminated ${quote} quote in "${raw}"`);
  if (word !== null) out.push(word);
  return out;
}

/** Quote one word for a POSIX shell (a crontab line). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
