import { z } from 'zod';
import { EntrySchema } from '../../knowledge/entry.js';
import type { Entry, EntryInput } from '../../knowledge/entry.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { describeIssues, readableIssueMessages } from '../../knowledge/io/index.js';
import { SynonymSchema } from '../../knowledge/synonym.js';
import type { Synonym } from '../../knowledge/synonym.js';

// Callers are typed, but the store is the last line before disk: an entry built with `as` or from an
// unchecked request must not be stored, so every write is validated here.
const ActorSchema = z.string().trim().min(1).max(200);
const LimitSchema = z.number().int().positive().optional();

export function validateEntry(input: EntryInput, what = 'the entry'): Entry {
  const parsed = EntrySchema.safeParse(input, { error: readableIssueMessages });
  if (!parsed.success) {
    throw new LivedeskError('invalid_input', `${what} is invalid: ${describeIssues(parsed.error.issues)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

export function validateSynonym(input: Synonym): Synonym {
  const parsed = SynonymSchema.safeParse(input, { error: readableIssueMessages });
  if (!parsed.success) {
    throw new LivedeskError(
      'invalid_input',
      `the synonym is invalid: ${describeIssues(parsed.error.issues)}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

export function validateActor(actor: string): string {
  const parsed = ActorSchema.safeParse(actor);
  if (!parsed.success) throw new LivedeskError('invalid_input', 'every change needs an actor (who made it)');
  return parsed.data;
}

export function validateLimit(limit: number | undefined): number | undefined {
  const parsed = LimitSchema.safeParse(limit);
  if (!parsed.success) throw new LivedeskError('invalid_input', 'limit must be a positive whole number');
  return parsed.data;
}
