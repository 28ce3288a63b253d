import { get } from 'node:http';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signToken } from '../../server/auth/signed-token.js';
import { signingKeyFor } from '../../server/auth/token-keys.js';

/**
 * A viewer token as `POST /api/viewer/session` issues one (a fresh anonymous viewer id, regular tier),
 * minted here so the benchmark measures the socket channel, not the session endpoint's own limit.
 */
export async function anonymousViewerToken(secret: string, roomId: string): Promise<string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  // Awaited whether signing is synchronous or not.
  return await signToken(
    { kind: 'viewer', sub: randomUUID(), roomId, tier: 'regular', iat: nowSeconds, exp: nowSeconds + 3600 },
    await signingKeyFor('viewer', secret),
  );
}

/** One `GET` from a chosen loopback address (127.0.0.x), so the server sees a client of its own. */
export function timedGet(url: string, localAddress: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = get(url, { localAddress, agent: false }, (response) => {
      response.resume();
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
      );
    });
    request.once('error', reject);
  });
}

export interface ServerFrame {
  type: string;
  conversationId?: string;
  clientMessageId?: string;
  sequence?: number;
  code?: string;
  message?: string;
  event?: { type: string };
}

/** A viewer socket from `localAddress`, joined to a fresh conversation; `onFrame` sees every later frame. */
export function joinFrom(options: {
  url: string;
  localAddress: string;
  token: string;
  onFrame: (frame: ServerFrame) => void;
}): Promise<{ socket: WebSocket; conversationId: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${options.url.replace(/^http/, 'ws')}/ws/viewer`, {
      localAddress: options.localAddress,
      perMessageDeflate: false,
    });
    let joined = false;
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'join', token: options.token })));
    socket.on('message', (data: Buffer) => {
      const raw = data.toString('utf8');
      // The generator shares the machine with the server: after the join it parses only acks and errors
      // (the frames with a clientMessageId), so its own work stays small next to what it measures.
      if (joined && !raw.includes('"clientMessageId"')) return;
      const frame = JSON.parse(raw) as ServerFrame;
      if (!joined) {
        if (frame.type === 'joined' && frame.conversationId) {
          joined = true;
          resolve({ socket, conversationId: frame.conversationId });
        } else if (frame.type === 'error') reject(new Error(`join refused: ${frame.code}`));
        return;
      }
      options.onFrame(frame);
    });
  });
}

export async function closeAll(sockets: readonly WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.close();
        }),
    ),
  );
}
