import { connect } from 'node:net';

export interface SendThenReadResult {
  /** The status line and body the client read, when any arrived. */
  statusLine: string | undefined;
  body: string;
  /** Why writing the body failed (EPIPE, ECONNRESET), when it did. */
  writeError: string | undefined;
}

/**
 * An HTTP/1.1 client that sends its whole request body before it reads anything, as many simple clients
 * and upload libraries do: its socket stays paused until the last byte is written. A server that closes
 * the connection early makes its writes fail and its unread answer vanish.
 */
export function sendThenRead(options: {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** The first bytes of the body; the rest up to `totalBytes` are zeros. */
  head: Uint8Array;
  totalBytes: number;
}): Promise<SendThenReadResult> {
  return new Promise((resolve) => {
    const socket = connect(options.port, '127.0.0.1');
    socket.pause();
    const received: Buffer[] = [];
    let writeError: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({
        statusLine: text === '' ? undefined : text.split('\r\n')[0],
        body: split === -1 ? '' : text.slice(split + 4),
        writeError,
      });
    });
    socket.on('connect', () => {
      const headers = Object.entries({ ...options.headers, 'content-length': String(options.totalBytes) })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST ${options.path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${headers}\r\n`);
      void (async () => {
        const chunk = Buffer.alloc(64 * 1024);
        let sent = 0;
        try {
          while (sent < options.totalBytes) {
            const piece =
              sent === 0 ? Buffer.concat([options.head, chunk.subarray(options.head.length)]) : chunk;
            const size = Math.min(piece.length, options.totalBytes - sent);
            await new Promise<void>((done, fail) =>
              socket.write(piece.subarray(0, size), (error) => (error ? fail(error) : done())),
            );
            sent += size;
          }
        } catch (error) {
          writeError = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        }
        socket.resume();
      })();
    });
  });
}
