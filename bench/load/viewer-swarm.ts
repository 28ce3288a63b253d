import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { connect, type LivedeskClient, type ViewerSession } from '../../sdk/src/index.js';
import { signToken } from '../../server/auth/signed-token.js';
import { signingKeyFor } from '../../server/auth/token-keys.js';

/** How a question ended: the answer's reason (`done`, `interrupted`, `error`), or `refused` (not taken). */
export type ReplyOutcome = 'done' | 'interrupted' | 'error' | 'refused';

/**
 * One simulated viewer: an SDK client joined to its own conversation. `ask` sends a question through the
 * SDK and times it from the send to the SDK's final `answer` event (the whole reply, as the app gets it).
 */
export interface SwarmViewer {
  client: LivedeskClient;
  ask(text: string, onReply: (latencyMs: number, outcome: ReplyOutcome) => void): void;
}

export interface SwarmOptions {
  url: string;
  roomId: string;
  count: number;
  /** The server's LIVEDESK_SECRET: viewer tokens are minted here as the platform's backend would. */
  secret: string;
  /** Clients joining at once. */
  concurrency: number;
  progress: (line: string) => void;
}

/** No keep-alive pings during a run of minutes: they would be load the old raw-socket swarm never made. */
const PING_INTERVAL_MS = 60 * 60_000;

/**
 * Opens `count` SDK clients in one room, each joined to its own conversation. Each gets a viewer session
 * minted here (as `POST /api/viewer/session` would mint it), so 10,000 viewers do not go through that
 * endpoint's per-address rate limit; the SDK uses a kept session as it is.
 */
export async function openSwarm(options: SwarmOptions): Promise<SwarmViewer[]> {
  const viewers: SwarmViewer[] = [];
  const nowSeconds = Math.floor(Date.now() / 1000);
  const expiresAt = new Date((nowSeconds + 3600) * 1000).toISOString();
  const secret = await signingKeyFor('viewer', options.secret);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      next += 1;
      const viewerId = randomUUID();
      const token = await signToken(
        {
          kind: 'viewer',
          sub: viewerId,
          roomId: options.roomId,
          tier: 'regular',
          iat: nowSeconds,
          exp: nowSeconds + 3600,
        },
        secret,
      );
      const session: ViewerSession = { token, expiresAt, viewerId, roomId: options.roomId };
      const client = await connect({
        baseUrl: options.url,
        roomId: options.roomId,
        session,
        WebSocket,
        pingIntervalMs: PING_INTERVAL_MS,
      });
      viewers.push(swarmViewer(client));
      if (viewers.length % 1000 === 0) options.progress(`  ${viewers.length} viewers joined`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return viewers;
}

/** Reads the client's events for the whole run: each viewer asks one question at a time. */
function swarmViewer(client: LivedeskClient): SwarmViewer {
  let waiting: { sentAtMs: number; onReply: (latencyMs: number, outcome: ReplyOutcome) => void } | undefined;
  const settle = (outcome: ReplyOutcome): void => {
    if (!waiting) return;
    const { sentAtMs, onReply } = waiting;
    waiting = undefined;
    onReply(performance.now() - sentAtMs, outcome);
  };
  void (async () => {
    for await (const event of client.events()) {
      if (event.type === 'answer' && event.final) settle(event.reason ?? 'done');
      // A turn that ended with nothing said has no final answer; its end still settles the question.
      else if (event.type === 'typing' && event.who === 'assistant' && !event.active) settle('error');
    }
  })();
  return {
    client,
    ask(text, onReply) {
      waiting = { sentAtMs: performance.now(), onReply };
      client.send(text).catch(() => settle('refused'));
    },
  };
}

export async function closeSwarm(viewers: readonly SwarmViewer[]): Promise<void> {
  for (const { client } of viewers) client.close();
  // `close` sends the close frame; give the sockets a moment to finish the handshake.
  await new Promise((resolve) => setTimeout(resolve, 200));
}
