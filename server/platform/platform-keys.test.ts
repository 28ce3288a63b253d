import { describe, expect, it } from 'vitest';
import { NewSigningKeySchema } from './platform-keys.js';

describe('a new signing key as an admin sends it', () => {
  it('refuses a JWKS URL that is no URL at all with an error, never a throw (found by the HTTP fuzz test)', () => {
    const parsed = NewSigningKeySchema.safeParse({
      kind: 'jwks',
      platformId: 'shop',
      jwksUrl: '退款 怎么 申请',
    });
    expect(parsed.success).toBe(false);
  });

  it('takes https anywhere and plain http on loopback only', () => {
    const jwks = (jwksUrl: string) =>
      NewSigningKeySchema.safeParse({ kind: 'jwks', platformId: 'shop', jwksUrl });
    expect(jwks('https://shop.example/.well-known/jwks.json').success).toBe(true);
    expect(jwks('http://127.0.0.1:8080/jwks.json').success).toBe(true);
    expect(jwks('http://shop.example/jwks.json').success).toBe(false);
  });
});
