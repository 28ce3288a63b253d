import type { PostgresMigration } from '../postgres-migration.js';

/** Analytics projections, phrasing proposals and eval runs. */
export const ANALYTICS_SCHEMA: PostgresMigration = {
  version: 5,
  name: 'analytics-schema',
  statements: [],
};
