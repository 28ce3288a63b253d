import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type MediaVariant = 'full' | 'thumb';

export interface SignedMediaUrl {
  /** Server-relative: `/media/<id>?variant=…&exp=…&sig=…`; clients resolve it against the server's origin. */
  url: string;
  expiresAt: string;
}

/**
 * Short-lived links to media bytes, so an `<img src>` or `<audio src>` works without a bearer token. The
 * signature is an HMAC-SHA256 over the media id, the variant and the expiry, with a key derived from the
 * main secret by HKDF (its own `info`, like the token keys in server/auth/token-keys.ts): a link names one
 * variant of one item until one moment, and nothing else. Signing is synchronous: events are decorated
 * with fresh links as they are sent.
 */
export interface MediaUrlSigner {
  sign(mediaId: string, variant: MediaVariant): SignedMediaUrl;
  /** `valid` for a link signed by this server that has not expired; otherwise why not. */
  verify(link: {
    mediaId: string;
    variant: string;
    exp: string;
    sig: string;
  }): 'valid' | 'expired' | 'invalid';
  /** Seconds a link stays valid from now (for `Cache-Control`); 0 once expired. */
  remainingSeconds(exp: string): number;
}

// Public and fixed on purpose: HKDF's info separates this key from the token keys; the secret keeps it secret.
const MEDIA_KEY_INFO = 'livedesk media url key v1';

export function createMediaUrlSigner(options: {
  secret: Uint8Array;
  ttlSeconds: number;
  nowMs?: (() => number) | undefined;
}): MediaUrlSigner {
  const key = Buffer.from(hkdfSync('sha256', options.secret, new Uint8Array(0), MEDIA_KEY_INFO, 32));
  const nowSeconds = () => Math.floor((options.nowMs?.() ?? Date.now()) / 1000);
  const mac = (mediaId: string, variant: string, exp: string) =>
    createHmac('sha256', key).update(`${mediaId}\n${variant}\n${exp}`).digest();
  return {
    sign(mediaId, variant) {
      const exp = String(nowSeconds() + options.ttlSeconds);
      const sig = mac(mediaId, variant, exp).toString('base64url');
      const query = new URLSearchParams({ variant, exp, sig });
      return {
        url: `/media/${encodeURIComponent(mediaId)}?${query.toString()}`,
        expiresAt: new Date(Number(exp) * 1000).toISOString(),
      };
    },
    verify({ mediaId, variant, exp, sig }) {
      if (!/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return 'invalid';
      const expected = mac(mediaId, variant, exp);
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return Number(exp) > nowSeconds() ? 'valid' : 'expired';
    },
    remainingSeconds(exp) {
      return Math.max(0, Number(exp) - nowSeconds());
    },
  };
}
