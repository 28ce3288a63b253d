import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { refuseUpgrade, type SocketGateway } from './socket-gateway.js';

/**
 * One `upgrade` listener for all WebSocket endpoints, so a path nobody serves is refused (404) instead
 * of left hanging. Returns the function that stops routing (new upgrades are then refused with 503).
 */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function routeUpgrades(
  server: Server,
  gateways: readonly Pick<SocketGateway, 'path' | 'handleUpgrade'>[],
  /** Decides whether an upgrade is served here (cluster mode: a follower forwards it to the leader). */
  wrap: (local: UpgradeHandler) => UpgradeHandler = (local) => local,
): () => void {
  let stopped = false;
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (stopped) return refuseUpgrade(socket, 503, 'Service Unavailable');
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const gateway = gateways.find((candidate) => candidate.path === pathname);
    if (!gateway) return refuseUpgrade(socket, 404, 'Not Found');
    gateway.handleUpgrade(request, socket, head);
  };
  server.on('upgrade', wrap(onUpgrade));
  return () => {
    stopped = true;
  };
}
