import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendThenRead } from '../../test/support/send-then-read.js';
import { lingerAfterRefusal, lingeringConnections, type LingerBounds } from './linger-after-refusal.js';

const servers: Server[] = [];
const clients: Socket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(() => resolve(undefined)))),
  );
});

/** A server that refuses every upload after its first chunk, as the media route does, lingering or not. */
async function refusingServer(linger: LingerBounds | undefined): Promise<number> {
  return (await refusingServerWith(linger)).port;
}

async function refusingServerWith(
  linger: LingerBounds | undefined,
): Promise<{ port: number; server: Server }> {
  const server = createServer((request: IncomingMessage, response) => {
    request.once('data', () => {
      request.pause();
      if (linger) lingerAfterRefusal(request, linger);
      const body = JSON.stringify({ error: 'too_large', message: 'over the cap' });
      response.writeHead(413, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
      });
      response.end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** A client that starts a large upload, sends its first bytes, then stalls without closing anything. */
function stalledClient(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
      socket.write('POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 60000000\r\n\r\n');
      socket.write(Buffer.alloc(1024));
    });
    socket.on('error', () => undefined);
    // The answer arrives once the server has refused the upload.
    socket.once('data', () => resolve());
    clients.push(socket);
  });
}

const openConnections = (server: Server) =>
  new Promise<number>((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const send = (port: number, totalBytes: number) =>
  sendThenRead({ port, path: '/upload', headers: {}, head: new Uint8Array(0), totalBytes });

describe('a lingering close after a refused upload', () => {
  it('lets a client that sends everything first read the refusal', async () => {
    const port = await refusingServer({ maxBytes: 32 * 1024 * 1024, maxMs: 10_000 });
    const answer = await send(port, 8 * 1024 * 1024);
    expect(answer.writeError).toBeUndefined();
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(answer.body)).toEqual({ error: 'too_large', message: 'over the cap' });
  });

  it('is what makes the difference: closing at once loses the answer', async () => {
    const port = await refusingServer(undefined);
    const answer = await send(port, 8 * 1024 * 1024);
    expect(answer.writeError).toBeDefined();
    expect(answer.statusLine).toBeUndefined();
  });

  it('cuts a client that goes on past the byte bound', async () => {
    const port = await refusingServer({ maxBytes: 1024 * 1024, maxMs: 10_000 });
    const answer = await send(port, 16 * 1024 * 1024);
    expect(answer.writeError).toBeDefined();
  });

  it('cuts a client that stalls, long before the time bound', async () => {
    const { port, server } = await refusingServerWith({ maxBytes: 1024 * 1024, maxMs: 60_000, idleMs: 200 });
    await stalledClient(port);
    expect(lingeringConnections()).toBe(1);
    const started = Date.now();
    await waitFor(async () => (await openConnections(server)) === 0, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lingeringConnections()).toBe(0);
  });

  it('lingers for so many connections at once, and closes the rest as Node would', async () => {
    const bounds = { maxBytes: 1024 * 1024, maxMs: 60_000, idleMs: 60_000, maxLingering: 2 };
    const { port, server } = await refusingServerWith(bounds);
    for (let index = 0; index < 5; index++) await stalledClient(port);
    expect(lingeringConnections()).toBe(2);
    // The three past the cap are destroyed once their answer is out; the two lingering stay open.
    await waitFor(async () => (await openConnections(server)) === 2, 5_000);
    for (const client of clients.splice(0)) client.destroy();
    await waitFor(() => Promise.resolve(lingeringConnections() === 0), 5_000);
  });
});
