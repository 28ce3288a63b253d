import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress } from '../net/address-guard.js';

export interface WebhookUrlPolicy {
  /** Loopback and private networks allowed (LIVEDESK_WEBHOOK_ALLOW_PRIVATE): tests and closed networks only. */
  allowPrivate: boolean;
  /** Set: only these host names (exact, lower case) may receive webhooks. */
  allowedHosts?: readonly string[] | undefined;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** The URL's form: http(s), no credentials, a host on the allow-list when there is one. No network. */
export function checkWebhookUrlForm(text: string, policy: WebhookUrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: 'only http and https URLs can receive webhooks' };
  if (url.username || url.password)
    return { ok: false, message: 'put credentials in the receiver, not the URL' };
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowedHosts && policy.allowedHosts.length > 0 && !policy.allowedHosts.includes(host))
    return {
      ok: false,
      message: `${host} is not on the webhook host allow-list (LIVEDESK_WEBHOOK_ALLOWED_HOSTS)`,
    };
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost')))
    return { ok: false, message: 'webhooks may not go to this machine' };
  if (!policy.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host))
    return { ok: false, message: 'webhooks may not go to private or loopback addresses' };
  return { ok: true, url };
}

/**
 * The form, then every address the host resolves to: checked when a subscription is saved and again before
 * each delivery, so a name later pointed at an internal address is refused then.
 */
export async function checkWebhookUrl(
  text: string,
  policy: WebhookUrlPolicy,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<UrlCheck> {
  const form = checkWebhookUrlForm(text, policy);
  if (!form.ok || policy.allowPrivate) return form;
  const host = form.url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return form;
  options.signal?.throwIfAborted();
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    return { ok: false, message: `${host} does not resolve` };
  }
  if (addresses.some((entry) => isPrivateAddress(entry.address)))
    return { ok: false, message: `${host} resolves to a private or loopback address` };
  return form;
}
