import { AddressRefusedError } from '../net/address-guard.js';
import { webhookHeaders } from './sign-webhook.js';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-policy.js';
import { postWebhook } from './post-webhook.js';
import { parseRetryAfter } from './retry-delay.js';

/** How one POST went: delivered, worth retrying (network, timeout, 5xx, 429), or refused for good. */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; error: string; retryAfterMs?: number | undefined }
  | { kind: 'failed'; error: string }
  | { kind: 'stopped' };

/**
 * One signed POST of `body` to the subscription's URL, checked against the policy first (the host may have
 * been pointed elsewhere since it was saved). Redirects are not followed: a receiver that moved is a failure
 * an admin sees, never a hop to somewhere the policy did not check. The response body is not read.
 */
export async function attemptDelivery(options: {
  url: string;
  /** The current secret, then the previous one during a rotation's grace period (signing-secrets.ts). */
  secret: string | readonly string[];
  eventId: string;
  body: string;
  policy: WebhookUrlPolicy;
  timeoutMs: number;
  nowMs: number;
  /** Aborted when the dispatcher stops: the attempt ends as `stopped`, not counted. */
  signal: AbortSignal;
}): Promise<AttemptOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([timeout, options.signal]);
  try {
    const check = await checkWebhookUrl(options.url, options.policy, { signal });
    if (!check.ok) return { kind: 'failed', error: `refused: ${check.message}` };
    const response = await postWebhook({
      url: check.url,
      headers: webhookHeaders({
        secret: options.secret,
        eventId: options.eventId,
        body: options.body,
        nowMs: options.nowMs,
      }),
      body: options.body,
      signal,
      allowPrivate: options.policy.allowPrivate,
    });
    if (response.status >= 200 && response.status < 300)
      return { kind: 'delivered', status: response.status };
    const error = `HTTP ${response.status}`;
    if (response.status === 429 || response.status >= 500)
      return {
        kind: 'retry',
        error,
        retryAfterMs: parseRetryAfter(firstHeader(response.headers['retry-after']), options.nowMs),
      };
    return {
      kind: 'failed',
      error:
        response.status >= 300 && response.status < 400 ? `${error} (redirects are not followed)` : error,
    };
  } catch (error) {
    if (options.signal.aborted) return { kind: 'stopped' };
    if (timeout.aborted) return { kind: 'retry', error: `timed out after ${options.timeoutMs} ms` };
    if (error instanceof AddressRefusedError) return { kind: 'failed', error: `refused: ${describe(error)}` };
    return { kind: 'retry', error: `network error: ${describe(error)}` };
  }
}

function firstHeader(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 300);
}
