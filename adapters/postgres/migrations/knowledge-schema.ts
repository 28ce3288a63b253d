import type { PostgresMigration } from '../postgres-migration.js';

/**
 * Knowledge entries, their versions, synonyms and domain-pack overrides. Several knowledge bases share the
 * tables, told apart by `kb_id`. `at` is the ISO-8601 UTC text the store's clock wrote, as on SQLite.
 */
export const KNOWLEDGE_SCHEMA: PostgresMigration = {
  version: 1,
  name: 'knowledge-schema',
  statements: [
    // One sequence for entry and synonym versions: a knowledge base's changes form one ordered stream, which
    // is what a node that lost its change listener resynchronises from ("everything after version N").
    'CREATE SEQUENCE knowledge_version_ids',
    `CREATE TABLE knowledge_entries (
      kb_id text NOT NULL,
      entry_id text NOT NULL,
      body jsonb NOT NULL,
      updated_at text NOT NULL,
      PRIMARY KEY (kb_id, entry_id)
    )`,
    `CREATE TABLE knowledge_entry_versions (
      version_id bigint PRIMARY KEY DEFAULT nextval('knowledge_version_ids'),
      kb_id text NOT NULL,
      entry_id text NOT NULL,
      action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revert')),
      actor text NOT NULL,
      at text NOT NULL,
      before_body jsonb,
      after_body jsonb
    )`,
    'CREATE INDEX knowledge_entry_versions_by_kb ON knowledge_entry_versions (kb_id, version_id)',
    'CREATE INDEX knowledge_entry_versions_by_entry ON knowledge_entry_versions (kb_id, entry_id, version_id)',
    `CREATE TABLE knowledge_synonyms (
      kb_id text NOT NULL,
      term text NOT NULL,
      locale text,
      canonical text NOT NULL
    )`,
    // NULL (every language) would never collide in a plain unique index, so it is compared as ''.
    `CREATE UNIQUE INDEX knowledge_synonyms_by_term ON knowledge_synonyms (kb_id, term, coalesce(locale, ''))`,
    `CREATE TABLE knowledge_synonym_versions (
      version_id bigint PRIMARY KEY DEFAULT nextval('knowledge_version_ids'),
      kb_id text NOT NULL,
      term text NOT NULL,
      locale text,
      action text NOT NULL CHECK (action IN ('put', 'delete')),
      actor text NOT NULL,
      at text NOT NULL,
      before_canonical text,
      after_canonical text
    )`,
    'CREATE INDEX knowledge_synonym_versions_by_kb ON knowledge_synonym_versions (kb_id, version_id)',
    // One row per edited or added term group: the whole group as the operator left it.
    `CREATE TABLE domain_pack_overrides (
      kb_id text NOT NULL,
      pack_id text NOT NULL,
      group_id text NOT NULL,
      body jsonb NOT NULL,
      updated_at text NOT NULL,
      PRIMARY KEY (kb_id, pack_id, group_id)
    )`,
    // NULL before or after: the shipped group applied (or none, for a group an operator added).
    `CREATE TABLE domain_pack_override_versions (
      version_id bigserial PRIMARY KEY,
      kb_id text NOT NULL,
      pack_id text NOT NULL,
      group_id text NOT NULL,
      action text NOT NULL CHECK (action IN ('put', 'reset', 'revert')),
      actor text NOT NULL,
      at text NOT NULL,
      before_body jsonb,
      after_body jsonb
    )`,
    `CREATE INDEX domain_pack_override_versions_by_group
      ON domain_pack_override_versions (kb_id, pack_id, group_id, version_id)`,
  ],
};
