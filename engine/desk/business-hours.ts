import { z } from 'zod';

const ClockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like "09:00" or "24:00"');

/** One opening window on the given weekdays (0 Sunday … 6 Saturday), local time in the desk's zone. */
export const OpeningWindowSchema = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).min(1),
    from: ClockTimeSchema,
    to: ClockTimeSchema,
  })
  .refine((window) => minutesOf(window.from) < minutesOf(window.to), '"from" must be before "to"');
export type OpeningWindow = z.infer<typeof OpeningWindowSchema>;

/**
 * When each team answers. `teams['*']` applies to teams not listed; a team with neither is always open,
 * and so is every team when no business hours are configured.
 */
export const BusinessHoursSchema = z.object({
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as "Asia/Shanghai"').default('UTC'),
  teams: z.record(z.string().min(1).max(64), z.array(OpeningWindowSchema).min(1)),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function minutesOf(clockTime: string): number {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

interface LocalTime {
  weekday: number;
  minuteOfDay: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function weekdayClock(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

function localTime(atMs: number, clock: Intl.DateTimeFormat): LocalTime {
  const parts = clock.formatToParts(atMs);
  const part = (type: string): string => parts.find((candidate) => candidate.type === type)?.value ?? '0';
  return {
    weekday: WEEKDAYS[part('weekday')] ?? 0,
    minuteOfDay: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

function windowsOf(hours: BusinessHours | undefined, team: string): OpeningWindow[] | undefined {
  if (!hours) return undefined;
  return hours.teams[team] ?? hours.teams['*'];
}

function openAt(windows: readonly OpeningWindow[], local: LocalTime): boolean {
  return windows.some(
    (window) =>
      window.days.includes(local.weekday) &&
      local.minuteOfDay >= minutesOf(window.from) &&
      local.minuteOfDay < minutesOf(window.to),
  );
}

/** Whether the team answers at this moment. */
export function isTeamOpen(hours: BusinessHours | undefined, team: string, atMs: number): boolean {
  const windows = windowsOf(hours, team);
  if (!windows || !hours) return true;
  return openAt(windows, localTime(atMs, weekdayClock(hours.timeZone)));
}

/**
 * The next moment the team opens after `atMs` (to the minute), undefined when it is open now or never
 * opens. Walks forward a minute at a time over at most eight days: opening times are few and this runs
 * once per out-of-hours handoff.
 */
export function nextOpening(hours: BusinessHours | undefined, team: string, atMs: number): Date | undefined {
  const windows = windowsOf(hours, team);
  if (!windows || !hours || isTeamOpen(hours, team, atMs)) return undefined;
  const minuteMs = 60_000;
  const start = Math.ceil(atMs / minuteMs) * minuteMs;
  // Whole quarter hours first: every sensible opening time is on one, so this is 96 checks a day.
  const stepMs = windows.every((window) => minutesOf(window.from) % 15 === 0) ? 15 * minuteMs : minuteMs;
  const first = Math.ceil(start / stepMs) * stepMs;
  const clock = weekdayClock(hours.timeZone);
  for (let candidate = first; candidate <= start + 8 * 86_400_000; candidate += stepMs) {
    if (openAt(windows, localTime(candidate, clock))) return new Date(candidate);
  }
  return undefined;
}
