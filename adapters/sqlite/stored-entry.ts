import { z } from 'zod';
import { EntrySchema } from '../../knowledge/entry.js';
import type { Entry } from '../../knowledge/entry.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { EntryVersion } from '../../knowledge/ports.js';
import type { EntryVersionRow } from './knowledge-statements.js';

const ChangeActionSchema = z.enum(['create', 'update', 'delete', 'revert']);

/**
 * Entries are validated again on the way out: the file may have been edited by hand, restored from an old
 * backup or written by another version, and a bad entry must fail loudly here rather than deep in the matcher.
 */
export function parseStoredEntry(body: string, where: string): Entry {
  try {
    return EntrySchema.parse(JSON.parse(body) as unknown);
  } catch (error) {
    throw new LivedeskError('internal', `the stored ${where} is not a valid entry`, { cause: error });
  }
}

export function parseStoredVersion(row: EntryVersionRow, knowledgeBaseId: string): EntryVersion {
  const where = `version ${row.version_id} of entry "${row.entry_id}" in knowledge base "${knowledgeBaseId}"`;
  const action = ChangeActionSchema.safeParse(row.action);
  if (!action.success) throw new LivedeskError('internal', `the stored ${where} has an unknown action`);
  return {
    versionId: row.version_id,
    entryId: row.entry_id,
    action: action.data,
    actor: row.actor,
    at: row.at,
    before: row.before_body === null ? null : parseStoredEntry(row.before_body, where),
    after: row.after_body === null ? null : parseStoredEntry(row.after_body, where),
  };
}
