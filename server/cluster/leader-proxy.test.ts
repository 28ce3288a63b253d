import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createLeaderProxy, type LeaderProxy } from './leader-proxy.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

/** A leader that records every request it parses and answers with what it saw. */
async function startLeader(options: { answerDelayMs?: number } = {}) {
  const seen: { method: string; url: string; forwardedFor: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        forwardedFor: String(request.headers['x-forwarded-for']),
        body,
      });
      setTimeout(
        () => response.end(`answer to ${request.method} ${request.url}`),
        options.answerDelayMs ?? 0,
      );
    });
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket, request) =>
    socket.on('message', (data: Buffer) =>
      socket.send(`echo ${data.toString('utf8')} from ${String(request.headers['x-forwarded-for'])}`),
    ),
  );
  closers.push(() => new Promise<void>((resolve) => sockets.close(() => resolve())));
  return { seen, port: await listen(server) };
}

async function startFollower(proxy: LeaderProxy): Promise<number> {
  const server = http.createServer((request, response) => proxy.request(request, response));
  server.on('upgrade', (request, socket, head) => proxy.upgrade(request, socket, head));
  closers.push(() => Promise.resolve(proxy.dropAll()));
  return listen(server);
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('createLeaderProxy', () => {
  it('sends a chunked body on as a body, never as a second request another client gets the answer to', async () => {
    const leader = await startLeader();
    const proxy = createLeaderProxy({ leaderUrl: () => `http://127.0.0.1:${leader.port}`, trustProxy: true });
    const port = await startFollower(proxy);
    const smuggled = 'GET /admin/secret HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n';
    const raw =
      'DELETE /api/thing HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
      `${Buffer.byteLength(smuggled).toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const attacker = net.connect(port, '127.0.0.1', () => attacker.write(raw));
    closers.push(() => Promise.resolve(void attacker.destroy()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const victim = await get(port, '/api/victim-private');
    expect(victim.body).toBe('answer to GET /api/victim-private');
    expect(leader.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      'DELETE /api/thing',
      'GET /api/victim-private',
    ]);
    expect(leader.seen[0]?.body).toBe(smuggled);
  });

  it("passes the client's address as this node counts it, whatever a client connecting directly claims", async () => {
    const leader = await startLeader();
    const proxy = createLeaderProxy({
      leaderUrl: () => `http://127.0.0.1:${leader.port}`,
      trustProxy: false,
    });
    const port = await startFollower(proxy);
    await new Promise<void>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port, path: '/x', agent: false, headers: { 'x-forwarded-for': '6.6.6.6' } },
          (response) => response.resume().on('end', () => resolve()),
        )
        .on('error', reject);
    });
    expect(leader.seen[0]?.forwardedFor).toBe('127.0.0.1');
  });

  it('forwards a WebSocket both ways and ends it when the leader changes', async () => {
    const leader = await startLeader();
    const proxy = createLeaderProxy({ leaderUrl: () => `http://127.0.0.1:${leader.port}`, trustProxy: true });
    const port = await startFollower(proxy);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/viewer`, {
      headers: { 'x-forwarded-for': '10.1.2.3' },
    });
    await new Promise((resolve) => socket.on('open', resolve));
    const reply = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString('utf8'))),
    );
    socket.send('hello');
    expect(await reply).toBe('echo hello from 10.1.2.3');
    expect(proxy.openSockets).toBe(1);
    const closed = new Promise((resolve) => socket.on('close', resolve));
    proxy.dropAll();
    await closed;
    expect(proxy.openSockets).toBe(0);
  });

  it('refuses upgrades while no leader is known, and survives clients that reset the connection', async () => {
    const proxy = createLeaderProxy({ leaderUrl: () => undefined, trustProxy: true });
    const port = await startFollower(proxy);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const client = net.connect(port, '127.0.0.1', () =>
        client.write(
          'GET /ws/viewer HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        ),
      );
      client.on('error', () => undefined);
      setTimeout(() => client.resetAndDestroy(), 2);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Still serving (an uncaught ECONNRESET would have ended the test process).
    expect((await get(port, '/x')).status).toBe(503);
  });

  it('cancels a forwarded request the client gave up on, and answers 504 when the leader does not', async () => {
    const leader = await startLeader({ answerDelayMs: 5_000 });
    const proxy = createLeaderProxy({
      leaderUrl: () => `http://127.0.0.1:${leader.port}`,
      trustProxy: true,
      requestTimeoutMs: 200,
    });
    const port = await startFollower(proxy);
    expect((await get(port, '/slow')).status).toBe(504);
    const abandoned = http.get({ host: '127.0.0.1', port, path: '/abandoned', agent: false });
    abandoned.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    abandoned.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.openSockets).toBe(0);
  });
});
