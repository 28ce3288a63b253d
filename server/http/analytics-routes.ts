import type { Context, Hono } from 'hono';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { AnalyticsQuerySchema, parseAnalyticsQuery } from '../analytics/analytics-query.js';
import { metricResultSchema, METRIC_SCHEMAS } from '../analytics/analytics-schemas.js';
import { METRIC_NAMES, type AnalyticsService, type MetricName } from '../analytics/analytics-service.js';
import { metricCsv } from '../analytics/metric-csv.js';
import { withDisplayNames, type DisplayNameSource } from '../analytics/with-display-names.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { requireStaff } from './require-role.js';

/** Operators see how support performs; content teams see what the knowledge base misses. */
const OPERATORS: readonly StaffRole[] = ['supervisor'];
const CONTENT: readonly StaffRole[] = ['editor'];

const SUMMARIES: Record<MetricName, string> = {
  'response-times': 'First response time (AI and people), time to a person after handoff, handle time',
  resolution: 'AI resolution rate, escalation rate by reason, first-contact resolution',
  satisfaction: 'Satisfaction: average, distribution, response rate and comments; per agent and AI-only',
  volume: 'Conversations and handoffs by local hour of day and day of week',
  queue: 'Queue length and wait over time, per bucket',
  agents: 'Per agent: conversations handled, median first response and handle time, satisfaction',
  gaps: 'Knowledge gaps: unanswered questions clustered into groups of near-identical questions',
};

/**
 * `GET /api/analytics/<metric>`: every metric over a time range, filtered by room, scenario, team and
 * agent, as JSON or (`format=csv`) CSV. Computed from the conversation event log on request.
 */
export function registerAnalyticsRoutes(
  app: Hono,
  options: {
    analytics: AnalyticsService;
    auth: Pick<Auth, 'verify'>;
    clock: () => Date;
    /** Staff and viewer names shown beside ids; ids only without. */
    names?: DisplayNameSource;
  },
  registry: ApiRegistry,
): void {
  for (const metric of METRIC_NAMES) {
    const roles = metric === 'gaps' ? CONTENT : OPERATORS;
    const path = `/api/analytics/${metric}`;
    app.get(path, requireStaff(options.auth, roles), async (context: Context) => {
      const parsed = parseAnalyticsQuery(context.req.query(), options.clock());
      if (!parsed.ok)
        return context.json(
          { error: 'invalid_input', message: 'bad query parameters', issues: parsed.issues },
          400,
        );
      const { query } = parsed;
      // No request signal: answers are shared between identical requests (a short cache), and one
      // client going away must not fail another's.
      const computed = await options.analytics.metric(metric, query);
      const result = options.names ? await withDisplayNames(computed, options.names) : computed;
      if (query.format === 'json') return context.json(result);
      const name = `livedesk-${metric}${query.table === 'comments' ? '-comments' : ''}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv`;
      return context.body(metricCsv(result, query.table), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
      });
    });
    registry.add({
      method: 'get',
      path,
      summary: SUMMARIES[metric],
      tag: 'analytics',
      auth: roles,
      query: AnalyticsQuerySchema,
      responses: {
        200: {
          description: 'The metric as JSON; with `format=csv` a CSV file (text/csv) of the same figures',
          schema: metricResultSchema(metric, METRIC_SCHEMAS[metric]),
        },
        400: { description: 'Bad query parameters' },
        401: { description: 'Not signed in' },
        403: { description: `Needs ${roles.join(' or ')} (or admin)` },
      },
    });
  }
}
