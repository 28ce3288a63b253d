import type { Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import {
  ConversationPageSchema,
  type ConversationQueries,
} from '../conversation-history/conversation-queries.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { PlatformApiKey } from '../platform/platform-key-store.js';
import type { PlatformKeys } from '../platform/platform-keys.js';
import { platformViewerId } from '../platform/verified-identity.js';
import type { ConversationChannel } from '../realtime/conversation-channel.js';
import { readParam, readQuery } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { readBearerToken } from './require-role.js';

interface PlatformEnv {
  Variables: { platformKey: PlatformApiKey };
}

const tag = 'platform';
const ConversationIdSchema = z.string().trim().min(1).max(128);
const UserIdSchema = z.string().min(1).max(128);
const ShortTextSchema = z.string().trim().min(1).max(200);

/** What the platform may say about where the viewer is watching; the room stays the one the viewer joined. */
export const LiveContextUpdateSchema = z
  .strictObject({
    productInView: ShortTextSchema.optional(),
    streamerId: ShortTextSchema.optional(),
    streamerName: ShortTextSchema.optional(),
    streamState: z.enum(['live', 'paused', 'ended']).optional(),
    scenario: z.enum(['show', 'commerce', 'social']).optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'give at least one field');

/** Something the platform did for the viewer (a refund done): a note for agents, optionally a line for the viewer. */
export const PlatformEventSchema = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'type: a lower-case name such as refund.completed'),
  text: z.string().trim().min(1).max(2000),
  viewerText: z.string().trim().min(1).max(1000).optional(),
});

const ContextResponseSchema = z.object({
  liveContext: z.object({
    roomId: z.string().optional(),
    streamerId: z.string().optional(),
    streamerName: z.string().optional(),
    productInView: z.string().optional(),
    scenario: z.enum(['show', 'commerce', 'social']).optional(),
    streamState: z.enum(['live', 'paused', 'ended']).optional(),
  }),
  sequence: z.number().int().optional(),
});
const EventResponseSchema = z.object({ sequence: z.number().int().optional() });
const HistoryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

/** One answer for an unknown conversation and another platform's: which ids exist is not revealed. */
const UNREACHABLE = {
  error: 'not_found',
  message: "no such conversation among this platform's verified users",
} as const;

const refusals = {
  404: {
    description: "No such conversation among this platform's verified users (unknown or not this platform's)",
  },
  503: { description: 'The event could not be stored; nothing changed' },
};

export interface PlatformApiRoutesOptions {
  keys: Pick<PlatformKeys, 'authenticate'>;
  directory: Pick<ConversationDirectory, 'load'>;
  /** Conversation history; the by-user lookup is left out without. */
  conversations?: ConversationQueries | undefined;
}

/**
 * The inbound platform API (issue 15): the platform's backend, with a platform API key, updates a
 * conversation's live context and posts its own events into it. Both are conversation events, so they are
 * stored, replayed and shown to agents; only conversations of the key's platform's verified users are reachable.
 */
export function registerPlatformApiRoutes(
  app: Hono,
  options: PlatformApiRoutesOptions,
  registry: ApiRegistry,
): void {
  const platform = createMiddleware<PlatformEnv>(async (context, next) => {
    const secret = readBearerToken(context.req.header('authorization'));
    const key = secret === undefined ? undefined : await options.keys.authenticate(secret);
    if (!key)
      return context.json({ error: 'unauthorized', message: 'a valid platform API key is required' }, 401, {
        'www-authenticate': 'Bearer',
      });
    context.set('platformKey', key);
    await next();
  });

  /** The conversation, if it is one of this platform's users'; else the refusal to answer with. */
  const conversationOf = async (
    context: Context<PlatformEnv>,
  ): Promise<{ ok: true; channel: ConversationChannel } | { ok: false; response: Response }> => {
    const id = readParam(context, 'id', ConversationIdSchema);
    if (!id.ok) return id;
    const channel = await options.directory.load(id.value);
    // Another platform's conversation is answered exactly as one that does not exist: a key must not be
    // able to tell which conversation ids are in use.
    if (channel?.conversation.profile.verified?.platformId !== context.get('platformKey').platformId)
      return { ok: false, response: context.json(UNREACHABLE, 404) };
    return { ok: true, channel };
  };

  const unstored = (context: Context) =>
    context.json({ error: 'unavailable', message: 'the event could not be stored; try again' }, 503);

  app.post('/api/platform/conversations/:id/context', platform, async (context) => {
    const body = await readJsonBody(context, LiveContextUpdateSchema);
    if (!body.ok) return body.response;
    const found = await conversationOf(context);
    if (!found.ok) return found.response;
    const { channel } = found;
    const update = body.value;
    let liveContext = channel.conversation.currentLiveContext;
    const committed = await channel.commit(() => {
      liveContext = channel.conversation.updateLiveContext(update);
    });
    const stored = committed.find((item) => item.event.type === 'live-context');
    if (stored?.sequence === undefined) return unstored(context);
    return context.json({ liveContext, sequence: stored.sequence });
  });
  registry.add({
    method: 'post',
    path: '/api/platform/conversations/:id/context',
    summary:
      'Updates where the viewer is watching (product in view, streamer, stream state): later answers, handoffs and tools read it; agents see the change',
    tag,
    auth: 'platform',
    body: LiveContextUpdateSchema,
    responses: {
      200: { description: 'The whole new context, stored', schema: ContextResponseSchema },
      ...refusals,
    },
  });

  app.post('/api/platform/conversations/:id/events', platform, async (context) => {
    const body = await readJsonBody(context, PlatformEventSchema);
    if (!body.ok) return body.response;
    const found = await conversationOf(context);
    if (!found.ok) return found.response;
    const { channel } = found;
    const { type, text, viewerText } = body.value;
    const committed = await channel.commit(() =>
      channel.conversation.platformEvent({
        platformId: context.get('platformKey').platformId,
        eventType: type,
        agentText: text,
        ...(viewerText === undefined ? {} : { viewerText }),
      }),
    );
    if (committed.length === 0 || committed.some((item) => item.sequence === undefined))
      return unstored(context);
    const stored = committed.find((item) => item.event.type === 'platform-event');
    return context.json({ sequence: stored?.sequence });
  });
  registry.add({
    method: 'post',
    path: '/api/platform/conversations/:id/events',
    summary:
      'Posts a platform event (a refund done) into the conversation: an internal note for agents, and `viewerText` as a notice to the viewer when given',
    tag,
    auth: 'platform',
    body: PlatformEventSchema,
    responses: { 200: { description: 'Stored', schema: EventResponseSchema }, ...refusals },
  });

  const { conversations } = options;
  if (!conversations) return;
  app.get('/api/platform/users/:userId/conversations', platform, async (context) => {
    const userId = readParam(context, 'userId', UserIdSchema);
    if (!userId.ok) return userId.response;
    const query = readQuery(context, HistoryQuerySchema);
    if (!query.ok) return query.response;
    const viewerId = platformViewerId(context.get('platformKey').platformId, userId.value);
    const page = await conversations.list(
      { viewerId },
      { limit: query.value.limit, cursor: query.value.cursor, signal: context.req.raw.signal },
    );
    return context.json(page);
  });
  registry.add({
    method: 'get',
    path: '/api/platform/users/:userId/conversations',
    summary: "One of this platform's verified users' conversations, newest first (across devices and rooms)",
    tag,
    auth: 'platform',
    query: HistoryQuerySchema,
    responses: { 200: { description: 'One page of conversations', schema: ConversationPageSchema } },
  });
}
