import type { PostgresMigration } from '../postgres-migration.js';

/** The conversation event log and what conversation queries read. */
export const CONVERSATION_SCHEMA: PostgresMigration = {
  version: 2,
  name: 'conversation-schema',
  statements: [],
};
