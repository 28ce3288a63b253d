import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createSqliteDatabase } from '../adapters/sqlite/create-sqlite-database.js';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './http/create-app.js';
import { createKnowledgeRuntime, databasePath } from './knowledge-runtime.js';
import { createObservedConversationHub } from './realtime/observed-conversation-hub.js';
import { attachViewerGateway } from './realtime/viewer-gateway.js';

/** `npm start`: the server on embedded defaults (SQLite in LIVEDESK_DATA_DIR, builtin matcher, demo knowledge). */
async function main(): Promise<void> {
  const config = loadConfig();
  const startedAt = performance.now();
  const runtime = await createKnowledgeRuntime(config);
  const database = createSqliteDatabase(databasePath(config));
  const { hub, events } = createObservedConversationHub({
    config,
    knowledgeBase: runtime.knowledgeBase,
    database,
  });
  let ready = false;
  const app = createApp({ knowledgeBase: runtime.knowledgeBase, isReady: () => ready });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (address) => {
    ready = true;
    const entries = runtime.knowledgeBase.matcher.entryCount;
    console.log(
      `livedesk listening on http://localhost:${address.port} (${entries} entries, data in ${config.dataDir}, viewers on /ws/viewer, ready in ${Math.round(performance.now() - startedAt)} ms)`,
    );
  });
  // serve() without `createServer` options builds a plain node:http server.
  const viewers = attachViewerGateway(server as Server, { hub, events });
  const shutdown = async (signal: string): Promise<void> => {
    console.log(`${signal}: shutting down`);
    ready = false;
    await viewers.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.flushed();
    database.close();
    await runtime.close();
  };
  const stop = (signal: string): void => {
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
