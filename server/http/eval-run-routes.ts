import type { Hono } from 'hono';
import { z } from 'zod';
import type { EvalCase } from '../../eval/eval-case.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import {
  EvalRunIdSchema,
  EvalRunRecordSchema,
  EvalRunSummarySchema,
  type EvalRunSource,
} from '../eval-runs/eval-run-record.js';
import type { EvalRunService } from '../eval-runs/eval-run-service.js';
import { EvalSuiteSchema, readSuiteCases } from '../eval-runs/eval-suites.js';
import { DEFAULT_POSTED_CASES_LIMITS, parsePostedCases } from '../eval-runs/parse-posted-cases.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffPrincipal } from './require-role.js';

/** Content editors (and admins) run evals from the knowledge admin. */
const EVAL_STAFF: readonly StaffRole[] = ['editor'];
const tag = 'eval';

export const StartEvalRunSchema = z.union([
  z.strictObject({ suite: EvalSuiteSchema.describe('a demo suite: its case file under knowledge/demo/') }),
  z.strictObject({
    cases: z
      .string()
      .min(1)
      .max(DEFAULT_POSTED_CASES_LIMITS.maxBytes)
      .describe(
        'eval cases, JSON Lines: {"text", "expected": entry id | null, "escalate"?, "reason"?, "tier"?, "locale"?}',
      ),
  }),
]);

const LineErrorsSchema = ErrorResponseSchema.extend({
  lines: z.array(z.object({ line: z.number().int(), message: z.string() })).optional(),
});

const noRun = { error: 'not_found', message: 'no such eval run' };
const denied = {
  401: { description: 'Not signed in', schema: ErrorResponseSchema },
  403: { description: 'Not an editor', schema: ErrorResponseSchema },
};
const notFound = { description: 'No such run', schema: ErrorResponseSchema };

/** Who started or cancelled a run, as people read it in the admin. */
const actorOf = (principal: StaffPrincipal) => principal.username ?? principal.userId;

/** A run id from the path, or undefined for one that cannot exist (it also names files). */
const runIdOf = (id: string) => (EvalRunIdSchema.safeParse(id).success ? id : undefined);

/**
 * Eval runs for the knowledge admin, against the running server's knowledge base: one at a time, in the
 * background, kept on disk when finished.
 */
export function registerEvalRunRoutes(
  app: Hono,
  options: { runs: EvalRunService; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { runs } = options;
  const editor = requireStaff(options.auth, EVAL_STAFF);

  app.post('/api/eval/runs', editor, async (context) => {
    const body = await readJsonBody(context, StartEvalRunSchema);
    if (!body.ok) return body.response;
    const request = body.value;
    let cases: EvalCase[];
    let source: EvalRunSource;
    if ('suite' in request) {
      cases = await readSuiteCases(request.suite);
      source = { kind: 'suite', suite: request.suite };
    } else {
      const parsed = parsePostedCases(request.cases);
      if (!parsed.ok) {
        const message = 'nothing started: some case lines are invalid';
        return context.json({ error: 'invalid_input', message, lines: parsed.errors }, 400);
      }
      cases = parsed.cases;
      source = { kind: 'cases' };
    }
    const run = await runs.start({ source, cases, createdBy: actorOf(context.get('principal')) });
    return context.json({ run }, 202, { location: `/api/eval/runs/${run.id}` });
  });
  registry.add({
    method: 'post',
    path: '/api/eval/runs',
    summary:
      "Start an eval run, a demo suite or posted cases, against the server's current knowledge base; one at a time",
    tag,
    auth: EVAL_STAFF,
    body: StartEvalRunSchema,
    responses: {
      202: { description: 'Started: follow `location`', schema: z.object({ run: EvalRunSummarySchema }) },
      400: {
        description: 'Bad body, or bad case lines (each named); nothing started',
        schema: LineErrorsSchema,
      },
      ...denied,
      409: { description: 'Another run is still going', schema: ErrorResponseSchema },
      413: { description: 'Body over the size limit', schema: ErrorResponseSchema },
    },
  });

  app.get('/api/eval/runs', editor, async (context) => context.json({ runs: await runs.list() }));
  registry.add({
    method: 'get',
    path: '/api/eval/runs',
    summary: 'Eval runs, newest first, without their reports',
    tag,
    auth: EVAL_STAFF,
    responses: {
      200: { description: 'The runs', schema: z.object({ runs: z.array(EvalRunSummarySchema) }) },
      ...denied,
    },
  });

  app.get('/api/eval/runs/:id', editor, async (context) => {
    const id = runIdOf(context.req.param('id'));
    const run = id === undefined ? undefined : await runs.get(id);
    return run ? context.json(run) : context.json(noRun, 404);
  });
  registry.add({
    method: 'get',
    path: '/api/eval/runs/:id',
    summary: 'One run: status, progress and, once done, the report `livedesk eval --json` writes',
    tag,
    auth: EVAL_STAFF,
    responses: { 200: { description: 'The run', schema: EvalRunRecordSchema }, ...denied, 404: notFound },
  });

  app.get('/api/eval/runs/:id/report.html', editor, async (context) => {
    const id = runIdOf(context.req.param('id'));
    const run = id === undefined ? undefined : await runs.get(id);
    if (!run) return context.json(noRun, 404);
    const html = await runs.reportHtml(run.id);
    if (html === undefined)
      return context.json({ error: 'conflict', message: `the run is ${run.status}: it has no report` }, 409);
    return context.html(html, 200, { 'x-content-type-options': 'nosniff' });
  });
  registry.add({
    method: 'get',
    path: '/api/eval/runs/:id/report.html',
    summary: 'The self-contained HTML report of a finished run',
    tag,
    auth: EVAL_STAFF,
    responses: {
      200: { description: 'The report', contentType: 'text/html' },
      ...denied,
      404: notFound,
      409: {
        description: 'The run has no report: running, failed or cancelled',
        schema: ErrorResponseSchema,
      },
    },
  });

  app.delete('/api/eval/runs/:id', editor, async (context) => {
    const id = runIdOf(context.req.param('id'));
    if (id === undefined) return context.json(noRun, 404);
    return context.json({ run: await runs.cancel(id, actorOf(context.get('principal'))) });
  });
  registry.add({
    method: 'delete',
    path: '/api/eval/runs/:id',
    summary: 'Cancel a running run; answers once it has stopped',
    tag,
    auth: EVAL_STAFF,
    responses: {
      200: { description: 'The cancelled run', schema: z.object({ run: EvalRunRecordSchema }) },
      ...denied,
      404: notFound,
      409: { description: 'The run is not running', schema: ErrorResponseSchema },
    },
  });
}
