import type { Context, Hono, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AuditLog } from '../audit/audit-log.js';
import { clientIp } from './client-ip.js';
import type { StaffPrincipal, ViewerPrincipal } from './require-role.js';

/** How one route's calls are recorded: the action, what it acts on, and when it counts. */
export interface AuditRule {
  action: string;
  /** The subject: a path parameter's name, or a function of the request. */
  subject?: string | ((context: Context) => string | undefined);
  /** Only calls this holds for are recorded (a CSV export, not every read of the figures). */
  when?: (context: Context) => boolean;
}

/**
 * The staff actions that leave a trace, by `METHOD path` as the route was registered: account and
 * knowledge changes, reads that reveal a viewer's words, and exports. Sign-ins are recorded where they
 * are decided (auth-routes.ts), with the username tried and the back-off.
 */
export const AUDITED_ROUTES: Readonly<Record<string, AuditRule>> = {
  'POST /api/users': { action: 'user.create' },
  'PATCH /api/users/:id': { action: 'user.update', subject: 'id' },
  'DELETE /api/users/:id': { action: 'user.delete', subject: 'id' },
  'POST /api/viewer/tokens': { action: 'viewer-token.issue' },
  'POST /api/platform-keys/signing-keys': { action: 'platform.signing-key.create' },
  'DELETE /api/platform-keys/signing-keys/:id': { action: 'platform.signing-key.revoke', subject: 'id' },
  'POST /api/platform-keys/api-keys': { action: 'platform.api-key.create' },
  'DELETE /api/platform-keys/api-keys/:id': { action: 'platform.api-key.revoke', subject: 'id' },
  'PUT /api/knowledge/entries/:id': { action: 'knowledge.entry.save', subject: 'id' },
  'DELETE /api/knowledge/entries/:id': { action: 'knowledge.entry.delete', subject: 'id' },
  'PUT /api/knowledge/synonyms': { action: 'knowledge.synonym.save' },
  'DELETE /api/knowledge/synonyms': {
    action: 'knowledge.synonym.delete',
    subject: (context) => context.req.query('term'),
  },
  'PUT /api/knowledge/domain-packs/:packId/groups/:groupId': {
    action: 'knowledge.domain-pack.save',
    subject: (context) => `${context.req.param('packId')}/${context.req.param('groupId')}`,
  },
  'DELETE /api/knowledge/domain-packs/:packId/groups/:groupId': {
    action: 'knowledge.domain-pack.reset',
    subject: (context) => `${context.req.param('packId')}/${context.req.param('groupId')}`,
  },
  'POST /api/knowledge/domain-packs/versions/:versionId/revert': {
    action: 'knowledge.domain-pack.revert',
    subject: 'versionId',
  },
  'POST /api/knowledge/import': { action: 'knowledge.import' },
  'POST /api/knowledge/versions/:versionId/revert': { action: 'knowledge.rollback', subject: 'versionId' },
  'POST /api/knowledge/proposals/:id/approve': { action: 'knowledge.proposal.approve', subject: 'id' },
  'GET /api/knowledge/export': { action: 'knowledge.export' },
  'GET /api/conversations/:id': { action: 'conversation.reveal', subject: 'id' },
  'GET /api/viewers/:viewerId/conversations': { action: 'viewer.history.reveal', subject: 'viewerId' },
  'PUT /api/tools/:name': { action: 'tool.save', subject: 'name' },
  'DELETE /api/tools/:name': { action: 'tool.delete', subject: 'name' },
  'POST /api/tools/:name/try': { action: 'tool.try', subject: 'name' },
  'GET /api/conversations/:id/commerce': { action: 'conversation.commerce.reveal', subject: 'id' },
  'POST /api/conversations/:id/pii/reveal': { action: 'conversation.pii.reveal', subject: 'id' },
  'PUT /api/conversations/:id/sensitive': { action: 'conversation.sensitive.mark', subject: 'id' },
  'GET /api/privacy/viewers/:viewerId/export': { action: 'privacy.viewer.export', subject: 'viewerId' },
  'POST /api/privacy/viewers/:viewerId/erase': { action: 'privacy.viewer.erase', subject: 'viewerId' },
  'POST /api/privacy/retention/run': { action: 'privacy.retention.run-now' },
  'POST /api/webhooks': { action: 'webhook.create' },
  'PATCH /api/webhooks/:id': { action: 'webhook.update', subject: 'id' },
  'DELETE /api/webhooks/:id': { action: 'webhook.delete', subject: 'id' },
  'POST /api/webhooks/:id/rotate-secret': { action: 'webhook.rotate-secret', subject: 'id' },
  'POST /api/webhooks/dead-letters/:deliveryId/retry': {
    action: 'webhook.dead-letter.retry',
    subject: 'deliveryId',
  },
  'DELETE /api/webhooks/dead-letters/:deliveryId': {
    action: 'webhook.dead-letter.discard',
    subject: 'deliveryId',
  },
};

/** CSV downloads of analytics, whichever metric (their paths are one per metric). */
const ANALYTICS_EXPORT: AuditRule = {
  action: 'analytics.export',
  subject: (context) => context.req.path.slice('/api/analytics/'.length),
  when: (context) => context.req.query('format') === 'csv',
};

function ruleFor(method: string, path: string): AuditRule | undefined {
  if (method === 'GET' && path.startsWith('/api/analytics/')) return ANALYTICS_EXPORT;
  return AUDITED_ROUTES[`${method} ${path}`];
}

const notes = new WeakMap<Request, Record<string, unknown>>();

/** Adds fields to the audit row of this request (what an account change changed, what an import held). */
export function noteForAudit(context: Context, details: Record<string, unknown>): void {
  notes.set(context.req.raw, { ...notes.get(context.req.raw), ...details });
}

/**
 * Records the audited routes' calls by signed-in staff after they answer: success below 400, refused on
 * 403. Anonymous and 401 calls are not recorded (the sign-in route records its own).
 */
export function registerAuditTrail(app: Hono, options: { audit: AuditLog; trustProxy: boolean }): void {
  const trail: MiddlewareHandler = async (context, next) => {
    await next();
    const route = matchedRoutes(context)[context.req.routeIndex];
    if (!route) return;
    const rule = ruleFor(context.req.method, route.path);
    if (!rule || (rule.when && !rule.when(context))) return;
    // Set by requireStaff on the routes behind it; the app-level middleware sees it once they ran.
    const principal = (context.var as Record<string, unknown>)['principal'] as
      StaffPrincipal | ViewerPrincipal | undefined;
    if (principal?.kind !== 'staff') return;
    const status = context.res.status;
    if (status >= 400 && status !== 403) return;
    const subject =
      typeof rule.subject === 'function'
        ? rule.subject(context)
        : rule.subject === undefined
          ? undefined
          : context.req.param(rule.subject);
    options.audit.record({
      actorId: principal.userId,
      actorUsername: principal.username ?? null,
      action: rule.action,
      outcome: status === 403 ? 'refused' : 'success',
      subject: subject ?? null,
      address: clientIp(context, options.trustProxy),
      details: { status, ...queryDetails(context), ...notes.get(context.req.raw) },
    });
  };
  app.use('/api/*', trail);
}

/** The query string (format, filters) under `query`, never a body: bodies can hold viewer text or passwords. */
function queryDetails(context: Context): { query?: Record<string, string> } {
  const query = Object.entries(context.req.query()).slice(0, 20);
  if (query.length === 0) return {};
  return { query: Object.fromEntries(query.map(([key, value]) => [key.slice(0, 64), value.slice(0, 200)])) };
}
