import { LivedeskError } from '../knowledge/errors.js';
import { ConfigError, loadConfig } from './config.js';
import { describePostgresUrl } from '../adapters/postgres/open-postgres-pool.js';
import { databasePath } from './knowledge-runtime.js';
import { listenAddress } from './listen-address.js';
import { startServer } from './start-server.js';

/** Where the stores are, as an operator may see it: never a password. */
function databaseName(config: ReturnType<typeof loadConfig>): string {
  return config.postgres ? `PostgreSQL ${describePostgresUrl(config.postgres.url)}` : databasePath(config);
}

/** `npm start`: the server on embedded defaults (SQLite in LIVEDESK_DATA_DIR, builtin matcher, demo knowledge). */
async function main(): Promise<void> {
  // The demo shows the commerce look-ups too: its shop starts with the demo knowledge unless told otherwise.
  const seedOff = ['false', '0', 'no'].includes(process.env.LIVEDESK_SEED_DEMO?.trim() ?? '');
  const demoShopDefault = seedOff ? 'false' : 'true';
  const config = loadConfig({ LIVEDESK_DEMO_SHOP: demoShopDefault, ...process.env });
  const startedAt = performance.now();
  const server = await startServer({
    config,
    // A cluster node that lost the lead may hold stale conversations in memory: exit, and let the supervisor
    // start it again as a follower (its writes were already refused by the fencing token).
    onFatal: (error) => {
      console.error(`livedesk: ${error.message}`);
      process.exit(75);
    },
  });
  const { bound, url, allInterfaces } = listenAddress(server.address);
  console.log(
    `livedesk listening on ${bound}${allInterfaces ? ` (all interfaces; open ${url})` : ''}, ` +
      `data in ${config.dataDir}, database ${databaseName(config)} (knowledge base "${config.knowledgeBaseId}"), ` +
      `ready in ${Math.round(performance.now() - startedAt)} ms`,
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
  // Configuration and start-up problems (a busy port, an unwritable data folder) are the operator's to fix:
  // one line, no stack. Anything else is a bug and keeps its stack.
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof LivedeskError) console.error(`livedesk: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
