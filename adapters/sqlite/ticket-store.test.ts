import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyTicketUpdate } from '../../engine/tickets/apply-ticket-update.js';
import { newTicket } from '../../engine/tickets/new-ticket.js';
import { AGENT, DEPARTMENT_RULES } from '../../engine/tickets/ticket-test-fixtures.js';
import type { Ticket } from '../../engine/tickets/ticket.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteTicketStore } from './ticket-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-tickets-'));
  folders.push(folder);
  return path.join(folder, 'livedesk.sqlite');
}

function made(
  id: string,
  at: string,
  extra: { conversationId?: string; department?: string; priority?: 'low' | 'urgent' } = {},
) {
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

function update(ticket: Ticket, change: Parameters<typeof applyTicketUpdate>[1]) {
  const result = applyTicketUpdate(ticket, change, {
    actor: AGENT,
    at: '2026-06-02T00:00:00.000Z',
    departments: DEPARTMENT_RULES,
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('SQLite ticket store', () => {
  it('keeps tickets and their history across a reopen of the file', async () => {
    const file = openFile();
    let database = createSqliteDatabase(file);
    let store = createSqliteTicketStore({ database });
    const first = made('T-1', '2026-06-01T00:00:00.000Z');
    await store.insert(first);
    const changed = update(first.ticket, { expectedVersion: 1, status: 'pending', note: 'asked the viewer' });
    expect(await store.replace(changed, 1)).toBe(true);
    database.close();

    database = createSqliteDatabase(file);
    store = createSqliteTicketStore({ database });
    expect(await store.get('T-1')).toEqual(changed.ticket);
    expect((await store.history('T-1')).map((entry) => [entry.field, entry.before, entry.after])).toEqual([
      [
        'created',
        null,
        { title: 'ticket T-1', status: 'open', department: 'general', priority: 'normal', assigneeId: null },
      ],
      ['status', 'open', 'pending'],
    ]);
    expect(await store.get('T-404')).toBeUndefined();
    database.close();
  });

  it('writes nothing when the stored version moved on (the loser of two concurrent edits)', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteTicketStore({ database });
    const first = made('T-1', '2026-06-01T00:00:00.000Z');
    await store.insert(first);
    const alice = update(first.ticket, { expectedVersion: 1, priority: 'high' });
    const bob = update(first.ticket, { expectedVersion: 1, priority: 'low' });
    expect(await store.replace(alice, 1)).toBe(true);
    expect(await store.replace(bob, 1)).toBe(false);
    expect(await store.get('T-1')).toMatchObject({ priority: 'high', version: 2 });
    expect((await store.history('T-1')).filter((entry) => entry.field === 'priority')).toHaveLength(1);
    database.close();
  });

  it('allows one unclosed ticket per conversation, and a new one once the old is closed', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteTicketStore({ database });
    const first = made('T-1', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' });
    await store.insert(first);
    await expect(
      store.insert(made('T-2', '2026-06-01T00:01:00.000Z', { conversationId: 'c1' })),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await store.get('T-2')).toBeUndefined();
    expect(await store.history('T-2')).toEqual([]);
    const resolved = update(first.ticket, { expectedVersion: 1, status: 'resolved' });
    await store.replace(resolved, 1);
    await store.replace(update(resolved.ticket, { expectedVersion: 2, status: 'closed' }), 2);
    await store.insert(made('T-2', '2026-06-01T00:01:00.000Z', { conversationId: 'c1' }));
    expect((await store.list({ conversationId: 'c1' }, { limit: 10, offset: 0 })).total).toBe(2);
    database.close();
  });

  it('lists newest first, filtered, one page at a time with the total', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteTicketStore({ database });
    await store.insert(made('T-1', '2026-06-01T00:00:00.000Z', { department: 'finance' }));
    await store.insert(made('T-2', '2026-06-01T00:01:00.000Z', { priority: 'urgent' }));
    await store.insert(
      made('T-3', '2026-06-01T00:02:00.000Z', { department: 'finance', priority: 'urgent' }),
    );
    const assigned = made('T-4', '2026-06-01T00:03:00.000Z');
    await store.insert({ ...assigned, ticket: { ...assigned.ticket, assigneeId: 'u-bob' } });

    const ids = (page: { tickets: Ticket[] }) => page.tickets.map((ticket) => ticket.id);
    const all = await store.list({}, { limit: 2, offset: 0 });
    expect([ids(all), all.total]).toEqual([['T-4', 'T-3'], 4]);
    expect(ids(await store.list({}, { limit: 2, offset: 2 }))).toEqual(['T-2', 'T-1']);
    expect(ids(await store.list({ department: 'finance' }, { limit: 10, offset: 0 }))).toEqual([
      'T-3',
      'T-1',
    ]);
    expect(
      ids(await store.list({ department: 'finance', priority: 'urgent' }, { limit: 10, offset: 0 })),
    ).toEqual(['T-3']);
    expect(ids(await store.list({ assigneeId: 'u-bob' }, { limit: 10, offset: 0 }))).toEqual(['T-4']);
    expect(ids(await store.list({ assigneeId: null }, { limit: 10, offset: 0 }))).toEqual([
      'T-3',
      'T-2',
      'T-1',
    ]);
    expect(ids(await store.list({ status: 'closed' }, { limit: 10, offset: 0 }))).toEqual([]);
    database.close();
  });
});
