import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenError } from './listen-error.js';
import { refuseUpgrade } from './realtime/socket-gateway.js';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface HeldPort {
  server: Server;
  /** Where the server is bound, as the operating system reports it (port 0 resolved). */
  address: AddressInfo;
  /**
   * Hands requests to the finished app and stops refusing WebSocket upgrades; the caller attaches its own
   * upgrade routing in the same tick.
   */
  open(handler: RequestHandler): void;
  /** Gives the port back when start-up fails after holding it. */
  release(): Promise<void>;
}

const STARTING_BODY = JSON.stringify({ status: 'starting' });

/**
 * Binds the port before anything else is built, so a busy port fails start-up before the data folder is
 * touched, and load balancers can poll `/healthz` while the knowledge base is indexed. Until `open`, every
 * request is answered 503 `{"status":"starting"}` and every upgrade is refused: no socket may reach a
 * gateway that is still being wired.
 */
export async function holdPort(target: {
  host: string;
  port: number;
  /**
   * The whole request (body included) and its headers must arrive within these, or Node answers 408 and
   * closes the connection; its defaults keep a slow body for 300 s. Checked every second.
   */
  timeouts?: { requestTimeoutMs: number; headersTimeoutMs: number } | undefined;
}): Promise<HeldPort> {
  let handler: RequestHandler = answerStarting;
  const timeouts = target.timeouts;
  const server = createServer(
    timeouts
      ? {
          requestTimeout: timeouts.requestTimeoutMs,
          headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
          connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
        }
      : {},
    (request, response) => void handler(request, response),
  );
  const refuseWhileStarting = (_request: IncomingMessage, socket: Duplex): void =>
    refuseUpgrade(socket, 503, 'Service Unavailable');
  server.on('upgrade', refuseWhileStarting);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(listenError(error, target));
    server.once('error', onError);
    server.listen(target.port, target.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  return {
    server,
    address: server.address() as AddressInfo,
    open(next) {
      handler = next;
      server.off('upgrade', refuseWhileStarting);
    },
    release() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function answerStarting(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(STARTING_BODY),
    'retry-after': '1',
  });
  response.end(STARTING_BODY);
}
