import { ConfigError, loadConfig } from './config.js';
import { startServer } from './start-server.js';

/** `npm start`: the server on embedded defaults (SQLite in LIVEDESK_DATA_DIR, builtin matcher, demo knowledge). */
async function main(): Promise<void> {
  const config = loadConfig();
  const startedAt = performance.now();
  const server = await startServer({ config });
  console.log(
    `livedesk listening on http://localhost:${server.port} (data in ${config.dataDir}, ready in ${Math.round(performance.now() - startedAt)} ms)`,
  );
  const stop = (signal: string): void => {
    console.log(`${signal}: draining connections`);
    server.close().then(
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
