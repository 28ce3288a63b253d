import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  AddressRefusedError,
  guardedLookup,
  isPrivateAddress,
  literalAddressOf,
} from '../net/address-guard.js';

export interface PostedResponse {
  status: number;
  headers: IncomingHttpHeaders;
}

/**
 * One POST with node:http(s): no redirect is followed, the response body is drained unread, and the
 * signal ends it at any point (connection, headers or body). Unless `allowPrivate`, the server's one address
 * guard (server/net/address-guard.ts) resolves the host at connect time, so the address checked is the
 * address connected to and a name re-pointed inward after the policy check (DNS rebinding) is still refused
 * with an `AddressRefusedError`; a literal address never goes through DNS and is checked here.
 */
export function postWebhook(options: {
  url: URL;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  allowPrivate: boolean;
}): Promise<PostedResponse> {
  const { url } = options;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = Buffer.from(options.body, 'utf8');
  const literal = literalAddressOf(url);
  if (!options.allowPrivate && literal !== undefined && isPrivateAddress(literal))
    return Promise.reject(new AddressRefusedError(`${literal} is a private address`));
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(body.length) },
        signal: options.signal,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup(false) }),
      },
      (response) => {
        response.on('error', () => undefined);
        response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
