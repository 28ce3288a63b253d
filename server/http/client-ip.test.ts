import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestClientIp } from './client-ip.js';

const upgrade = (remoteAddress: string, forwardedFor?: string): IncomingMessage =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('the client address of a WebSocket upgrade', () => {
  it('behind a trusted proxy is the hop the proxy added, so per-address limits are per viewer', () => {
    expect(requestClientIp(upgrade('127.0.0.1', '198.51.100.7'), true)).toBe('198.51.100.7');
    // Earlier hops are whatever the client claimed.
    expect(requestClientIp(upgrade('127.0.0.1', '10.9.9.9, 198.51.100.7'), true)).toBe('198.51.100.7');
  });

  it('without a trusted proxy is the socket peer, whatever the headers claim', () => {
    expect(requestClientIp(upgrade('203.0.113.5', '198.51.100.7'), false)).toBe('203.0.113.5');
    expect(requestClientIp(upgrade('203.0.113.5'), true)).toBe('203.0.113.5');
  });
});
