import type { Entry } from '../../knowledge/entry.js';
import { stringifyEntry } from '../../knowledge/io/index.js';
import type { EntryVersion } from '../../knowledge/ports.js';
import type { KnowledgeStatements } from './knowledge-statements.js';
import { parseStoredEntry } from './stored-entry.js';

export interface EntryChange {
  entryId: string;
  next: Entry | null;
  actor: string;
  at: string;
  /** Defaults to what the change does: create, update or delete. */
  action?: 'revert';
}

/** Reads and writes one entry with its version row; must run inside a transaction. */
export function createEntryWriter({
  statements,
  knowledgeBaseId,
}: {
  statements: KnowledgeStatements;
  knowledgeBaseId: string;
}) {
  function read(entryId: string): Entry | null {
    const row = statements.selectEntry.get(knowledgeBaseId, entryId);
    return row ? parseStoredEntry(row.body, describeEntry(entryId, knowledgeBaseId)) : null;
  }

  /** Records nothing and returns undefined when the entry is already `next`. */
  function apply(change: EntryChange): EntryVersion | undefined {
    const current = read(change.entryId);
    const before = current && stringifyEntry(current);
    const after = change.next && stringifyEntry(change.next);
    if (before === after) return undefined;
    if (after === null) statements.deleteEntry.run(knowledgeBaseId, change.entryId);
    else
      statements.upsertEntry.run({
        kbId: knowledgeBaseId,
        entryId: change.entryId,
        body: after,
        at: change.at,
      });
    const action =
      change.action ?? (current === null ? 'create' : change.next === null ? 'delete' : 'update');
    const { lastInsertRowid } = statements.insertEntryVersion.run({
      kbId: knowledgeBaseId,
      entryId: change.entryId,
      action,
      actor: change.actor,
      at: change.at,
      before,
      after,
    });
    return {
      versionId: Number(lastInsertRowid),
      entryId: change.entryId,
      action,
      actor: change.actor,
      at: change.at,
      before: current,
      after: change.next,
    };
  }

  return { read, apply };
}

export function describeEntry(entryId: string, knowledgeBaseId: string): string {
  return `entry "${entryId}" in knowledge base "${knowledgeBaseId}"`;
}
