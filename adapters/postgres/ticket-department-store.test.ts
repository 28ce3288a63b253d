import { afterEach, describe, expect, it } from 'vitest';
import type { TicketDepartmentStore } from '../../engine/tickets/ticket-department-store.js';
import { TICKET_DEPARTMENTS } from '../../engine/tickets/ticket-test-fixtures.js';
import { runTicketDepartmentStoreContract } from '../../test/contracts/ticket-department-store.contract.js';
import {
  createPostgresStoreHarness,
  type PostgresStoreHarness,
} from '../../test/support/postgres-store-harness.js';
import { waitForBlockedSessions } from '../../test/support/wait-for-blocked-sessions.js';
import { createPostgresTicketDepartmentStore } from './ticket-department-store.js';

const open = () => createPostgresStoreHarness((pool) => createPostgresTicketDepartmentStore({ pool }));

runTicketDepartmentStoreContract('postgres', open);

describe('PostgreSQL ticket department store', () => {
  const harnesses: PostgresStoreHarness<TicketDepartmentStore>[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.cleanup();
  });

  it('moves the default for two nodes writing together, one after the other, without a conflict', async () => {
    const harness = await open();
    harnesses.push(harness);
    await harness.store.seed(TICKET_DEPARTMENTS);
    const [nodeA, nodeB] = [await harness.openAnother(), await harness.openAnother()];
    const blocker = await harness.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE ticket_departments IN SHARE MODE');
      const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const department = (id: string) => ({
        ...TICKET_DEPARTMENTS.find((found) => found.id === id)!,
        isDefault: true,
      });
      const racing = Promise.all([nodeA.put(department('tech')), nodeB.put(department('finance'))]);
      await waitForBlockedSessions(harness.pool, { blockerPid: pid, count: 2 });
      await blocker.query('COMMIT');
      await racing;
      const defaults = await harness.pool.query(
        "SELECT department_id FROM ticket_departments WHERE is_default OR (body->>'isDefault')::boolean",
      );
      expect(defaults.rows).toHaveLength(1);
    } finally {
      blocker.release();
    }
  });
});
