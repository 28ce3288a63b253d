import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import { EditorReportRecordSchema } from '../editor-report/editor-report-record.js';
import type { EditorReportService } from '../editor-report/editor-report-service.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { requireStaff, type StaffEnv } from './require-role.js';

/** Agents see what editors are working on; only editors run reports and act on suggestions. */
const READERS: readonly StaffRole[] = ['agent', 'editor'];
const EDITORS: readonly StaffRole[] = ['editor'];
const tag = 'knowledge';

const SuggestionIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a suggestion id: 16 hex digits');

const denied = {
  401: { description: 'Not signed in', schema: ErrorResponseSchema },
  403: { description: 'Not allowed for this role', schema: ErrorResponseSchema },
};

function actorOf(context: Context<StaffEnv>): string {
  const principal = context.get('principal');
  return principal.username ?? principal.userId;
}

/**
 * The knowledge base's quality report: leave-one-out confusions, weak entries and phrasings to add with
 * the change each makes on the suite. Accepting a suggestion is an ordinary entry edit
 * (PUT /api/knowledge/entries/:id), versioned like any other.
 */
export function registerEditorReportRoutes(
  app: Hono,
  options: { reports: EditorReportService; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { reports } = options;
  const readers = requireStaff(options.auth, READERS);
  const editors = requireStaff(options.auth, EDITORS);

  app.post('/api/knowledge/report', editors, async (context) =>
    context.json(await reports.start(actorOf(context)), 202, { location: '/api/knowledge/report' }),
  );
  registry.add({
    method: 'post',
    path: '/api/knowledge/report',
    summary: 'Start a quality report of the knowledge base in the background; one at a time',
    tag,
    auth: EDITORS,
    responses: {
      202: { description: 'Started: poll `location`', schema: EditorReportRecordSchema },
      ...denied,
      409: { description: 'A report is already running', schema: ErrorResponseSchema },
    },
  });

  app.get('/api/knowledge/report', readers, async (context) => context.json(await reports.latest()));
  registry.add({
    method: 'get',
    path: '/api/knowledge/report',
    summary: 'The latest quality report (status `none` before the first), dismissed suggestions left out',
    tag,
    auth: READERS,
    responses: { 200: { description: 'The latest report', schema: EditorReportRecordSchema }, ...denied },
  });

  app.post('/api/knowledge/report/suggestions/:id/dismiss', editors, async (context) => {
    const id = SuggestionIdSchema.safeParse(context.req.param('id'));
    if (!id.success)
      return context.json({ error: 'invalid_input', message: id.error.issues[0]!.message }, 400);
    return context.json(await reports.dismiss(id.data, actorOf(context)));
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/report/suggestions/:id/dismiss',
    summary: 'Dismiss a suggested phrasing: it is left out of this report and every later one',
    tag,
    auth: EDITORS,
    responses: {
      200: { description: 'The report without it', schema: EditorReportRecordSchema },
      400: { description: 'Not a suggestion id', schema: ErrorResponseSchema },
      ...denied,
      404: { description: 'The latest report has no such suggestion', schema: ErrorResponseSchema },
    },
  });
}
