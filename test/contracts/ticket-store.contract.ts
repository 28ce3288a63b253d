import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTicketUpdate, type TicketChange } from '../../engine/tickets/apply-ticket-update.js';
import { newTicket } from '../../engine/tickets/new-ticket.js';
import { AGENT, DEPARTMENT_RULES } from '../../engine/tickets/ticket-test-fixtures.js';
import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import type { Ticket } from '../../engine/tickets/ticket.js';

export interface TicketStoreHarness {
  store: TicketStore;
  /**
   * Another store on the same storage, as a restarted process or a second node would open it. The harness
   * closes what it opened in `cleanup`.
   */
  openAnother(): Promise<TicketStore>;
  cleanup(): Promise<void>;
}

/** A new ticket (version 1) with its `created` history row. */
export function madeTicket(
  id: string,
  at: string,
  extra: { conversationId?: string; department?: string; priority?: 'low' | 'urgent' } = {},
): TicketChange {
  const result = newTicket(
    {
      title: `ticket ${id}`,
      description: '',
      priority: extra.priority ?? 'normal',
      assigneeId: null,
      tags: [],
      ...(extra.conversationId ? { conversationId: extra.conversationId } : {}),
      ...(extra.department ? { department: extra.department } : {}),
    },
    { id, actor: AGENT, at, departments: DEPARTMENT_RULES },
  );
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

export function updatedTicket(ticket: Ticket, change: Parameters<typeof applyTicketUpdate>[1]): TicketChange {
  const result = applyTicketUpdate(ticket, change, {
    actor: AGENT,
    at: '2026-06-02T00:00:00.000Z',
    departments: DEPARTMENT_RULES,
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const ids = (page: { tickets: Ticket[] }) => page.tickets.map((ticket) => ticket.id);
const everything = { limit: 100, offset: 0 };

/**
 * What every TicketStore promises, for each adapter:
 * `runTicketStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runTicketStoreContract(name: string, createHarness: () => Promise<TicketStoreHarness>): void {
  describe(`TicketStore contract: ${name}`, () => {
    let harness: TicketStoreHarness;
    let store: TicketStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps tickets and their history for another store on the same storage', async () => {
      const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' });
      await store.insert(first);
      const changed = updatedTicket(first.ticket, {
        expectedVersion: 1,
        status: 'pending',
        note: 'asked the viewer',
      });
      expect(await store.replace(changed, 1)).toBe(true);

      const other = await harness.openAnother();
      expect(await other.get('T-1')).toEqual(changed.ticket);
      expect((await other.history('T-1')).map((entry) => [entry.field, entry.before, entry.after])).toEqual([
        [
          'created',
          null,
          {
            title: 'ticket T-1',
            status: 'open',
            department: 'general',
            priority: 'normal',
            assigneeId: null,
          },
        ],
        ['status', 'open', 'pending'],
      ]);
      expect(await other.get('T-404')).toBeUndefined();
      expect(await other.history('T-404')).toEqual([]);
    });

    it('appends comment rows after the ones written with the ticket, oldest first', async () => {
      const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z');
      await store.insert(first);
      const comment = (text: string, at: string) => ({
        ticketId: 'T-1',
        at,
        actorId: 'u-agent',
        field: 'comment' as const,
        before: null,
        after: null,
        comment: text,
      });
      await store.appendHistory([comment('called the viewer', '2026-06-01T00:05:00.000Z')]);
      await store.appendHistory([
        comment('no answer', '2026-06-01T00:06:00.000Z'),
        comment('left a message', '2026-06-01T00:06:00.000Z'),
      ]);
      await store.appendHistory([]);
      expect((await store.history('T-1')).map((entry) => entry.comment ?? entry.field)).toEqual([
        'created',
        'called the viewer',
        'no answer',
        'left a message',
      ]);
      expect(await store.get('T-1')).toEqual(first.ticket);
    });

    it('refuses a taken id as a conflict and writes none of its history', async () => {
      await store.insert(madeTicket('T-1', '2026-06-01T00:00:00.000Z'));
      const twin = madeTicket('T-1', '2026-06-01T00:09:00.000Z', { priority: 'urgent' });
      await expect(store.insert(twin)).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.get('T-1')).toMatchObject({
        priority: 'normal',
        createdAt: '2026-06-01T00:00:00.000Z',
      });
      expect(await store.history('T-1')).toHaveLength(1);
    });

    it('writes nothing when the stored version moved on (the loser of two concurrent edits)', async () => {
      const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z');
      await store.insert(first);
      const alice = updatedTicket(first.ticket, { expectedVersion: 1, priority: 'high' });
      const bob = updatedTicket(first.ticket, { expectedVersion: 1, priority: 'low' });
      expect(await store.replace(alice, 1)).toBe(true);
      expect(await store.replace(bob, 1)).toBe(false);
      expect(await store.get('T-1')).toMatchObject({ priority: 'high', version: 2 });
      expect((await store.history('T-1')).filter((entry) => entry.field === 'priority')).toHaveLength(1);
      expect(
        await store.replace(updatedTicket(first.ticket, { expectedVersion: 1, priority: 'low' }), 7),
      ).toBe(false);
      const missing = madeTicket('T-404', '2026-06-01T00:00:00.000Z');
      expect(await store.replace(missing, 1)).toBe(false);
      expect(await store.history('T-404')).toEqual([]);
    });

    it('lets exactly one of two stores win a replace with the same expected version', async () => {
      const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z');
      await store.insert(first);
      const other = await harness.openAnother();
      const results = await Promise.all([
        store.replace(updatedTicket(first.ticket, { expectedVersion: 1, priority: 'high' }), 1),
        other.replace(updatedTicket(first.ticket, { expectedVersion: 1, priority: 'low' }), 1),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await store.get('T-1');
      expect(stored).toMatchObject({ version: 2, priority: results[0] ? 'high' : 'low' });
      expect((await store.history('T-1')).filter((entry) => entry.field === 'priority')).toHaveLength(1);
    });

    it('allows one unclosed ticket per conversation, and a new one once the old is closed', async () => {
      const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' });
      await store.insert(first);
      await expect(
        store.insert(madeTicket('T-2', '2026-06-01T00:01:00.000Z', { conversationId: 'c1' })),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.get('T-2')).toBeUndefined();
      expect(await store.history('T-2')).toEqual([]);
      const resolved = updatedTicket(first.ticket, { expectedVersion: 1, status: 'resolved' });
      expect(await store.replace(resolved, 1)).toBe(true);
      await expect(
        store.insert(madeTicket('T-2', '2026-06-01T00:01:00.000Z', { conversationId: 'c1' })),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(
        await store.replace(updatedTicket(resolved.ticket, { expectedVersion: 2, status: 'closed' }), 2),
      ).toBe(true);
      await store.insert(madeTicket('T-2', '2026-06-01T00:01:00.000Z', { conversationId: 'c1' }));
      expect((await store.list({ conversationId: 'c1' }, everything)).total).toBe(2);
      await store.insert(madeTicket('T-3', '2026-06-01T00:02:00.000Z', { conversationId: 'c2' }));
      await store.insert(madeTicket('T-4', '2026-06-01T00:03:00.000Z'));
      await store.insert(madeTicket('T-5', '2026-06-01T00:04:00.000Z'));
    });

    it('lets only one of two stores make an unclosed ticket for the same conversation at once', async () => {
      const other = await harness.openAnother();
      const results = await Promise.allSettled([
        store.insert(madeTicket('T-1', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' })),
        other.insert(madeTicket('T-2', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' })),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((result) => result.status === 'rejected');
      expect(refused?.reason).toMatchObject({ code: 'conflict' });
      const stored = await store.list({ conversationId: 'c1' }, everything);
      expect(stored.total).toBe(1);
      const loser = stored.tickets[0]?.id === 'T-1' ? 'T-2' : 'T-1';
      expect(await store.history(loser)).toEqual([]);
    });

    it('lists newest first, filtered, one page at a time with the total', async () => {
      await store.insert(madeTicket('T-1', '2026-06-01T00:00:00.000Z', { department: 'finance' }));
      await store.insert(madeTicket('T-2', '2026-06-01T00:01:00.000Z', { priority: 'urgent' }));
      await store.insert(
        madeTicket('T-3', '2026-06-01T00:02:00.000Z', { department: 'finance', priority: 'urgent' }),
      );
      const assigned = madeTicket('T-4', '2026-06-01T00:03:00.000Z');
      await store.insert({ ...assigned, ticket: { ...assigned.ticket, assigneeId: 'u-bob' } });

      const all = await store.list({}, { limit: 2, offset: 0 });
      expect([ids(all), all.total]).toEqual([['T-4', 'T-3'], 4]);
      const second = await store.list({}, { limit: 2, offset: 2 });
      expect([ids(second), second.total]).toEqual([['T-2', 'T-1'], 4]);
      const past = await store.list({ department: 'finance' }, { limit: 2, offset: 5 });
      expect([ids(past), past.total]).toEqual([[], 2]);
      expect(ids(await store.list({ department: 'finance' }, everything))).toEqual(['T-3', 'T-1']);
      expect(ids(await store.list({ department: 'finance', priority: 'urgent' }, everything))).toEqual([
        'T-3',
      ]);
      expect(ids(await store.list({ assigneeId: 'u-bob' }, everything))).toEqual(['T-4']);
      expect(ids(await store.list({ assigneeId: null }, everything))).toEqual(['T-3', 'T-2', 'T-1']);
      expect(ids(await store.list({ status: 'open', priority: 'urgent' }, everything))).toEqual([
        'T-3',
        'T-2',
      ]);
      const none = await store.list({ status: 'closed' }, everything);
      expect([ids(none), none.total]).toEqual([[], 0]);
    });

    it('orders tickets made in the same instant by id, and follows a status change in its filters', async () => {
      const at = '2026-06-01T00:00:00.000Z';
      for (const id of ['T-b', 'T-B', 'T-a', 'T-10', 'T-9']) await store.insert(madeTicket(id, at));
      expect(ids(await store.list({}, everything))).toEqual(['T-b', 'T-a', 'T-B', 'T-9', 'T-10']);
      const ticket = (await store.get('T-a'))!;
      expect(await store.replace(updatedTicket(ticket, { expectedVersion: 1, status: 'pending' }), 1)).toBe(
        true,
      );
      expect(ids(await store.list({ status: 'pending' }, everything))).toEqual(['T-a']);
      expect((await store.list({ status: 'open' }, everything)).total).toBe(4);
    });
  });
}
