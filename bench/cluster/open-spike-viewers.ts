import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signToken } from '../../server/auth/signed-token.js';
import { signingKeyFor } from '../../server/auth/token-keys.js';

/** One viewer's question: when it left, and when its ack and its turn's end came back. */
export interface QuestionTiming {
  sentAtMs: number;
  ackAtMs?: number | undefined;
  endAtMs?: number | undefined;
  endReason?: string | undefined;
  /** The server's error code when it refused the message instead of acknowledging it. */
  refused?: string | undefined;
}

/** A joined viewer socket that times the one question it is asked to send. */
export interface SpikeViewer {
  socket: WebSocket;
  timing?: QuestionTiming | undefined;
  /** Called once, when the turn ends (any reason) or the socket closes before it does. */
  onSettled?: (() => void) | undefined;
}

export interface SpikeViewerOptions {
  /** ws:// URLs of `/ws/viewer`; viewers are spread over them in turn (one URL: the load balancer). */
  urls: readonly string[];
  count: number;
  roomId: string;
  /** The nodes' LIVEDESK_SECRET: tokens are minted here as the platform's backend would. */
  secret: string;
  /** Sockets being opened at once. */
  concurrency: number;
  progress: (line: string) => void;
  /** A join failed and is being tried again. */
  onRetry?: (error: unknown) => void;
}

/** Opens `count` viewer sockets, each joined to a conversation of its own. */
export async function openSpikeViewers(options: SpikeViewerOptions): Promise<SpikeViewer[]> {
  const viewers: SpikeViewer[] = [];
  const secret = await signingKeyFor('viewer', options.secret);
  const nowSeconds = Math.floor(Date.now() / 1000);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const index = next;
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
      const url = options.urls[index % options.urls.length]!;
      // A join the proxy or node turns away while thousands open at once (502/503 under load) is tried
      // again, as a real client reconnects; the retries are counted, not hidden.
      for (let attempt = 1; ; attempt += 1) {
        try {
          viewers.push(await joinViewer(url, token));
          break;
        } catch (error) {
          if (attempt >= 3) throw new Error(`viewer ${index} could not join after 3 tries`, { cause: error });
          options.onRetry?.(error);
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
      if (viewers.length % 2000 === 0) options.progress(`  ${viewers.length} viewers joined`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return viewers;
}

function joinViewer(url: string, token: string): Promise<SpikeViewer> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const viewer: SpikeViewer = { socket };
    let joined = false;
    // Kept for the socket's life: an error after the join (a reset under load) must not end the run; the
    // close that follows settles the viewer's question as unanswered.
    socket.on('error', (error) => {
      if (!joined) reject(error);
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'join', token })));
    socket.once('close', () => {
      if (viewer.timing && viewer.timing.endAtMs === undefined) viewer.onSettled?.();
    });
    socket.on('message', (data: Buffer) => {
      // The generator shares the machine with the servers: it parses only the frames it times (the ack and
      // the turn's end) and the join answer, so its own work stays small next to what it measures.
      const raw = data.toString('utf8');
      if (!joined) {
        const frame = JSON.parse(raw) as { type: string; message?: string };
        if (frame.type === 'joined') {
          joined = true;
          resolve(viewer);
        } else if (frame.type === 'error') reject(new Error(`join refused: ${frame.message}`));
        return;
      }
      const timing = viewer.timing;
      if (timing === undefined) return;
      if (raw.startsWith('{"type":"ack"')) {
        timing.ackAtMs ??= performance.now();
      } else if (raw.startsWith('{"type":"error"') && timing.ackAtMs === undefined) {
        timing.refused = (JSON.parse(raw) as { code?: string }).code ?? 'error';
        viewer.onSettled?.();
      } else if (raw.includes('"turn-end"')) {
        const frame = JSON.parse(raw) as { event?: { type?: string; reason?: string } };
        if (frame.event?.type !== 'turn-end' || timing.endAtMs !== undefined) return;
        timing.endAtMs = performance.now();
        timing.endReason = frame.event.reason ?? 'unknown';
        viewer.onSettled?.();
      }
    });
  });
}

export async function closeSpikeViewers(viewers: readonly SpikeViewer[]): Promise<void> {
  await Promise.all(
    viewers.map(
      ({ socket }) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.close();
          setTimeout(() => {
            socket.terminate();
            resolve();
          }, 5_000).unref();
        }),
    ),
  );
}
