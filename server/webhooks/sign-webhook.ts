import { createHmac } from 'node:crypto';

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the subscription's secret. */
export function webhookSignature(options: {
  secret: string;
  timestampSeconds: number;
  body: string;
}): string {
  const digest = createHmac('sha256', options.secret)
    .update(`${options.timestampSeconds}.${options.body}`)
    .digest('hex');
  return `v1=${digest}`;
}

/**
 * The headers of one delivery attempt; the timestamp is the attempt's, so a retry is never a stale replay.
 * With several secrets (a rotation's grace period) the signature header carries one `v1=` per secret, newest
 * first, comma-separated: a receiver accepts the delivery when any one verifies (verify-webhook-signature.ts).
 */
export function webhookHeaders(options: {
  secret: string | readonly string[];
  eventId: string;
  body: string;
  nowMs: number;
}): Record<string, string> {
  const timestampSeconds = Math.floor(options.nowMs / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Livedesk-Webhooks/1',
    'livedesk-webhook-id': options.eventId,
    'livedesk-timestamp': String(timestampSeconds),
    'livedesk-signature': (typeof options.secret === 'string' ? [options.secret] : options.secret)
      .map((secret) => webhookSignature({ secret, timestampSeconds, body: options.body }))
      .join(','),
  };
}
