import type { Hono } from 'hono';
import { z } from 'zod';
import {
  SignalModelChoiceSchema,
  SignalModelVersionSchema,
} from '../../engine/signals/learning/signal-model-version.js';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import type { SignalModelCatalog } from '../signals/signal-model-catalog.js';
import { readParam, readQuery } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffPrincipal } from './require-role.js';

/** Content editors (and admins) look after the signals' models, as they run evals. */
export const SIGNAL_MODEL_STAFF: readonly StaffRole[] = ['editor'];
const tag = 'signals';

const VersionParamSchema = z.coerce.number().int().min(1).max(1_000_000_000);

export const SignalModelListingSchema = z.object({
  choice: SignalModelChoiceSchema.nullable().describe('null until anyone chose; version null: no model'),
  activeVersion: z.number().int().nullable().describe('what conversations read with now; null: lists alone'),
  versions: z.array(SignalModelVersionSchema).describe('newest first'),
});

export const ActivateSignalModelSchema = z.strictObject({
  version: z
    .number()
    .int()
    .min(1)
    .nullable()
    .describe('a stored version, or null for the word lists and intents alone'),
});

const UploadQuerySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).default('model.json').describe("the file's name, for the record"),
});

export const denied = {
  401: { description: 'Not signed in', schema: ErrorResponseSchema },
  403: { description: 'Not an editor', schema: ErrorResponseSchema },
};

/** Who did it, as people read it in the admin. */
export const actorOf = (principal: StaffPrincipal) => principal.username ?? principal.userId;

/** Signal model versions: list, download, upload, activate (roll back, or use none), all in the running server. */
export function registerSignalModelRoutes(
  app: Hono,
  options: { catalog: SignalModelCatalog; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { catalog } = options;
  const editor = requireStaff(options.auth, SIGNAL_MODEL_STAFF);

  app.get('/api/signals/models', editor, async (context) => {
    const listing = await catalog.list();
    return context.json({ ...listing, choice: listing.choice ?? null });
  });
  registry.add({
    method: 'get',
    path: '/api/signals/models',
    summary:
      'Every stored signal model version (without weights) with its held-out and test-split figures, and which one is active',
    tag,
    auth: SIGNAL_MODEL_STAFF,
    responses: { 200: { description: 'The versions', schema: SignalModelListingSchema }, ...denied },
  });

  app.get('/api/signals/models/:version', editor, async (context) => {
    const version = readParam(context, 'version', VersionParamSchema);
    if (!version.ok) return version.response;
    const text = await catalog.modelText(version.value);
    if (text === undefined)
      return context.json({ error: 'not_found', message: `no signal model version ${version.value}` }, 404);
    return context.body(text, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="livedesk-signal-model-v${version.value}.json"`,
    });
  });
  registry.add({
    method: 'get',
    path: '/api/signals/models/:version',
    summary: 'One version as a model file (what LIVEDESK_SIGNALS_MODEL and the upload read)',
    tag,
    auth: SIGNAL_MODEL_STAFF,
    responses: {
      200: { description: 'The model file', contentType: 'application/json' },
      400: { description: 'Not a version number', schema: ErrorResponseSchema },
      ...denied,
      404: { description: 'No such version', schema: ErrorResponseSchema },
    },
  });

  app.post('/api/signals/models', editor, async (context) => {
    const query = readQuery(context, UploadQuerySchema);
    if (!query.ok) return query.response;
    const by = actorOf(context.get('principal'));
    const { version, created } = await catalog.upload(await context.req.text(), {
      name: query.value.name,
      by,
    });
    return context.json({ version, created }, created ? 201 : 200);
  });
  registry.add({
    method: 'post',
    path: '/api/signals/models',
    summary:
      'Upload a model file (livedesk signals train --out): checked before it is stored, measured on the test split, not activated',
    tag,
    auth: SIGNAL_MODEL_STAFF,
    query: UploadQuerySchema,
    bodyContentType: 'application/json',
    responses: {
      201: {
        description: 'Stored as a new version',
        schema: z.object({ version: SignalModelVersionSchema, created: z.boolean() }),
      },
      200: {
        description: 'The same model is stored already: that version',
        schema: z.object({ version: SignalModelVersionSchema, created: z.boolean() }),
      },
      400: {
        description: 'Empty, not JSON, not a signal model, or made for other features: named; nothing stored',
        schema: ErrorResponseSchema,
      },
      ...denied,
      413: { description: 'Body over the size limit', schema: ErrorResponseSchema },
    },
  });

  app.put('/api/signals/active-model', editor, async (context) => {
    const body = await readJsonBody(context, ActivateSignalModelSchema);
    if (!body.ok) return body.response;
    const choice = await catalog.activate(body.value.version, actorOf(context.get('principal')));
    return context.json({ choice });
  });
  registry.add({
    method: 'put',
    path: '/api/signals/active-model',
    summary:
      "Activate a stored version (or roll back to one, or use none): every conversation's next message is read with it, no restart",
    tag,
    auth: SIGNAL_MODEL_STAFF,
    body: ActivateSignalModelSchema,
    responses: {
      200: { description: 'Active now', schema: z.object({ choice: SignalModelChoiceSchema }) },
      400: {
        description: 'Bad body, or the stored version no longer fits this Livedesk: nothing changed',
        schema: ErrorResponseSchema,
      },
      ...denied,
      404: { description: 'No such version: nothing changed', schema: ErrorResponseSchema },
    },
  });
}
