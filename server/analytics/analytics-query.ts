import { z } from 'zod';
import { isTimeZone } from '../../engine/analytics/local-clock.js';

const DAY_MS = 86_400_000;
/** Longer ranges would be years of events in one answer; ask for them piecewise. */
export const MAX_RANGE_DAYS = 400;

const instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO date-time, e.g. 2026-06-01T00:00:00Z` })
    .transform((value) => new Date(value).toISOString());

const optionalName = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} may not be empty`)
    .max(128, `${name} is at most 128 characters`)
    .optional();

/**
 * The query string every analytics route takes. Times default to the last 7 days; windows and buckets
 * are whole minutes so a URL stays readable.
 */
export const AnalyticsQuerySchema = z
  .object({
    from: instant('from').optional(),
    to: instant('to').optional(),
    room: optionalName('room'),
    scenario: z.enum(['show', 'commerce', 'social']).optional(),
    team: optionalName('team'),
    agent: optionalName('agent'),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'timeZone must be an IANA time zone such as Asia/Shanghai')
      .default('UTC'),
    bucketMinutes: z.coerce.number().int().min(1).max(10_080).default(60),
    reopenWindowMinutes: z.coerce.number().int().min(0).max(43_200).default(1440),
    format: z.enum(['json', 'csv']).default('json'),
    /** With `format=csv`: satisfaction's comments instead of its summary. */
    table: z.enum(['main', 'comments']).default('main'),
  })
  .strict();
export type AnalyticsQueryInput = z.input<typeof AnalyticsQuerySchema>;

/** A validated query with its range filled in. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  roomId?: string | undefined;
  scenario?: string | undefined;
  team?: string | undefined;
  agentId?: string | undefined;
  timeZone: string;
  bucketMs: number;
  reopenWindowMs: number;
  format: 'json' | 'csv';
  table: 'main' | 'comments';
}

export type ParsedQuery =
  { ok: true; query: AnalyticsQuery } | { ok: false; issues: { path: string; message: string }[] };

/** Validates the query string; `now` fills the default range (the last 7 days). */
export function parseAnalyticsQuery(raw: Record<string, string>, now: Date): ParsedQuery {
  const parsed = AnalyticsQuerySchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    };
  const value = parsed.data;
  const to = value.to ?? now.toISOString();
  const from = value.from ?? new Date(Date.parse(to) - 7 * DAY_MS).toISOString();
  if (Date.parse(from) >= Date.parse(to))
    return { ok: false, issues: [{ path: 'from', message: 'from must be before to' }] };
  if (Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * DAY_MS)
    return { ok: false, issues: [{ path: 'from', message: `the range is at most ${MAX_RANGE_DAYS} days` }] };
  return {
    ok: true,
    query: {
      from,
      to,
      roomId: value.room,
      scenario: value.scenario,
      team: value.team,
      agentId: value.agent,
      timeZone: value.timeZone,
      bucketMs: value.bucketMinutes * 60_000,
      reopenWindowMs: value.reopenWindowMinutes * 60_000,
      format: value.format,
      table: value.table,
    },
  };
}
