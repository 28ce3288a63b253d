import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../test/support/webhook-receiver.js';
import { AddressRefusedError } from '../net/address-guard.js';
import { postWebhook } from './post-webhook.js';

const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

describe('posting a webhook', () => {
  it('refuses at connect time a host name that resolves to a loopback address, unless allowed', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    // A name, not an address: only the connect-time lookup can tell where it goes.
    const url = new URL(receiver.url.replace('127.0.0.1', 'localhost'));
    const post = (allowPrivate: boolean) =>
      postWebhook({
        url,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(2_000),
        allowPrivate,
      });
    await expect(post(false)).rejects.toBeInstanceOf(AddressRefusedError);
    expect(receiver.received).toHaveLength(0);
    expect((await post(true)).status).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses a literal private address, NAT64 and documentation ones included, without connecting', async () => {
    for (const host of ['127.0.0.1', '[64:ff9b::7f00:1]', '[2001:db8::1]', '[::ffff:169.254.169.254]']) {
      const posted = postWebhook({
        url: new URL(`http://${host}:9/hook`),
        headers: {},
        body: '{}',
        signal: AbortSignal.timeout(2_000),
        allowPrivate: false,
      });
      await expect(posted, host).rejects.toBeInstanceOf(AddressRefusedError);
    }
  });

  it('does not follow a redirect and ends at the signal', async () => {
    const receiver = await startWebhookReceiver((index) =>
      index === 0 ? { status: 307, headers: { location: 'http://169.254.169.254/' } } : { hold: true },
    );
    receivers.push(receiver);
    const url = new URL(receiver.url);
    const post = (signal: AbortSignal) =>
      postWebhook({ url, headers: {}, body: '{"a":1}', signal, allowPrivate: true });
    expect((await post(AbortSignal.timeout(2_000))).status).toBe(307);
    await expect(post(AbortSignal.timeout(150))).rejects.toThrow();
    expect(receiver.received.map((request) => request.body)).toEqual(['{"a":1}', '{"a":1}']);
  });
});
