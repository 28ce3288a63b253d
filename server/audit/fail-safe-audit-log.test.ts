import { describe, expect, it } from 'vitest';
import type { AuditLog } from './audit-log.js';
import { failSafeAuditLog } from './fail-safe-audit-log.js';

describe('fail-safe audit log', () => {
  it('reports a failed write instead of throwing it at the action that was already done', () => {
    const broken: AuditLog = {
      record: () => {
        throw new Error('database is locked');
      },
      query: () => Promise.resolve([]),
      flush: () => Promise.resolve(),
      prune: () => Promise.resolve(0),
    };
    const reported: string[] = [];
    const audit = failSafeAuditLog(broken, (error, action) => reported.push(`${action}: ${String(error)}`));
    expect(() =>
      audit.record({ actorId: null, actorUsername: null, action: 'auth.login', outcome: 'failure' }),
    ).not.toThrow();
    expect(reported).toEqual(['auth.login: Error: database is locked']);
  });
});
