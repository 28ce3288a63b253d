import type { Hono } from 'hono';
import { z } from 'zod';
import type { PlatformKeys } from '../platform/platform-keys.js';
import { DanmakuBatchSchema, MAX_DANMAKU_BATCH, RoomIdSchema } from '../room-watch/danmaku-schemas.js';
import type { RoomWatchMetrics } from '../room-watch/room-watch-metrics.js';
import type { RoomWatchService } from '../room-watch/room-watch-service.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { readBearerToken } from './require-role.js';

export const DANMAKU_PUSH_PATH = /^\/api\/platform\/rooms\/[^/]+\/danmaku$/u;

const AcceptedSchema = z.object({ accepted: z.number().int() });

export interface DanmakuPushRouteOptions {
  keys: Pick<PlatformKeys, 'authenticate'>;
  rooms: Pick<RoomWatchService, 'push' | 'busyFor'>;
  metrics: RoomWatchMetrics;
}

/**
 * `POST /api/platform/rooms/:roomId/danmaku`: a platform's batch of live comments, gifts and moderation actions
 * for one room (issue 16). Refusals are counted by reason; the per-address limit of other routes does not apply
 * (a platform pushes from few addresses), the per-key and per-room token buckets do.
 */
export function registerDanmakuPushRoutes(
  app: Hono,
  options: DanmakuPushRouteOptions,
  registry: ApiRegistry,
): void {
  app.post('/api/platform/rooms/:roomId/danmaku', async (context) => {
    const secret = readBearerToken(context.req.header('authorization'));
    const key = secret === undefined ? undefined : await options.keys.authenticate(secret);
    if (!key) {
      options.metrics.refused('unauthenticated', 'http');
      return context.json({ error: 'unauthorized', message: 'a valid platform API key is required' }, 401, {
        'www-authenticate': 'Bearer',
      });
    }
    if (options.rooms.busyFor(key.id)) {
      options.metrics.refused('overloaded', 'http');
      return context.json({ error: 'unavailable', message: 'the room watch is busy; try again' }, 503, {
        'retry-after': '1',
      });
    }
    const roomId = RoomIdSchema.safeParse(context.req.param('roomId'));
    const body = await readJsonBody(context, DanmakuBatchSchema);
    if (!roomId.success || !body.ok) {
      options.metrics.refused('malformed', 'http');
      if (!body.ok) return body.response;
      return context.json({ error: 'invalid_input', message: 'bad roomId' }, 400);
    }
    const outcome = options.rooms.push(
      { platformId: key.platformId, keyId: key.id },
      roomId.data,
      body.value,
    );
    if (!outcome.ok) {
      options.metrics.refused(outcome.reason, 'http');
      const retryAfter = String(Math.ceil(outcome.retryAfterMs / 1000));
      return outcome.reason === 'rate_limited'
        ? context.json({ error: 'rate_limited', message: 'too many danmaku for this key or room' }, 429, {
            'retry-after': retryAfter,
          })
        : context.json({ error: 'unavailable', message: 'the room watch is busy; try again' }, 503, {
            'retry-after': retryAfter,
          });
    }
    return context.json({ accepted: outcome.accepted }, 202);
  });
  registry.add({
    method: 'post',
    path: '/api/platform/rooms/:roomId/danmaku',
    summary: `Pushes up to ${MAX_DANMAKU_BATCH} live comments, gifts and moderation actions of one room for the room watch (rate limited per key and per room)`,
    tag: 'platform',
    auth: 'platform',
    body: DanmakuBatchSchema,
    responses: {
      202: { description: 'Accepted for watching', schema: AcceptedSchema },
      400: { description: 'Malformed: nothing was taken' },
      401: { description: 'No valid platform API key' },
      429: { description: 'Over the key or room rate; nothing was taken' },
      503: { description: 'The watch is behind; nothing was taken' },
    },
  });
}
