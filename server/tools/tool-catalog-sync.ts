import { z } from 'zod';
import type { Bus, HealthReporter } from '../cluster/bus.js';
import type { ToolCatalog } from './tool-catalog.js';

/** Where a node says "the stored tools changed": the others re-read them. */
export const TOOL_CATALOG_CHANNEL = 'cache.tools';

const ToolCatalogChangeSchema = z.object({ nodeId: z.string() });

/**
 * Keeps every node's commerce tools as the admin left them: a node that stored a change says so on the bus,
 * and every other node re-reads the tools from the shared store on receipt. The bus only says "look" (the
 * store holds the tools), so a message lost while the bus was down costs freshness, not data: the catalog
 * is re-read when the bus comes back, and a node taking the cluster's lead re-reads it too (start-server.ts).
 * Returns the way to stop.
 */
export async function syncToolCatalog(options: {
  catalog: Pick<ToolCatalog, 'refresh' | 'onChanged'>;
  bus: Bus & Partial<Pick<HealthReporter, 'onStateChange'>>;
  nodeId: string;
  onError?: ((error: unknown) => void) | undefined;
}): Promise<() => void> {
  const { catalog, bus, nodeId } = options;
  const onError = options.onError ?? (() => undefined);
  const reload = () => void catalog.refresh().catch(onError);
  const unsubscribe = await bus.subscribe(TOOL_CATALOG_CHANNEL, {
    schema: ToolCatalogChangeSchema,
    onMessage: (change) => {
      if (change.nodeId !== nodeId) reload();
    },
  });
  const stopAnnouncing = catalog.onChanged(
    () => void bus.publish(TOOL_CATALOG_CHANNEL, { nodeId }).catch(onError),
  );
  const stopWatching = bus.onStateChange?.((healthy) => {
    if (healthy) reload();
  });
  return () => {
    stopAnnouncing();
    stopWatching?.();
    unsubscribe();
  };
}
