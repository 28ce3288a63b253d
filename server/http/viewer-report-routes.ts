import type { Context, Hono } from 'hono';
import type { Auth } from '../auth/auth.js';
import {
  ViewerReportResponseSchema,
  ViewerReportSchema,
  type ViewerReports,
} from '../privacy/viewer-report.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import type { RateLimit } from '../realtime/token-bucket.js';
import { rateLimit } from './rate-limit.js';
import { readJsonBody } from './read-json-body.js';
import { requireViewer, type ViewerEnv } from './require-role.js';

/** Each report is a high-priority ticket and a webhook: a few at once, then one a minute, per viewer. */
const REPORT_RATE_LIMIT: RateLimit = { perSecond: 1 / 60, burst: 5 };

/**
 * A viewer reports the other party of a 1-on-1 room (and may ask for them to be blocked): a ticket for
 * supervisors with the evidence. The viewer's token names who reports; the conversation must be theirs.
 */
export function registerViewerReportRoutes(
  app: Hono,
  options: {
    auth: Pick<Auth, 'verify'>;
    reports: ViewerReports;
    rateLimit?: RateLimit | undefined;
    nowMs?: (() => number) | undefined;
  },
  registry: ApiRegistry,
): void {
  const perViewer = rateLimit({
    limit: options.rateLimit ?? REPORT_RATE_LIMIT,
    key: (context) => (context as Context<ViewerEnv>).get('principal').viewerId,
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
  });
  app.post('/api/viewer/reports', requireViewer(options.auth), perViewer, async (context) => {
    const body = await readJsonBody(context, ViewerReportSchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const outcome = await options.reports.report(
      {
        viewerId: principal.viewerId,
        roomId: principal.roomId,
        tier: principal.tier,
        displayName: principal.displayName,
      },
      body.value,
    );
    if (!outcome.ok)
      return context.json(
        { error: outcome.code, message: outcome.message },
        outcome.code === 'not_found' ? 404 : 403,
      );
    return context.json({ ticketId: outcome.ticketId, blockRequested: outcome.blockRequested }, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/viewer/reports',
    summary:
      'A viewer reports the other party of a 1-on-1 room: a ticket for supervisors with the evidence, and the wish to block sent to the platform',
    tag: 'privacy',
    auth: 'viewer',
    body: ViewerReportSchema,
    responses: {
      201: { description: 'Reported', schema: ViewerReportResponseSchema },
      400: { description: 'A malformed report', schema: ErrorResponseSchema },
      401: { description: 'No viewer token', schema: ErrorResponseSchema },
      403: {
        description: 'A staff token, or a conversation that is not the viewer’s',
        schema: ErrorResponseSchema,
      },
      404: { description: 'No such conversation', schema: ErrorResponseSchema },
      429: {
        description: 'Too many reports from this viewer; Retry-After says when',
        schema: ErrorResponseSchema,
      },
    },
  });
}
