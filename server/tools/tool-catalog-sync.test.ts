import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteToolDefinitionStore } from '../../adapters/sqlite/tool-definition-store.js';
import { createInProcessBus } from '../cluster/in-process-bus.js';
import { createToolCatalog } from './tool-catalog.js';
import { syncToolCatalog } from './tool-catalog-sync.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tool = (name: string, description = `look up ${name}`) => ({
  name,
  description,
  url: `https://shop.example/api/users/{{viewer.userId}}/${name}`,
  allowedHosts: ['shop.example'],
  response: { id: { pointer: '/id', type: 'string' } },
});

/** Two nodes: each its own connection to one shared store and its own catalog, one bus between them. */
async function twoNodes(options: { sync: boolean }) {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-tool-sync-'));
  const file = path.join(folder, 'livedesk.sqlite');
  const bus = createInProcessBus();
  const nodes = [];
  for (const nodeId of ['node-a', 'node-b']) {
    const database = createSqliteDatabase(file);
    const catalog = await createToolCatalog({
      fileTools: [],
      store: createSqliteToolDefinitionStore({ database }),
    });
    const stop = options.sync ? await syncToolCatalog({ catalog, bus, nodeId }) : () => undefined;
    cleanups.push(() => {
      stop();
      database.close();
    });
    nodes.push(catalog);
  }
  cleanups.push(async () => {
    await bus.close();
    rmSync(folder, { recursive: true, force: true });
  });
  return { a: nodes[0]!, b: nodes[1]! };
}

describe('the commerce tools catalog across nodes', () => {
  it('reloads on the other node when an admin saves, changes or removes a tool', async () => {
    const { a, b } = await twoNodes({ sync: true });
    expect((await a.put(tool('order'), 'admin')).ok).toBe(true);
    await expect.poll(() => b.current().has('order')).toBe(true);
    expect((await a.put(tool('order', 'the latest order'), 'admin')).ok).toBe(true);
    await expect.poll(() => b.current().get('order')?.description).toBe('the latest order');
    expect((await a.remove('order')).ok).toBe(true);
    await expect.poll(() => b.current().has('order')).toBe(false);
  });

  it('without the sync, the other node keeps the tools it loaded (what the bus is for)', async () => {
    const { a, b } = await twoNodes({ sync: false });
    expect((await a.put(tool('order'), 'admin')).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(b.current().has('order')).toBe(false);
  });
});
