import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from './password-hash.js';

const CHEAP = { log2N: 10, r: 8, p: 1 };

describe('scrypt password hashes', () => {
  it('writes the cost parameters, salt and key into the hash and verifies the same password', async () => {
    const hash = await hashPassword('correct horse battery', CHEAP);
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(parsePasswordHash(hash)?.params).toEqual(CHEAP);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  it('refuses a wrong password, including one differing only in case or trailing space', async () => {
    const hash = await hashPassword('Secret-pass', CHEAP);
    expect(await verifyPassword('secret-pass', hash)).toBe(false);
    expect(await verifyPassword('Secret-pass ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const [first, second] = await Promise.all([hashPassword('same', CHEAP), hashPassword('same', CHEAP)]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same', first)).toBe(true);
    expect(await verifyPassword('same', second)).toBe(true);
  });

  it('treats composed and decomposed Unicode spellings of a password as the same password', async () => {
    const hash = await hashPassword('caf\u00e9-pass', CHEAP);
    expect(await verifyPassword('cafe\u0301-pass', hash)).toBe(true);
  });

  it('never matches a malformed or tampered hash', async () => {
    const hash = await hashPassword('password1', CHEAP);
    const key = hash.split('$').at(-1)!;
    const flipped = hash.slice(0, -key.length) + (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    expect(await verifyPassword('password1', flipped)).toBe(false);
    expect(await verifyPassword('password1', 'plain-text')).toBe(false);
    expect(await verifyPassword('password1', hash.replace('ln=10', 'ln=99'))).toBe(false);
  });

  it('asks for a rehash when the stored cost is below the current one', async () => {
    const weak = await hashPassword('password1', CHEAP);
    expect(needsRehash(weak, DEFAULT_SCRYPT_PARAMS)).toBe(true);
    expect(needsRehash(weak, CHEAP)).toBe(false);
    expect(needsRehash('garbage', CHEAP)).toBe(true);
  });

  it('makes dummy hashes of the requested cost that no password matches', async () => {
    const dummy = dummyPasswordHash(CHEAP);
    expect(parsePasswordHash(dummy)?.params).toEqual(CHEAP);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('livedesk-demo', dummy)).toBe(false);
  });
});
