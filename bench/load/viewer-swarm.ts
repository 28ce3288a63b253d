import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signToken } from '../../server/auth/signed-token.js';
import { signingKeyFor } from '../../server/auth/token-keys.js';

/** One simulated viewer: a joined socket, and the moment its question left (for the latency). */
export interface SwarmViewer {
  socket: WebSocket;
  conversationId: string;
  sentAtMs?: number | undefined;
  onReply?: (latencyMs: number, reason: string) => void;
}

export interface SwarmOptions {
  url: string;
  roomId: string;
  count: number;
  /** The server's LIVEDESK_SECRET: viewer tokens are minted here as the platform's backend would. */
  secret: string;
  /** Sockets being opened at once. */
  concurrency: number;
  progress: (line: string) => void;
}

/** Opens `count` viewer sockets in one room, each joined to its own conversation. */
export async function openSwarm(options: SwarmOptions): Promise<SwarmViewer[]> {
  const viewers: SwarmViewer[] = [];
  const nowSeconds = Math.floor(Date.now() / 1000);
  const secret = await signingKeyFor('viewer', options.secret);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      next += 1;
      const token = await signToken(
        {
          kind: 'viewer',
          sub: randomUUID(),
          roomId: options.roomId,
          tier: 'regular',
          iat: nowSeconds,
          exp: nowSeconds + 3600,
        },
        secret,
      );
      viewers.push(await joinViewer(`${options.url.replace(/^http/, 'ws')}/ws/viewer`, token));
      if (viewers.length % 1000 === 0) options.progress(`  ${viewers.length} viewers joined`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return viewers;
}

function joinViewer(url: string, token: string): Promise<SwarmViewer> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'join', token })));
    let viewer: SwarmViewer | undefined;
    socket.on('message', (data: Buffer) => {
      // The generator shares the machine with the server: it parses only the frames it needs (the join
      // answer and turn ends), so its own work stays small next to what it measures.
      const raw = data.toString('utf8');
      if (viewer !== undefined && !raw.includes('"turn-end"')) return;
      const frame = JSON.parse(raw) as {
        type: string;
        conversationId?: string;
        event?: { type: string; reason?: string };
        message?: string;
      };
      if (frame.type === 'joined' && frame.conversationId) {
        viewer = { socket, conversationId: frame.conversationId };
        resolve(viewer);
        return;
      }
      if (frame.type === 'error' && viewer === undefined) reject(new Error(`join refused: ${frame.message}`));
      if (frame.type === 'event' && frame.event?.type === 'turn-end' && viewer?.sentAtMs !== undefined) {
        viewer.onReply?.(performance.now() - viewer.sentAtMs, frame.event.reason ?? 'unknown');
        viewer.sentAtMs = undefined;
      }
    });
  });
}

export async function closeSwarm(viewers: readonly SwarmViewer[]): Promise<void> {
  await Promise.all(
    viewers.map(
      ({ socket }) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.close();
        }),
    ),
  );
}
