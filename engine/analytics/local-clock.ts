import { LivedeskError } from '../../knowledge/errors.js';

/** Local hour (0-23) and ISO weekday (1 = Monday … 7 = Sunday) of an instant. */
export interface LocalTime {
  hour: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
/** Every time zone in use today is offset from UTC by a multiple of 15 minutes. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Local hour and weekday in an IANA time zone, daylight saving included. Intl formatting is slow, so
 * results are kept per UTC quarter hour: within one, the local hour cannot change.
 */
export function createLocalClock(timeZone: string): (ms: number) => LocalTime {
  if (!isTimeZone(timeZone)) throw new LivedeskError('invalid_input', `unknown time zone "${timeZone}"`);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    weekday: 'short',
  });
  const cache = new Map<number, LocalTime>();
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    const known = cache.get(quarter);
    if (known) return known;
    let hour = 0;
    let weekday = 1;
    for (const part of format.formatToParts(new Date(quarter * QUARTER_HOUR_MS))) {
      if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 1;
    }
    const local = { hour, weekday };
    cache.set(quarter, local);
    return local;
  };
}
