import type { PostgresMigration } from '../postgres-migration.js';

/** Tickets with their history, ticket departments, quick replies and auto-reply rules. */
export const DESK_CONTENT_SCHEMA: PostgresMigration = {
  version: 3,
  name: 'desk-content-schema',
  statements: [],
};
