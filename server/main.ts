import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './http/create-app.js';
import { createKnowledgeRuntime } from './knowledge-runtime.js';

/** `npm start`: the server on embedded defaults (SQLite in LIVEDESK_DATA_DIR, builtin matcher, demo knowledge). */
async function main(): Promise<void> {
  const config = loadConfig();
  const startedAt = performance.now();
  const runtime = await createKnowledgeRuntime(config);
  let ready = false;
  const app = createApp({ knowledgeBase: runtime.knowledgeBase, isReady: () => ready });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (address) => {
    ready = true;
    const entries = runtime.knowledgeBase.matcher.entryCount;
    console.log(
      `livedesk listening on http://localhost:${address.port} (${entries} entries, data in ${config.dataDir}, ready in ${Math.round(performance.now() - startedAt)} ms)`,
    );
  });
  const shutdown = (signal: string): void => {
    console.log(`${signal}: shutting down`);
    ready = false;
    server.close(() => {
      runtime.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('shutdown failed', error);
          process.exit(1);
        },
      );
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
