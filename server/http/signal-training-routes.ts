import type { Hono } from 'hono';
import { z } from 'zod';
import { LearnedSignalSchema } from '../../engine/signals/learned/signal-model.js';
import type { Auth } from '../auth/auth.js';
import { SignalTrainingJobIdSchema, SignalTrainingJobSchema } from '../signals/signal-training-job.js';
import type { SignalTrainingService } from '../signals/signal-training-service.js';
import { readOptionalJsonBody } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { requireStaff } from './require-role.js';
import { actorOf, denied, SIGNAL_MODEL_STAFF } from './signal-model-routes.js';

const tag = 'signals';

const TallySchema = z.object({ positives: z.number().int(), negatives: z.number().int() });
export const SignalLabelCountsSchema = z.object({
  suite: z.object({ file: z.string(), lines: z.number().int() }),
  desk: z.object({
    labels: z.number().int().describe('escalations that reached an agent'),
    marked: z.number().int().describe('of them, marked "should not have been escalated"'),
  }),
  minPositives: z.number().int(),
  signals: z.array(
    z.object({
      signal: z.string(),
      suite: TallySchema,
      desk: TallySchema,
      enough: z.boolean().describe('enough examples of each class to train'),
    }),
  ),
});

export const StartSignalTrainingSchema = z.strictObject({
  signals: z
    .array(LearnedSignalSchema)
    .min(1)
    .max(40)
    .optional()
    .describe(
      'signals to train (anger, human_request, sensitive:<category>); left out: those with enough examples',
    ),
});

const noJob = { error: 'not_found', message: 'no such signal training' };
const notFound = { description: 'No such job', schema: ErrorResponseSchema };
const jobIdOf = (id: string) => (SignalTrainingJobIdSchema.safeParse(id).success ? id : undefined);

/** Retraining the signals in the background from the suite's dev split and the desk's labels. */
export function registerSignalTrainingRoutes(
  app: Hono,
  options: { training: SignalTrainingService; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { training } = options;
  const editor = requireStaff(options.auth, SIGNAL_MODEL_STAFF);

  app.get('/api/signals/labels', editor, async (context) => context.json(await training.counts()));
  registry.add({
    method: 'get',
    path: '/api/signals/labels',
    summary:
      "What a retrain learns from: per signal, the suite's dev lines and the desk's labels, positive and negative",
    tag,
    auth: SIGNAL_MODEL_STAFF,
    responses: { 200: { description: 'The counts', schema: SignalLabelCountsSchema }, ...denied },
  });

  app.post('/api/signals/training', editor, async (context) => {
    const body = await readOptionalJsonBody(context, StartSignalTrainingSchema);
    if (!body.ok) return body.response;
    const job = await training.start({ signals: body.value.signals, by: actorOf(context.get('principal')) });
    return context.json({ job }, 202, { location: `/api/signals/training/${job.id}` });
  });
  registry.add({
    method: 'post',
    path: '/api/signals/training',
    summary:
      'Retrain in the background; thresholds by cross-validation as the CLI chooses them; a new version is stored, not activated; too few examples: the job fails with the reason',
    tag,
    auth: SIGNAL_MODEL_STAFF,
    body: StartSignalTrainingSchema,
    responses: {
      202: { description: 'Started: follow `location`', schema: z.object({ job: SignalTrainingJobSchema }) },
      400: { description: 'Bad body', schema: ErrorResponseSchema },
      ...denied,
      409: { description: 'Another training is still running', schema: ErrorResponseSchema },
    },
  });

  app.get('/api/signals/training', editor, (context) => context.json({ jobs: training.list() }));
  registry.add({
    method: 'get',
    path: '/api/signals/training',
    summary: "This server process's trainings, newest first",
    tag,
    auth: SIGNAL_MODEL_STAFF,
    responses: {
      200: { description: 'The jobs', schema: z.object({ jobs: z.array(SignalTrainingJobSchema) }) },
      ...denied,
    },
  });

  app.get('/api/signals/training/:id', editor, (context) => {
    const id = jobIdOf(context.req.param('id'));
    const job = id === undefined ? undefined : training.get(id);
    return job ? context.json(job) : context.json(noJob, 404);
  });
  registry.add({
    method: 'get',
    path: '/api/signals/training/:id',
    summary: 'One training: phase, progress, and the version it stored or why it made none',
    tag,
    auth: SIGNAL_MODEL_STAFF,
    responses: { 200: { description: 'The job', schema: SignalTrainingJobSchema }, ...denied, 404: notFound },
  });

  app.delete('/api/signals/training/:id', editor, async (context) => {
    const id = jobIdOf(context.req.param('id'));
    if (id === undefined) return context.json(noJob, 404);
    return context.json({ job: await training.cancel(id, actorOf(context.get('principal'))) });
  });
  registry.add({
    method: 'delete',
    path: '/api/signals/training/:id',
    summary: 'Cancel a running training; answers once it has stopped; nothing is stored',
    tag,
    auth: SIGNAL_MODEL_STAFF,
    responses: {
      200: { description: 'The cancelled job', schema: z.object({ job: SignalTrainingJobSchema }) },
      ...denied,
      404: notFound,
      409: { description: 'The job is not running', schema: ErrorResponseSchema },
    },
  });
}
