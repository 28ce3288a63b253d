import { describe, expect, it } from 'vitest';
import { listenAddress } from './listen-address.js';

describe('listenAddress', () => {
  it.each([
    ['0.0.0.0', 'IPv4', '0.0.0.0:3000', 'http://localhost:3000', true],
    ['::', 'IPv6', '[::]:3000', 'http://localhost:3000', true],
    ['127.0.0.1', 'IPv4', '127.0.0.1:3000', 'http://127.0.0.1:3000', false],
    ['::1', 'IPv6', '[::1]:3000', 'http://[::1]:3000', false],
    ['192.168.1.20', 'IPv4', '192.168.1.20:3000', 'http://192.168.1.20:3000', false],
  ])('describes %s as %s', (address, family, bound, url, allInterfaces) => {
    expect(listenAddress({ address, family, port: 3000 })).toEqual({ bound, url, allInterfaces });
  });
});
