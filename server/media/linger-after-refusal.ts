import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface LingerBounds {
  /** The most bytes still read (and dropped) after the answer; past them the connection is cut. */
  maxBytes: number;
  /** How long the client may take to finish sending. */
  maxMs: number;
  /** How long the client may send nothing before the connection is cut (a stalled client is not finishing). */
  idleMs?: number;
  /** How many refused connections may linger at once in this process; past them one closes as Node would. */
  maxLingering?: number;
}

/** Enough for a client to finish a file a few times over the largest cap, on a slow link. */
export const DEFAULT_LINGER_BOUNDS: Required<LingerBounds> = {
  maxBytes: 64 * 1024 * 1024,
  maxMs: 20_000,
  idleMs: 2_000,
  maxLingering: 256,
};

let lingering = 0;

/** How many refused connections are lingering now (for tests and metrics). */
export const lingeringConnections = (): number => lingering;

/**
 * A lingering close for a refused upload whose body was not read to its end (RFC 9112, 9.6). Node ends a
 * `Connection: close` answer with `destroySoon()`: once our answer is out the socket is destroyed, and the
 * bytes the client is still sending meet a reset, which on most systems throws away the answer waiting
 * unread in the client's buffer (a client that reads only once it has sent everything never sees it).
 * Here only our side is closed: what the client still sends is read and dropped, within the bounds, and
 * the connection goes once the client has finished (or the bounds are reached: too many bytes, too long,
 * idle too long). Past `maxLingering` connections at once, a refused one is closed as Node would.
 */
export function lingerAfterRefusal(
  incoming: IncomingMessage | undefined,
  bounds: LingerBounds = DEFAULT_LINGER_BOUNDS,
): void {
  const socket = incoming?.socket as (Socket & { destroySoon?: () => void }) | undefined;
  if (!incoming || !socket || socket.destroyed || incoming.complete) return;
  const { idleMs, maxLingering } = { ...DEFAULT_LINGER_BOUNDS, ...bounds };
  if (lingering >= maxLingering) return;
  lingering += 1;
  const destroySoon = socket.destroySoon?.bind(socket);
  // Node (and the adapter's own drain) call this once the answer is written: close our half only.
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
  };
  let read = 0;
  let closed = false;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    lingering -= 1;
    clearTimeout(timer);
    clearTimeout(idle);
  };
  const close = () => {
    if (closed) return;
    closed = true;
    release();
    if (destroySoon) destroySoon();
    else socket.destroy();
  };
  const timer = setTimeout(close, bounds.maxMs);
  timer.unref();
  let idle = setTimeout(close, idleMs);
  idle.unref();
  // Whatever was reading the body (the web stream the upload was read through) lets go of it.
  incoming.removeAllListeners('data');
  incoming.on('data', (chunk: Buffer) => {
    if (closed) return;
    read += chunk.length;
    if (read > bounds.maxBytes) return close();
    clearTimeout(idle);
    idle = setTimeout(close, idleMs);
    idle.unref();
  });
  incoming.once('end', close);
  incoming.once('error', close);
  socket.once('close', release);
  incoming.resume();
}
