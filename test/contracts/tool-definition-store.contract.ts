import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToolDefinitionSchema, type ToolDefinition } from '../../server/tools/tool-definition.js';
import type { ToolDefinitionStore } from '../../server/tools/tool-definition-store.js';

export interface ToolDefinitionStoreHarness {
  store: ToolDefinitionStore;
  /** Another store on the same storage, as a restarted process or a second node would open it. */
  openAnother(): Promise<ToolDefinitionStore>;
  cleanup(): Promise<void>;
}

const tool = (name: string, overrides: Partial<ToolDefinition> = {}): ToolDefinition =>
  ToolDefinitionSchema.parse({
    name,
    description: `look up ${name}`,
    url: `https://shop.example/api/users/{{viewer.userId}}/${name}`,
    allowedHosts: ['shop.example'],
    response: { id: { pointer: '/id', type: 'string' } },
    ...overrides,
  });

/** What every ToolDefinitionStore promises, for each adapter. */
export function runToolDefinitionStoreContract(
  name: string,
  createHarness: () => Promise<ToolDefinitionStoreHarness>,
): void {
  describe(`ToolDefinitionStore contract: ${name}`, () => {
    let harness: ToolDefinitionStoreHarness;
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('creates, replaces and lists tools by name, for another store on the same storage too', async () => {
      const { store } = harness;
      expect(await store.list()).toEqual([]);
      const at = '2026-12-07T10:00:00.000Z';
      expect(await store.put({ definition: tool('shipment'), updatedAt: at, updatedBy: 'admin' })).toEqual({
        created: true,
      });
      expect(await store.put({ definition: tool('order'), updatedAt: at, updatedBy: 'admin' })).toEqual({
        created: true,
      });
      const changed = tool('order', { timeoutMs: 900, description: 'the latest order' });
      const later = '2026-12-07T11:00:00.000Z';
      expect(await store.put({ definition: changed, updatedAt: later, updatedBy: 'editor-ann' })).toEqual({
        created: false,
      });
      const other = await harness.openAnother();
      expect(await other.list()).toEqual([
        { definition: changed, updatedAt: later, updatedBy: 'editor-ann' },
        { definition: tool('shipment'), updatedAt: at, updatedBy: 'admin' },
      ]);
    });

    it('removes a tool once and refuses a definition that does not validate', async () => {
      const { store } = harness;
      await store.put({
        definition: tool('order'),
        updatedAt: '2026-12-07T10:00:00.000Z',
        updatedBy: 'admin',
      });
      expect(await store.remove('order')).toBe(true);
      expect(await store.remove('order')).toBe(false);
      const bad = { ...tool('order'), allowedHosts: ['elsewhere.example'] };
      await expect(
        store.put({ definition: bad, updatedAt: '2026-12-07T10:00:00.000Z', updatedBy: 'admin' }),
      ).rejects.toThrow();
      expect(await store.list()).toEqual([]);
    });
  });
}
