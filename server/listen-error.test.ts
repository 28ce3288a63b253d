import { describe, expect, it } from 'vitest';
import { LivedeskError } from '../knowledge/errors.js';
import { listenError } from './listen-error.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`listen ${code}`), { code, syscall: 'listen' });
}

describe('listenError', () => {
  it.each([
    ['EADDRINUSE', '0.0.0.0', 3000, 'port 3000 is already in use on 0.0.0.0 (set PORT to another port)'],
    [
      'EACCES',
      '0.0.0.0',
      80,
      'no permission to listen on 0.0.0.0:80: ports below 1024 need privileges (set PORT to 1024 or above)',
    ],
    ['EACCES', '::1', 8080, 'no permission to listen on [::1]:8080 (set PORT or HOST)'],
    [
      'EADDRNOTAVAIL',
      '10.9.9.9',
      3000,
      'address 10.9.9.9 does not belong to this machine (set HOST to one of its addresses, or 0.0.0.0)',
    ],
    [
      'ENOTFOUND',
      'no-such-host',
      3000,
      'cannot resolve HOST no-such-host (set HOST to an address, or 0.0.0.0)',
    ],
  ])('turns %s on %s:%d into one line for the operator', (code, host, port, message) => {
    const cause = errno(code);

    const error = listenError(cause, { host, port });

    expect(error).toBeInstanceOf(LivedeskError);
    expect(error).toMatchObject({ code: 'unavailable', message, cause });
    expect(message).not.toContain('\n');
  });

  it('returns an error it does not know unchanged, so a bug is not passed off as configuration', () => {
    const unknown = errno('EMFILE');

    expect(listenError(unknown, { host: '0.0.0.0', port: 3000 })).toBe(unknown);
  });
});
