import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDepartment } from '../../engine/tickets/ticket-department.js';
import type { TicketDepartmentStore } from '../../engine/tickets/ticket-department-store.js';
import { TICKET_DEPARTMENTS } from '../../engine/tickets/ticket-test-fixtures.js';

export interface TicketDepartmentStoreHarness {
  store: TicketDepartmentStore;
  /**
   * Another store on the same storage, as a restarted process or a second node would open it. The harness
   * closes what it opened in `cleanup`.
   */
  openAnother(): Promise<TicketDepartmentStore>;
  cleanup(): Promise<void>;
}

const department = (id: string): TicketDepartment => {
  const found = TICKET_DEPARTMENTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no fixture department ${id}`);
  return found;
};
const defaults = (departments: readonly TicketDepartment[]) =>
  departments.filter((candidate) => candidate.isDefault).map((candidate) => candidate.id);

/**
 * What every TicketDepartmentStore promises, for each adapter:
 * `runTicketDepartmentStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runTicketDepartmentStoreContract(
  name: string,
  createHarness: () => Promise<TicketDepartmentStoreHarness>,
): void {
  describe(`TicketDepartmentStore contract: ${name}`, () => {
    let harness: TicketDepartmentStoreHarness;
    let store: TicketDepartmentStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('seeds only an empty store, keeps edits for another store and lists by position, then id', async () => {
      expect(await store.list()).toEqual([]);
      expect(await store.seed(TICKET_DEPARTMENTS)).toBe(5);
      await store.put({ ...department('finance'), names: { zh: '财务部', en: 'Finance' }, position: 1 });
      await store.put({ ...department('tech'), position: 30, enabled: false });

      const other = await harness.openAnother();
      expect(await other.seed(TICKET_DEPARTMENTS)).toBe(0);
      const listed = await other.list();
      expect(listed.map((stored) => stored.id)).toEqual([
        'finance',
        'general',
        'logistics',
        'tech',
        'after-sales',
      ]);
      expect(listed[0]).toEqual({
        ...department('finance'),
        names: { zh: '财务部', en: 'Finance' },
        position: 1,
      });
      expect(listed[3]?.enabled).toBe(false);
    });

    it('moves the default in one write, so exactly one department is the default', async () => {
      await store.seed(TICKET_DEPARTMENTS);
      await store.put({ ...department('tech'), isDefault: true });
      expect(defaults(await store.list())).toEqual(['tech']);
      const general = (await store.list()).find((stored) => stored.id === 'general');
      expect(general).toEqual({ ...department('general'), isDefault: false });
      await store.put({ ...department('general'), isDefault: true, position: 99 });
      expect(defaults(await store.list())).toEqual(['general']);
    });

    it('keeps one default when two stores move it at once', async () => {
      await store.seed(TICKET_DEPARTMENTS);
      const other = await harness.openAnother();
      await Promise.all([
        store.put({ ...department('tech'), isDefault: true }),
        other.put({ ...department('finance'), isDefault: true }),
      ]);
      const chosen = defaults(await store.list());
      expect(chosen).toHaveLength(1);
      expect(['tech', 'finance']).toContain(chosen[0]);
    });

    it('seeds once when two stores seed an empty store at once', async () => {
      const other = await harness.openAnother();
      const written = await Promise.all([store.seed(TICKET_DEPARTMENTS), other.seed(TICKET_DEPARTMENTS)]);
      expect(written.sort()).toEqual([0, 5]);
      expect((await store.list()).map((stored) => stored.id)).toEqual(
        TICKET_DEPARTMENTS.map((stored) => stored.id),
      );
    });

    it('refuses a department that does not parse and writes nothing', async () => {
      await expect(store.put({ ...department('tech'), id: 'Not A Slug' })).rejects.toThrow();
      expect(await store.list()).toEqual([]);
    });
  });
}
