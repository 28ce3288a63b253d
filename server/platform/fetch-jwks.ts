import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  AddressRefusedError,
  guardedLookup,
  isPrivateAddress,
  literalAddressOf,
} from '../net/address-guard.js';

/** A JWKS holds a few public keys (a couple of KiB); anything near this is not one. */
export const MAX_JWKS_BYTES = 64 * 1024;
const MAX_REDIRECTS = 3;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Why a JWKS was not fetched; the identity is refused as `identity_unknown_key` with this message. */
export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
}

/** What jose's `customFetch` is given and must return (jose/dist/types/jwks/remote.d.ts). */
type JwksFetch = (
  url: string,
  options: { headers: Headers; method: 'GET'; redirect: 'manual'; signal: AbortSignal },
) => Promise<Response>;

/**
 * The fetch a platform's JWKS is read with (jose's `customFetch`): at most `maxBytes` of body, ended by
 * jose's timeout signal at any point (connection, headers, a body that drips), and guarded by the server's one
 * address guard (server/net/address-guard.ts). The configured URL may be on this machine (a key service
 * beside Livedesk, which the key's URL check allows over plain http); any other host, and every redirect
 * (at most three, https only), must resolve to public addresses, so a JWKS URL cannot be turned inward.
 */
export function createJwksFetch(options: { maxBytes?: number | undefined } = {}): JwksFetch {
  const maxBytes = options.maxBytes ?? MAX_JWKS_BYTES;
  return async (url, init) => {
    let current = new URL(url);
    let allowPrivate = LOOPBACK_HOSTS.has(current.hostname.replace(/^\[|\]$/g, ''));
    for (let hop = 0; ; hop += 1) {
      const response = await getOnce(current, { allowPrivate, signal: init.signal, maxBytes }).catch(
        (error: unknown) => {
          // jose tells a timeout by its name (TimeoutError), not node's AbortError that wraps it.
          throw init.signal.aborted ? (init.signal.reason as Error) : error;
        },
      );
      const location = response.status >= 300 && response.status < 400 ? response.location : undefined;
      if (location === undefined)
        return new Response(response.body, {
          status: response.status,
          headers: { 'content-type': response.contentType ?? 'application/json' },
        });
      if (hop >= MAX_REDIRECTS) throw new JwksFetchError(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, current);
      if (next.protocol !== 'https:') throw new JwksFetchError('a JWKS redirect must go to https');
      current = next;
      allowPrivate = false;
    }
  };
}

interface Fetched {
  status: number;
  location?: string | undefined;
  contentType?: string | undefined;
  body: Uint8Array;
}

function getOnce(
  url: URL,
  options: { allowPrivate: boolean; signal: AbortSignal; maxBytes: number },
): Promise<Fetched> {
  const literal = literalAddressOf(url);
  if (!options.allowPrivate && literal !== undefined && isPrivateAddress(literal))
    return Promise.reject(new AddressRefusedError(`${literal} is a private address`));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Fetched>((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: options.signal,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup(false) }),
      },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const header = (name: string) => {
          const value = response.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        if (status !== 200) {
          response.resume();
          resolve({ status, location: header('location'), body: new Uint8Array() });
          return;
        }
        const declared = Number(header('content-length') ?? NaN);
        if (declared > options.maxBytes) {
          response.destroy();
          reject(new JwksFetchError(`the JWKS is ${declared} bytes, more than ${options.maxBytes}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(new JwksFetchError(`the JWKS is more than ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({ status, contentType: header('content-type'), body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
