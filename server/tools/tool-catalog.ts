import { LivedeskError } from '../../knowledge/errors.js';
import { ToolDefinitionSchema, type ToolDefinition } from './tool-definition.js';
import type { ToolDefinitionStore } from './tool-definition-store.js';

export interface CatalogTool {
  definition: ToolDefinition;
  /** `file`: LIVEDESK_TOOLS_FILE or the demo shop's file, read-only in the admin; `admin`: stored. */
  source: 'file' | 'admin';
  updatedAt?: string | undefined;
  updatedBy?: string | undefined;
}

export type CatalogWrite =
  | { ok: true; tool: CatalogTool; created: boolean }
  | { ok: false; code: 'invalid_input' | 'conflict' | 'not_found'; message: string; issues?: unknown };

export interface ToolCatalog {
  /** The tools in force, by name: what the runner and the answer filler read on every call. */
  current: () => ReadonlyMap<string, ToolDefinition>;
  list(): CatalogTool[];
  put(input: unknown, actor: string): Promise<CatalogWrite>;
  remove(name: string): Promise<CatalogWrite | { ok: true; removed: true }>;
  /** Re-reads the stored tools (another node's edits). */
  refresh(): Promise<void>;
  /** Calls `listener` after each admin write this catalog stored (tool-catalog-sync.ts tells the other nodes). */
  onChanged(listener: () => void): () => void;
}

/**
 * File tools and admin tools under one set of names: a file tool cannot be replaced or removed in the
 * admin (the file is the operator's), and every admin write is validated before it is stored.
 */
export async function createToolCatalog(options: {
  fileTools: readonly ToolDefinition[];
  store?: ToolDefinitionStore | undefined;
  clock?: (() => Date) | undefined;
}): Promise<ToolCatalog> {
  const clock = options.clock ?? (() => new Date());
  const fileTools = new Map(options.fileTools.map((tool) => [tool.name, tool]));
  let stored: CatalogTool[] = [];
  let current = new Map<string, ToolDefinition>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const rebuild = () => {
    current = new Map([
      ...stored
        .filter((tool) => !fileTools.has(tool.definition.name))
        .map((tool) => [tool.definition.name, tool.definition] as const),
      ...fileTools,
    ]);
  };
  const refresh = async () => {
    stored = ((await options.store?.list()) ?? []).map((row) => ({ ...row, source: 'admin' as const }));
    rebuild();
  };
  await refresh();
  return {
    current: () => current,
    list: () =>
      [
        ...[...fileTools.values()].map((definition): CatalogTool => ({ definition, source: 'file' })),
        ...stored.filter((tool) => !fileTools.has(tool.definition.name)),
      ].sort((a, b) => a.definition.name.localeCompare(b.definition.name)),
    async put(input, actor) {
      const parsed = ToolDefinitionSchema.safeParse(input);
      if (!parsed.success)
        return {
          ok: false,
          code: 'invalid_input',
          message: 'invalid tool definition',
          issues: parsed.error.issues,
        };
      if (fileTools.has(parsed.data.name))
        return { ok: false, code: 'conflict', message: `${parsed.data.name} is declared in the tools file` };
      if (!options.store) throw new LivedeskError('unavailable', 'no tool store');
      const row = { definition: parsed.data, updatedAt: clock().toISOString(), updatedBy: actor };
      const { created } = await options.store.put(row);
      await refresh();
      changed();
      return { ok: true, tool: { ...row, source: 'admin' }, created };
    },
    async remove(name) {
      if (fileTools.has(name))
        return { ok: false, code: 'conflict', message: `${name} is declared in the tools file` };
      if (!options.store || !(await options.store.remove(name)))
        return { ok: false, code: 'not_found', message: `no tool ${name}` };
      await refresh();
      changed();
      return { ok: true, removed: true };
    },
    refresh,
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
