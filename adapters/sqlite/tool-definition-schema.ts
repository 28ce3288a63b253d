/** The commerce tools declared in the admin (issue 15); tools from LIVEDESK_TOOLS_FILE are not stored. */
export const TOOL_DEFINITION_MIGRATION_DESCRIPTION = 'commerce tool definitions declared in the admin';

export const TOOL_DEFINITION_MIGRATION_SQL = `
  CREATE TABLE tool_definitions (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  ) STRICT;
`;
