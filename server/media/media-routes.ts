import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { ApiRegistry } from '../http/openapi/api-registry.js';
import { clientIp } from '../http/client-ip.js';
import { createKeyedRateLimiter, tooManyRequests } from '../http/rate-limit.js';
import { readBearerToken } from '../http/require-role.js';
import type { RateLimitConfig } from '../config.js';
import type { MediaActor } from './media-actor.js';
import type { MediaService } from './media-service.js';
import { lingerAfterRefusal } from './linger-after-refusal.js';
import { serveMedia } from './serve-media.js';

export interface MediaRouteOptions {
  media: MediaService;
  auth: Pick<Auth, 'verify'>;
  trustProxy: boolean;
  /** Uploads per sender (viewer or staff member) and per client address. */
  uploadRates: { sender: RateLimitConfig; address: RateLimitConfig };
  nowMs?: (() => number) | undefined;
}

const UploadQuerySchema = z.object({
  conversationId: z.string().min(1).max(200),
  as: z.enum(['sticker']).optional(),
  name: z.string().max(500).optional(),
});
const VariantQuerySchema = z.object({ variant: z.enum(['full', 'thumb']).default('full') });
const ServeQuerySchema = z.object({
  variant: z.enum(['full', 'thumb']),
  exp: z.string().max(20),
  sig: z.string().max(100),
});
const ErrorSchema = z.object({ error: z.string(), message: z.string() });
const UploadAnswerSchema = z.object({
  mediaId: z.string(),
  kind: z.enum(['image', 'sticker', 'voice', 'file']),
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  durationMs: z.number().int().optional(),
  sequence: z.number().int(),
});
const SignedUrlSchema = z.object({ url: z.string(), expiresAt: z.string() });

const TAG = 'media';

/**
 * Media in the chat (issue 17): `POST /api/media` (the body is the file), `GET /api/media/:id/url` (a fresh
 * signed link) and `GET /media/:id` (the bytes, for a valid signature, no bearer: `<img src>` works).
 */
const mediaCors = cors({
  origin: '*',
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type', 'authorization'],
  maxAge: 600,
});

