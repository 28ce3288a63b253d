import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';

/**
 * A model's JSON answer checked against `schema`: a code fence around it is tolerated; anything that is
 * not JSON or not the shape throws 'unavailable', naming `where` and what was asked for (`what`).
 */
export function parseModelJson<Schema extends z.ZodType>(
  content: string,
  schema: Schema,
  options: { where: string; what: string },
): z.output<Schema> {
  const fail = (problem: string, cause?: unknown): LivedeskError =>
    new LivedeskError('unavailable', `${options.where} ${problem}`, { cause });
  const json = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/u.exec(content)?.[1] ?? content;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw fail(`answered with a ${options.what} that is not JSON`, error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw fail(`answered with a ${options.what} of the wrong shape (${z.prettifyError(parsed.error)})`);
  return parsed.data;
}
