import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIT_PRUNE_BATCH,
  AuditQuerySchema,
  type AuditLog,
  type AuditQuery,
  type NewAuditEntry,
} from '../../server/audit/audit-log.js';

export interface AuditLogHarness {
  audit: AuditLog;
  cleanup(): Promise<void>;
}

/**
 * What every AuditLog promises, SQLite and PostgreSQL alike; the harness builds the log on `clock`:
 * `runAuditLogContract('sqlite', async ({ clock }) => ({ audit, cleanup }))`.
 */
export function runAuditLogContract(
  name: string,
  createHarness: (options: { clock: () => Date }) => Promise<AuditLogHarness>,
): void {
  describe(`AuditLog contract: ${name}`, () => {
    let harness: AuditLogHarness;
    let audit: AuditLog;
    let now: Date;

    beforeEach(async () => {
      now = new Date('2026-12-07T10:00:00.000Z');
      harness = await createHarness({ clock: () => now });
      audit = harness.audit;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    const query = (filter: Partial<Record<keyof AuditQuery, unknown>> = {}) =>
      audit.query(AuditQuerySchema.parse(filter));
    const entry = (action: string, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
      actorId: 'u-admin',
      actorUsername: 'admin',
      action,
      outcome: 'success',
      ...overrides,
    });
    const at = (iso: string) => {
      now = new Date(iso);
    };

    it('answers a query with what was recorded before it, without waiting for a flush', async () => {
      expect(await query()).toEqual([]);
      audit.record(entry('auth.login', { subject: 'admin', address: '10.0.0.1', details: { scope: 'ip' } }));
      audit.record({ actorId: null, actorUsername: null, action: 'auth.login', outcome: 'failure' });
      const rows = await query();
      expect(rows).toEqual([
        {
          id: expect.any(Number) as number,
          at: '2026-12-07T10:00:00.000Z',
          actorId: null,
          actorUsername: null,
          action: 'auth.login',
          outcome: 'failure',
          subject: null,
          address: null,
          details: {},
        },
        {
          id: expect.any(Number) as number,
          at: '2026-12-07T10:00:00.000Z',
          actorId: 'u-admin',
          actorUsername: 'admin',
          action: 'auth.login',
          outcome: 'success',
          subject: 'admin',
          address: '10.0.0.1',
          details: { scope: 'ip' },
        },
      ]);
      expect(rows[0]!.id).toBeGreaterThan(rows[1]!.id);
    });

    it('keeps nested details as given', async () => {
      const details = {
        changed: { role: 'agent', skills: ['a', 'b'] },
        roleBefore: 'supervisor',
        count: 2,
        ok: true,
      };
      audit.record(entry('user.update', { details }));
      expect((await query())[0]?.details).toEqual(details);
    });

    it('stamps each entry with the time it was recorded', async () => {
      audit.record(entry('user.create'));
      at('2026-12-07T11:00:00.000Z');
      audit.record(entry('user.delete'));
      expect((await query()).map((row) => [row.action, row.at])).toEqual([
        ['user.delete', '2026-12-07T11:00:00.000Z'],
        ['user.create', '2026-12-07T10:00:00.000Z'],
      ]);
    });

    it('keeps the order entries were recorded in, however many come at once', async () => {
      for (let index = 0; index < 250; index += 1)
        audit.record(entry('knowledge.entry.save', { subject: `e${index}` }));
      await audit.flush();
      const rows = await query({ limit: 1000 });
      expect(rows.map((row) => row.subject)).toEqual(
        Array.from({ length: 250 }, (_, index) => `e${249 - index}`),
      );
    });

    it('filters by actor id or username, by exact action or area, and by outcome', async () => {
      audit.record(entry('knowledge.entry.save', { actorId: 'u-ed', actorUsername: 'editor' }));
      audit.record(entry('knowledge.rollback'));
      audit.record(entry('knowledgebase.odd'));
      audit.record(entry('knowledge', { outcome: 'refused' }));
      audit.record(entry('user.create', { outcome: 'failure' }));
      const actions = async (filter: Partial<Record<keyof AuditQuery, unknown>>) =>
        (await query(filter)).map((row) => row.action);
      expect(await actions({ actor: 'editor' })).toEqual(['knowledge.entry.save']);
      expect(await actions({ actor: 'EDITOR' })).toEqual(['knowledge.entry.save']);
      expect(await actions({ actor: 'u-ed' })).toEqual(['knowledge.entry.save']);
      expect(await actions({ action: 'knowledge' })).toEqual([
        'knowledge',
        'knowledge.rollback',
        'knowledge.entry.save',
      ]);
      expect(await actions({ action: 'knowledge.rollback' })).toEqual(['knowledge.rollback']);
      expect(await actions({ action: 'knowledge', actor: 'admin' })).toEqual([
        'knowledge',
        'knowledge.rollback',
      ]);
      expect(await actions({ outcome: 'failure' })).toEqual(['user.create']);
      expect(await actions({ outcome: 'refused', action: 'knowledge' })).toEqual(['knowledge']);
    });

    it('prunes the entries older than the cutoff, in batches, and keeps the rest', async () => {
      at('2025-01-01T00:00:00.000Z');
      // More than one delete batch of old entries.
      for (let index = 0; index < AUDIT_PRUNE_BATCH + 50; index += 1)
        audit.record(entry('auth.login', { subject: `old-${index}` }));
      at('2025-12-07T09:59:59.999Z');
      audit.record(entry('user.create', { subject: 'just-before' }));
      at('2025-12-07T10:00:00.000Z');
      audit.record(entry('user.update', { subject: 'at-cutoff' }));
      at('2026-12-07T10:00:00.000Z');
      audit.record(entry('user.delete', { subject: 'recent' }));
      const cutoff = new Date('2025-12-07T10:00:00.000Z');
      expect(await audit.prune(cutoff)).toBe(AUDIT_PRUNE_BATCH + 51);
      expect((await query({ limit: 1000 })).map((row) => row.subject)).toEqual(['recent', 'at-cutoff']);
      // Nothing left to prune: a second run deletes nothing.
      expect(await audit.prune(cutoff)).toBe(0);
    });

    it('prunes nothing once aborted', async () => {
      at('2025-01-01T00:00:00.000Z');
      audit.record(entry('auth.login'));
      await expect(
        audit.prune(new Date('2026-01-01T00:00:00.000Z'), { signal: AbortSignal.abort() }),
      ).rejects.toThrow();
      expect(await query()).toHaveLength(1);
    });

    it('filters by time, since inclusive and until exclusive', async () => {
      at('2026-12-07T10:00:00.000Z');
      audit.record(entry('a.one'));
      at('2026-12-07T11:00:00.000Z');
      audit.record(entry('a.two'));
      at('2026-12-07T12:00:00.000Z');
      audit.record(entry('a.three'));
      const actions = async (filter: Partial<Record<keyof AuditQuery, unknown>>) =>
        (await query(filter)).map((row) => row.action);
      expect(await actions({ since: '2026-12-07T11:00:00.000Z' })).toEqual(['a.three', 'a.two']);
      expect(await actions({ until: '2026-12-07T11:00:00.000Z' })).toEqual(['a.one']);
      expect(await actions({ since: '2026-12-07T10:00:00.001Z', until: '2026-12-07T12:00:00Z' })).toEqual([
        'a.two',
      ]);
    });

    it('pages newest first by id', async () => {
      for (let index = 0; index < 7; index += 1) audit.record(entry('user.update', { subject: `s${index}` }));
      const first = await query({ limit: 3 });
      expect(first.map((row) => row.subject)).toEqual(['s6', 's5', 's4']);
      const second = await query({ limit: 3, before: first.at(-1)!.id });
      expect(second.map((row) => row.subject)).toEqual(['s3', 's2', 's1']);
      const third = await query({ limit: 3, before: second.at(-1)!.id });
      expect(third.map((row) => row.subject)).toEqual(['s0']);
    });

    it('flushes at once when nothing waits', async () => {
      await audit.flush();
      audit.record(entry('user.create'));
      await audit.flush();
      await audit.flush();
      expect(await query()).toHaveLength(1);
    });
  });
}
