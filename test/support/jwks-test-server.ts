import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** A platform's signing key pair as a test mints identities with it. */
export interface TestSigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateSigningKey(kid: string, alg: 'RS256' | 'ES256'): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * A platform's key service on loopback, speaking the JWKS wire format (RFC 7517) at any path it is given keys
 * for; `fetches` counts requests per path, so a test can tell a cached set from a refetched one.
 */
export interface JwksTestServer {
  url(path: string): string;
  publish(path: string, keys: readonly TestSigningKey[]): void;
  fetches(path: string): number;
  close(): Promise<void>;
}

export async function startJwksTestServer(): Promise<JwksTestServer> {
  const sets = new Map<string, JWK[]>();
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const keys = sets.get(path);
    if (!keys) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    publish(path, keys) {
      sets.set(
        path,
        keys.map((key) => key.publicJwk),
      );
    },
    fetches: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
