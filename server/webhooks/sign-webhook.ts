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

/** The headers of one delivery attempt; the timestamp is the attempt's, so a retry is never a stale replay. */
export function webhookHeaders(options: {
  secret: string;
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
    'livedesk-signature': webhookSignature({ secret: options.secret, timestampSeconds, body: options.body }),
  };
}
