import { LivedeskError } from '../knowledge/errors.js';

/**
 * Turns a failed `listen` into one line an operator can act on; errors it does not know are returned
 * as they are, so nothing unexpected is disguised as a configuration problem.
 */
export function listenError(error: Error, target: { host: string; port: number }): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const { host, port } = target;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const message = ((): string | undefined => {
    switch (code) {
      case 'EADDRINUSE':
        return `port ${port} is already in use on ${host} (set PORT to another port)`;
      case 'EACCES':
      case 'EPERM':
        return port < 1024
          ? `no permission to listen on ${where}: ports below 1024 need privileges (set PORT to 1024 or above)`
          : `no permission to listen on ${where} (set PORT or HOST)`;
      case 'EADDRNOTAVAIL':
        return `address ${host} does not belong to this machine (set HOST to one of its addresses, or 0.0.0.0)`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_FAIL':
        return `cannot resolve HOST ${host} (set HOST to an address, or 0.0.0.0)`;
      default:
        return undefined;
    }
  })();
  return message === undefined ? error : new LivedeskError('unavailable', message, { cause: error });
}
