import type { PostgresMigration } from '../postgres-migration.js';

/** Knowledge entries, their versions, synonyms and domain-pack overrides. */
export const KNOWLEDGE_SCHEMA: PostgresMigration = {
  version: 1,
  name: 'knowledge-schema',
  statements: [],
};
