import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSqliteDatabase } from '../adapters/sqlite/create-sqlite-database.js';
import type { LivedeskConfig } from './config.js';
import { createApp } from './http/create-app.js';
import { ApiRegistry } from './http/openapi/api-registry.js';
import { createKnowledgeRuntime, databasePath } from './knowledge-runtime.js';
import { createObservedConversationHub } from './realtime/observed-conversation-hub.js';
import { attachViewerGateway } from './realtime/viewer-gateway.js';

export interface StartServerOptions {
  config: LivedeskConfig;
  /** Default `0.0.0.0`; tests use `127.0.0.1`. */
  hostname?: string;
  clock?: () => Date;
}

export interface RunningServer {
  /** `http://host:port` of the listening server. */
  url: string;
  port: number;
  /** Stops taking connections, drains sockets, commits what is pending, closes the database. */
  close(): Promise<void>;
}

/**
 * The composition root: reads nothing from the environment (the caller passes the config), wires the
 * adapters into the engine and serves HTTP and WebSockets on one port. `npm start` and the end-to-end
 * tests both start the product through here.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const runtime = await createKnowledgeRuntime(config);
  const database = createSqliteDatabase(databasePath(config));
  const { hub, events } = createObservedConversationHub({
    config,
    knowledgeBase: runtime.knowledgeBase,
    database,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const registry = new ApiRegistry();
  let ready = false;
  const app = createApp({ knowledgeBase: runtime.knowledgeBase, isReady: () => ready, registry });
  const server = await new Promise<Server>((resolve) => {
    const started = serve(
      { fetch: app.fetch, port: config.port, hostname: options.hostname ?? '0.0.0.0' },
      // serve() without `createServer` options builds a plain node:http server.
      () => resolve(started as Server),
    );
  });
  const viewers = attachViewerGateway(server, { hub, events });
  ready = true;
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.hostname ?? 'localhost'}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        ready = false;
        await viewers.close();
        server.closeIdleConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await hub.flushed();
        database.close();
        await runtime.close();
      })();
      return closing;
    },
  };
}
