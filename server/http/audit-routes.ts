import type { Hono } from 'hono';
import { z } from 'zod';
import { AuditEntrySchema, AuditQuerySchema, type AuditLog } from '../audit/audit-log.js';
import type { Auth } from '../auth/auth.js';
import { readQuery } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { requireStaff } from './require-role.js';

const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});

/** The audit log of staff actions, for admins. */
export function registerAuditRoutes(
  app: Hono,
  options: { audit: AuditLog; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  app.get('/api/audit', requireStaff(options.auth, ['admin']), async (context) => {
    const query = readQuery(context, AuditQuerySchema);
    if (!query.ok) return query.response;
    const entries = await options.audit.query(query.value);
    const last = entries.at(-1);
    return context.json({
      entries,
      nextBefore: entries.length === query.value.limit && last ? last.id : null,
    });
  });
  registry.add({
    method: 'get',
    path: '/api/audit',
    summary:
      'Staff actions, newest first: sign-ins (with failures and back-off refusals), account changes, knowledge edits, reveals and exports. Filter by actor (id or username), action (exact, or an area such as `knowledge`), outcome, since (inclusive) and until (exclusive)',
    tag: 'audit',
    auth: ['admin'],
    query: AuditQuerySchema,
    responses: { 200: { description: 'One page of entries', schema: AuditPageSchema } },
  });
}
