import type { ToolDefinition } from './tool-definition.js';

/** A tool declared in the admin, with who saved it last and when. */
export interface StoredToolDefinition {
  definition: ToolDefinition;
  updatedAt: string;
  updatedBy: string;
}

/** Where admin-declared tools are kept (SQLite or PostgreSQL; test/contracts/tool-definition-store.contract.ts). */
export interface ToolDefinitionStore {
  /** By name. */
  list(): Promise<StoredToolDefinition[]>;
  /** Creates or replaces the tool of that name; `created` tells which. */
  put(stored: StoredToolDefinition): Promise<{ created: boolean }>;
  /** False when there was no such tool. */
  remove(name: string): Promise<boolean>;
}
