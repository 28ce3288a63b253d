import { describe, expect, it } from 'vitest';
import { AddressRefusedError, guardedLookup, isPrivateAddress, literalAddressOf } from './address-guard.js';

describe('the outbound address guard', () => {
  it('judges loopback, private, link-local, NAT64, documentation and mapped addresses as private', () => {
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
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
      '2001:db8::1',
      'not an address',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
      '2001:db9::1',
    ])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('reads a literal address out of a URL, and nothing out of a name', () => {
    expect(literalAddressOf(new URL('http://[::1]:80/'))).toBe('::1');
    expect(literalAddressOf(new URL('http://10.0.0.1/'))).toBe('10.0.0.1');
    expect(literalAddressOf(new URL('http://localhost/'))).toBeUndefined();
  });

  it('refuses at lookup a name that resolves only to private addresses, unless allowed', async () => {
    const resolve = (allowPrivate: boolean) =>
      new Promise<unknown>((done, fail) => {
        guardedLookup(allowPrivate)('localhost', { all: true }, (error, addresses) =>
          error ? fail(error) : done(addresses),
        );
      });
    await expect(resolve(false)).rejects.toBeInstanceOf(AddressRefusedError);
    expect(await resolve(true)).toEqual(expect.arrayContaining([expect.objectContaining({ family: 4 })]));
  });
});
