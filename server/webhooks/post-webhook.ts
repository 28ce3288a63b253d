import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './webhook-url-policy.js';

export interface PostedResponse {
  status: number;
  headers: IncomingHttpHeaders;
}

/**
 * Resolves like `dns.lookup` and refuses a host name that resolves to a private or loopback address, at
 * connect time: the address checked is the address connected to, so a name re-pointed between the policy
 * check and the request (DNS rebinding) is still refused.
 */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      if (addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address))) {
        const refused = Object.assign(new Error(`${hostname} resolves to a private or loopback address`), {
          code: 'EWEBHOOKPRIVATE',
        });
        callback(refused, '', 0);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * One POST with node:http(s): no redirect is followed, the response body is drained unread, and the
 * signal ends it at any point (connection, headers or body).
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
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(body.length) },
        signal: options.signal,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
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
