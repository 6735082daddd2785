import { nyDate, nyOffsetMs } from '../time.js';

/** `YYYY-MM-DD HH:MM America/New_York`. */
export function formatNy(ms: number): string {
  const hhmm = new Date(ms + nyOffsetMs(ms)).toISOString().slice(11, 16);
  return `${nyDate(ms)} ${hhmm} America/New_York`;
}

/** The same instant on this machine's clock, for the user reading `status` (display only). */
export function formatLocal(ms: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${zone}`;
}
