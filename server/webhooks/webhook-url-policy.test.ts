import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../net/address-guard.js';
import { checkWebhookUrl, checkWebhookUrlForm } from './webhook-url-policy.js';

describe('the webhook URL policy', () => {
  it('judges loopback, private, link-local and mapped addresses as private, public ones not', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.5',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses NAT64 and documentation addresses, as the tools do (one guard for both)', () => {
    const open = { allowPrivate: false };
    // 64:ff9b::a9fe:a9fe is 169.254.169.254 through a NAT64 gateway.
    for (const url of ['http://[64:ff9b::a9fe:a9fe]/hook', 'https://[2001:db8::5]/hook'])
      expect(checkWebhookUrlForm(url, open), url).toMatchObject({ ok: false });
  });

  it('takes http and https only, without credentials, and only listed hosts when there is a list', () => {
    const open = { allowPrivate: false };
    expect(checkWebhookUrlForm('https://hooks.example.com/a', open).ok).toBe(true);
    expect(checkWebhookUrlForm('file:///etc/passwd', open)).toMatchObject({ ok: false });
    expect(checkWebhookUrlForm('javascript:alert(1)', open)).toMatchObject({ ok: false });
    expect(checkWebhookUrlForm('not a url', open)).toMatchObject({ ok: false, message: 'not a URL' });
    expect(checkWebhookUrlForm('https://a:b@hooks.example.com/', open)).toMatchObject({ ok: false });
    const listed = { allowPrivate: false, allowedHosts: ['hooks.example.com'] };
    expect(checkWebhookUrlForm('https://hooks.example.com/x', listed).ok).toBe(true);
    expect(checkWebhookUrlForm('https://evil.example.net/x', listed)).toMatchObject({ ok: false });
  });

  it('refuses loopback unless private addresses are allowed (as the tests allow them)', async () => {
    expect(await checkWebhookUrl('http://127.0.0.1:8080/hook', { allowPrivate: false })).toMatchObject({
      ok: false,
    });
    expect(await checkWebhookUrl('http://localhost:8080/hook', { allowPrivate: false })).toMatchObject({
      ok: false,
    });
    expect(await checkWebhookUrl('http://127.0.0.1:8080/hook', { allowPrivate: true })).toMatchObject({
      ok: true,
    });
  });
});
