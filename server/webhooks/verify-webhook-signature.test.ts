import { describe, expect, it } from 'vitest';
import { webhookSignature } from './sign-webhook.js';
import { verifyWebhookSignature } from './verify-webhook-signature.js';

const secret = 'whsec_test';
const body = '{"id":"evt_1","type":"ticket.created","occurredAt":"x","data":{}}';
const nowMs = Date.parse('2026-12-07T12:00:00Z');
const timestamp = String(Math.floor(nowMs / 1000));
const signature = webhookSignature({ secret, timestampSeconds: Number(timestamp), body });

describe('verifying a webhook', () => {
  it('accepts the signature over "timestamp.body" within five minutes either way', () => {
    expect(verifyWebhookSignature({ secret, body, timestamp, signature, nowMs })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ secret, body, timestamp, signature, nowMs: nowMs + 299_000 }).ok).toBe(
      true,
    );
    expect(verifyWebhookSignature({ secret, body, timestamp, signature, nowMs: nowMs - 299_000 }).ok).toBe(
      true,
    );
  });

  it('refuses replays, changed bodies or timestamps, other secrets and missing headers', () => {
    expect(verifyWebhookSignature({ secret, body, timestamp, signature, nowMs: nowMs + 301_000 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature({ secret, body: body + ' ', timestamp, signature, nowMs })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifyWebhookSignature({ secret, body, timestamp: String(Number(timestamp) + 1), signature, nowMs }),
    ).toMatchObject({ reason: 'bad_signature' });
    expect(verifyWebhookSignature({ secret: 'whsec_other', body, timestamp, signature, nowMs }).ok).toBe(
      false,
    );
    expect(verifyWebhookSignature({ secret, body, timestamp: undefined, signature, nowMs })).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
    expect(verifyWebhookSignature({ secret, body, timestamp: '12ab', signature, nowMs })).toEqual({
      ok: false,
      reason: 'bad_timestamp',
    });
    expect(verifyWebhookSignature({ secret, body, timestamp, signature: 'v0=abc', nowMs }).ok).toBe(false);
  });

  it('accepts any one of several v1 signatures', () => {
    const other = webhookSignature({ secret: 'whsec_old', timestampSeconds: Number(timestamp), body });
    expect(
      verifyWebhookSignature({ secret, body, timestamp, signature: `${other},${signature}`, nowMs }).ok,
    ).toBe(true);
  });
});
