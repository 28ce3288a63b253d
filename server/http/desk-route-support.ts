import type { Context } from 'hono';
import type { z } from 'zod';
import type { TicketActor } from '../../engine/tickets/ticket.js';
import type { TicketRefusal } from '../../engine/tickets/ticket-outcome.js';
import { roleAllows } from '../auth/principal.js';
import type { BodyResult } from './read-json-body.js';
import type { StaffEnv } from './require-role.js';

type Issues = { path: string; message: string }[];

function issuesOf(error: z.ZodError): Issues {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function invalidInput(context: Context, message: string, issues?: Issues): Response {
  return context.json({ error: 'invalid_input', message, ...(issues ? { issues } : {}) }, 400);
}

/** Validates the query string; a bad one is a 400 naming each problem. Empty parameters count as absent. */
export function readQuery<T>(context: Context, schema: z.ZodType<T>): BodyResult<T> {
  const given = Object.entries(context.req.query()).filter(([, value]) => value !== '');
  const query = schema.safeParse(Object.fromEntries(given));
  if (query.success) return { ok: true, value: query.data };
  return { ok: false, response: invalidInput(context, 'bad query parameters', issuesOf(query.error)) };
}

/** Validates a path parameter; a malformed one is a 400. */
export function readParam<T>(context: Context, name: string, schema: z.ZodType<T>): BodyResult<T> {
  const value = schema.safeParse(context.req.param(name));
  if (value.success) return { ok: true, value: value.data };
  return { ok: false, response: invalidInput(context, `bad ${name}`, issuesOf(value.error)) };
}

/** A JSON body that may be left out entirely (then `{}` is validated). */
export async function readOptionalJsonBody<T>(
  context: Context,
  schema: z.ZodType<T>,
): Promise<BodyResult<T>> {
  const text = await context.req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      return {
        ok: false,
        response: context.json({ error: 'invalid_json', message: 'the body is not valid JSON' }, 400),
      };
    }
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: invalidInput(context, 'the body does not match the schema', issuesOf(parsed.error)),
  };
}

const REFUSAL_STATUS = { not_found: 404, conflict: 409, forbidden: 403, invalid_input: 400 } as const;

/** A workflow refusal as its HTTP answer. */
export function refusalResponse(context: Context, refusal: TicketRefusal): Response {
  return context.json({ error: refusal.code, message: refusal.message }, REFUSAL_STATUS[refusal.code]);
}

/** The signed-in staff member as the ticket workflow sees them. */
export function ticketActorOf(context: Context<StaffEnv>): TicketActor {
  const principal = context.get('principal');
  return {
    userId: principal.userId,
    name: principal.name,
    supervisor: roleAllows(principal.role, ['supervisor']),
  };
}
