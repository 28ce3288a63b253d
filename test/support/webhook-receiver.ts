import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body text, as a receiver must verify it. */
  body: string;
  atMs: number;
  path: string;
}

/** How the receiver answers request number `index` (0-based); `hold` keeps it open until closed. */
export type ReceiverReply = { status: number; headers?: Record<string, string> } | { hold: true };

/**
 * A platform's webhook endpoint on loopback (real HTTP): records every request and answers as scripted.
 * `waitFor` resolves once `count` requests matched.
 */
export async function startWebhookReceiver(
  reply: (index: number, received: ReceivedWebhook) => ReceiverReply = () => ({ status: 200 }),
): Promise<{
  url: string;
  received: ReceivedWebhook[];
  /** Requests being answered right now, and the most at once. */
  readonly open: number;
  readonly mostOpen: number;
  waitFor(
    count: number,
    where?: (received: ReceivedWebhook) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  const waiters = new Set<() => void>();
  let open = 0;
  let mostOpen = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: ReceivedWebhook = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: Date.now(),
        path: request.url ?? '/',
      };
      const index = received.length;
      received.push(entry);
      for (const waiter of waiters) waiter();
      const answer = reply(index, entry);
      open += 1;
      mostOpen = Math.max(mostOpen, open);
      response.on('close', () => (open -= 1));
      if ('hold' in answer) {
        held.push(response);
        return;
      }
      response.writeHead(answer.status, answer.headers ?? {});
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    get open() {
      return open;
    },
    get mostOpen() {
      return mostOpen;
    },
    waitFor(count, where = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = received.filter(where);
          if (matching.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(matching);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `the receiver got ${received.filter(where).length} of ${count} webhooks in ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
