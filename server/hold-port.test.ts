import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { LivedeskError } from '../knowledge/errors.js';
import { holdPort, type HeldPort } from './hold-port.js';

const held: HeldPort[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  await Promise.all(held.splice(0).map((port) => port.release()));
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
});

async function hold(): Promise<HeldPort> {
  const port = await holdPort({ host: '127.0.0.1', port: 0 });
  held.push(port);
  return port;
}

/** Resolves with the HTTP status a WebSocket upgrade is answered with (101 when it is accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('holdPort', () => {
  it('answers every request 503 starting until the app is opened, then hands requests to it', async () => {
    const port = await hold();
    const base = `http://127.0.0.1:${port.address.port}`;

    const health = await fetch(`${base}/healthz`);
    const api = await fetch(`${base}/api/ask`, { method: 'POST', body: '{"text":"hi"}' });

    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'starting' });
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ status: 'starting' });

    port.open((_request, response) => response.end('app'));

    const after = await fetch(`${base}/healthz`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('app');
  });

  it('refuses WebSocket upgrades while starting and leaves them to the app once opened', async () => {
    const port = await hold();
    const url = `ws://127.0.0.1:${port.address.port}/ws/viewer`;

    expect(await upgradeStatus(url)).toBe(503);

    port.open((_request, response) => response.end());
    const accepted = new WebSocketServer({ noServer: true });
    port.server.on('upgrade', (request, socket, head) =>
      accepted.handleUpgrade(request, socket, head, (client) => client.close()),
    );

    expect(await upgradeStatus(url)).toBe(101);
    expect(port.server.listenerCount('upgrade')).toBe(1);
    accepted.close();
  });

  it('reports the real bound address when asked for port 0', async () => {
    const port = await hold();

    expect(port.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(port.address.port).toBeGreaterThan(0);
  });

  it('fails with a one-line LivedeskError naming the busy port', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };

    const attempt = holdPort({ host: '127.0.0.1', port });

    await expect(attempt).rejects.toBeInstanceOf(LivedeskError);
    await expect(attempt).rejects.toThrow(
      `port ${port} is already in use on 127.0.0.1 (set PORT to another port)`,
    );
  });

  it('gives the port back on release, so it can be bound again', async () => {
    const port = await holdPort({ host: '127.0.0.1', port: 0 });
    await port.release();

    const again = await holdPort({ host: '127.0.0.1', port: port.address.port });
    held.push(again);
    expect(again.address.port).toBe(port.address.port);
  });
});
