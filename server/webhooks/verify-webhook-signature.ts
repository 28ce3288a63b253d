import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a delivery may be before a receiver treats it as a replay. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookVerification =
  { ok: true } | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale' | 'bad_signature' };

/**
 * What a receiver runs on each request, before parsing the body: the raw body text exactly as received, the
 * `Livedesk-Timestamp` and `Livedesk-Signature` headers and the subscription's secret. Refuses a timestamp
 * further than `toleranceSeconds` from now (either way), so a captured request cannot be replayed later, and
 * compares the HMAC in constant time. Depends on `node:crypto` only, so the SDK can ship it as is.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  nowMs?: number;
  toleranceSeconds?: number;
}): WebhookVerification {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const ageSeconds = Math.abs((options.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > (options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS))
    return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', options.secret).update(`${timestamp}.${options.body}`).digest();
  // Several `v1=` values may come during a secret rotation; any one matching is enough.
  for (const part of signature.split(',')) {
    const match = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part);
    if (!match) continue;
    const given = Buffer.from(match[1]!, 'hex');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'bad_signature' };
}
