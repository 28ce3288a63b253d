import { describe, expect, it } from 'vitest';
import { createMediaUrlSigner } from './media-url-signer.js';

const secret = new Uint8Array(Buffer.from('a-test-secret-that-is-long-enough-for-hkdf'));

function parts(url: string) {
  const parsed = new URL(url, 'http://localhost');
  return {
    mediaId: decodeURIComponent(parsed.pathname.split('/').at(-1)!),
    variant: parsed.searchParams.get('variant')!,
    exp: parsed.searchParams.get('exp')!,
    sig: parsed.searchParams.get('sig')!,
  };
}

describe('signed media links', () => {
  it('verifies its own link until it expires', () => {
    let now = 1_000_000_000_000;
    const signer = createMediaUrlSigner({ secret, ttlSeconds: 600, nowMs: () => now });
    const link = signer.sign('m_1', 'thumb');
    expect(link.expiresAt).toBe(new Date(now + 600_000).toISOString());
    expect(signer.verify(parts(link.url))).toBe('valid');
    expect(signer.remainingSeconds(parts(link.url).exp)).toBe(600);
    now += 600_000;
    expect(signer.verify(parts(link.url))).toBe('expired');
  });

  it('refuses a link changed in any part, or signed with another secret', () => {
    const signer = createMediaUrlSigner({ secret, ttlSeconds: 600 });
    const good = parts(signer.sign('m_1', 'thumb').url);
    expect(signer.verify({ ...good, variant: 'full' })).toBe('invalid');
    expect(signer.verify({ ...good, mediaId: 'm_2' })).toBe('invalid');
    expect(signer.verify({ ...good, exp: String(Number(good.exp) + 3600) })).toBe('invalid');
    expect(signer.verify({ ...good, sig: good.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toBe(
      'invalid',
    );
    expect(signer.verify({ ...good, sig: '' })).toBe('invalid');
    const other = createMediaUrlSigner({ secret: new Uint8Array(32).fill(7), ttlSeconds: 600 });
    expect(other.verify(good)).toBe('invalid');
  });
});