export function registerMediaRoutes(app: Hono, options: MediaRouteOptions, registry: ApiRegistry): void {
  const { media, auth } = options;
  const clock = options.nowMs ? { nowMs: options.nowMs } : {};
  const perSender = createKeyedRateLimiter({ limit: options.uploadRates.sender, ...clock });
  const perAddress = createKeyedRateLimiter({ limit: options.uploadRates.address, ...clock });

  // The widget runs on the platform's own pages: its uploads and link refreshes are cross-origin calls with
  // the viewer's bearer token (never a cookie), so any origin may make them.
  app.use('/api/media', mediaCors);
  app.use('/api/media/*', mediaCors);

  const actorOf = async (context: Context): Promise<MediaActor | Response> => {
    const token = readBearerToken(context.req.header('authorization'));
    const principal = token === undefined ? undefined : await auth.verify(token);
    if (!principal)
      return context.json(
        { error: 'unauthorized', message: 'sign in: a valid bearer token is required' },
        401,
        {
          'www-authenticate': 'Bearer',
        },
      );
    return principal.kind === 'viewer'
      ? { kind: 'viewer', viewerId: principal.viewerId }
      : { kind: 'staff', userId: principal.userId, role: principal.role };
  };

  app.post('/api/media', async (context) => {
    const actor = await actorOf(context);
    if (actor instanceof Response) return actor;
    const query = UploadQuerySchema.safeParse(context.req.query());
    if (!query.success)
      return context.json(
        { error: 'invalid_input', message: 'conversationId is required; as may be sticker' },
        400,
      );
    const sender = actor.kind === 'viewer' ? `viewer:${actor.viewerId}` : `staff:${actor.userId}`;
    if (!perSender(sender)) {
      media.countRefusal('rate_limited');
      return tooManyRequests(context, options.uploadRates.sender);
    }
    if (!perAddress(clientIp(context, options.trustProxy))) {
      media.countRefusal('rate_limited');
      return tooManyRequests(context, options.uploadRates.address);
    }
    const result = await media.upload({
      actor,
      conversationId: query.data.conversationId,
      body: context.req.raw.body,
      requested: query.data.as,
      name: query.data.name,
      signal: context.req.raw.signal,
    });
    if (!result.ok) {
      // A body refused part-way is not read to its end, so the connection cannot carry another request:
      // it closes, but only once the client has finished sending, so the answer reaches it.
      const refusedMidway = result.status === 413 || result.status === 415;
      if (refusedMidway) lingerAfterRefusal((context.env as Partial<HttpBindings> | undefined)?.incoming);
      return context.json(
        { error: result.error, message: result.message },
        result.status,
        refusedMidway ? { connection: 'close' } : {},
      );
    }
    const { ok: _ok, ...answer } = result;
    return context.json(answer, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/media',
    summary:
      'Sends an image, sticker, voice clip or allowed file into a conversation; the body is the file, its type decided from its bytes. A viewer token (own conversation) or the token of the agent holding it',
    tag: TAG,
    auth: ['agent'],
    query: UploadQuerySchema,
    bodyContentType: 'application/octet-stream',
    responses: {
      201: { description: 'Stored, and sent as a media-message event', schema: UploadAnswerSchema },
      400: {
        description:
          'No conversation id, an empty body, an image that cannot be read or a voice clip whose container cannot be cleaned of metadata (`invalid_audio`)',
        schema: ErrorSchema,
      },
      401: { description: 'No valid token', schema: ErrorSchema },
      403: { description: 'Staff who reach the conversation but do not hold it', schema: ErrorSchema },
      404: {
        description: 'No such conversation, or one the caller may not reach (the same answer)',
        schema: ErrorSchema,
      },
      409: {
        description: 'An agent’s upload while the conversation is not with a person',
        schema: ErrorSchema,
      },
      413: {
        description: '`too_large`: over the kind’s size or pixel limit; nothing stored',
        schema: ErrorSchema,
      },
      415: {
        description: '`unsupported_type`: not an allowed type by content; nothing stored',
        schema: ErrorSchema,
      },
      429: { description: 'Too many uploads', schema: ErrorSchema },
    },
  });

  app.get('/api/media/:mediaId/url', async (context) => {
    const actor = await actorOf(context);
    if (actor instanceof Response) return actor;
    const query = VariantQuerySchema.safeParse(context.req.query());
    if (!query.success)
      return context.json({ error: 'invalid_input', message: 'variant is full or thumb' }, 400);
    const mediaId = context.req.param('mediaId');
    const record = await media.get(mediaId);
    // One answer for an id that does not exist and one the caller may not reach: ids cannot be probed.
    if (!record || !(await media.mayRead(actor, record.conversationId, context.req.raw.signal)))
      return context.json({ error: 'not_found', message: `no media ${mediaId}` }, 404);
    if (media.keyOf(record, query.data.variant) === undefined)
      return context.json(
        { error: 'not_found', message: `no ${query.data.variant} variant of ${mediaId}` },
        404,
      );
    return context.json(media.urlSigner.sign(record.id, query.data.variant));
  });
  registry.add({
    method: 'get',
    path: '/api/media/:mediaId/url',
    summary:
      'A fresh signed link (10 minutes by default) to a media item, for its viewer or staff who reach its conversation',
    tag: TAG,
    auth: ['agent'],
    query: VariantQuerySchema,
    responses: {
      200: { description: 'The link', schema: SignedUrlSchema },
      401: { description: 'No valid token', schema: ErrorSchema },
      404: {
        description:
          'No such media item or variant, or one in a conversation the caller may not reach (the same answer)',
        schema: ErrorSchema,
      },
    },
  });

  app.get('/media/:mediaId', async (context) => {
    const query = ServeQuerySchema.safeParse(context.req.query());
    const mediaId = context.req.param('mediaId');
    const verdict = query.success ? media.urlSigner.verify({ mediaId, ...query.data }) : 'invalid';
    if (!query.success || verdict !== 'valid')
      return context.json(
        {
          error: 'forbidden',
          message: verdict === 'expired' ? 'the link has expired' : 'the link is not valid',
        },
        403,
      );
    return serveMedia(context, { media, mediaId, variant: query.data.variant, exp: query.data.exp });
  });
  registry.add({
    method: 'get',
    path: '/media/:mediaId',
    summary: 'The bytes of a media item, for a signed link (no bearer); Range requests are answered',
    tag: TAG,
    query: ServeQuerySchema,
    responses: {
      200: { description: 'The file, with its sniffed type', contentType: 'application/octet-stream' },
      206: { description: 'The requested range', contentType: 'application/octet-stream' },
      403: { description: 'A missing, altered or expired signature', schema: ErrorSchema },
      404: { description: 'No such media item (erased)', schema: ErrorSchema },
      416: { description: 'A range outside the file', schema: ErrorSchema },
    },
  });
}
