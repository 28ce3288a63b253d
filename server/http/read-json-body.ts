import type { Context } from 'hono';
import type { z } from 'zod';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads and validates a JSON body; every failure is a 4xx with a message the caller can act on. */
export async function readJsonBody<T>(context: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  // Size is capped upstream by the body-limit middleware (body-limits.ts).
  const text = await context.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      response: context.json({ error: 'invalid_json', message: 'the body is not valid JSON' }, 400),
    };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    return {
      ok: false,
      response: context.json(
        { error: 'invalid_input', message: 'the body does not match the schema', issues },
        400,
      ),
    };
  }
  return { ok: true, value: parsed.data };
}
