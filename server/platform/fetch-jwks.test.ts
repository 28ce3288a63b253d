import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressRefusedError } from '../net/address-guard.js';
import { createJwksFetch, JwksFetchError, MAX_JWKS_BYTES } from './fetch-jwks.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A platform's key service on loopback that answers as `handle` says. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
}

const get = (url: string, signal = AbortSignal.timeout(2_000)) =>
  createJwksFetch()(url, { headers: new Headers(), method: 'GET', redirect: 'manual', signal });

describe("fetching a platform's JWKS", () => {
  it('reads a JWKS of ordinary size from a key service on this machine', async () => {
    const url = await serve((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}'),
    );
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ keys: [] });
  });

  it('refuses a body over 64 KiB, declared or streamed without a length', async () => {
    const big = JSON.stringify({ keys: [], padding: 'x'.repeat(MAX_JWKS_BYTES) });
    const declared = await serve((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(big),
    );
    await expect(get(declared)).rejects.toThrow(/more than 65536/);
    const streamed = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // Chunked, no content-length: only counting the bytes can tell.
      for (let sent = 0; sent < 4 * MAX_JWKS_BYTES; sent += 8192) response.write('x'.repeat(8192));
      response.end();
    });
    await expect(get(streamed)).rejects.toBeInstanceOf(JwksFetchError);
  });

  it('ends at the signal a service that drips its answer', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys":[');
      // Never ends.
    });
    const started = Date.now();
    await expect(get(url, AbortSignal.timeout(200))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses a redirect to a private address or to plain http, and more than three redirects', async () => {
    for (const location of [
      'https://127.0.0.1/jwks',
      'https://169.254.169.254/latest/meta-data/',
      'https://[64:ff9b::a00:1]/jwks',
      'https://localhost/jwks',
    ]) {
      const url = await serve((_request, response) => response.writeHead(302, { location }).end());
      await expect(get(url), location).rejects.toBeInstanceOf(AddressRefusedError);
    }
    const plain = await serve((_request, response) =>
      response.writeHead(302, { location: 'http://example.com/jwks' }).end(),
    );
    await expect(get(plain)).rejects.toThrow(/https/);
  });
});
