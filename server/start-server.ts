import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSqliteDatabase } from '../adapters/sqlite/create-sqlite-database.js';
import { createWorkerEventRowWriter } from '../adapters/sqlite/worker-event-row-writer.js';
import { createAuthRuntime } from './auth/create-auth-runtime.js';
import type { LivedeskConfig } from './config.js';
import { createAutoReplier, createDeskContent } from './desk/desk-content.js';
import { createDeskRuntime } from './desk/desk-runtime.js';
import { createApp } from './http/create-app.js';
import { ApiRegistry } from './http/openapi/api-registry.js';
import { createKnowledgeRuntime, databasePath } from './knowledge-runtime.js';
import { createObservedConversationHub } from './realtime/observed-conversation-hub.js';
import { createSqliteConversationQueries } from '../adapters/sqlite/conversation-queries.js';
import { createServerEvalRuns } from './eval-runs/create-server-eval-runs.js';
import { buildWebAssets } from './web/build-web-assets.js';
import { createAnalyticsRuntime } from './analytics/create-analytics-runtime.js';
import { createLivedeskMetrics } from './metrics/livedesk-metrics.js';

/** How long shutdown lets an answer in flight (an LLM stream) finish before cutting it off. */
const SHUTDOWN_TURN_DEADLINE_MS = 5_000;

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
  const database = createSqliteDatabase(databasePath(config), { synchronous: config.sqliteSynchronous });
  const eventWriter =
    config.eventLogWriter === 'thread'
      ? createWorkerEventRowWriter({ path: databasePath(config), synchronous: config.sqliteSynchronous })
      : undefined;
  // Its gauges read the desk and gateways built below; they are only called when /metrics is scraped.
  const metrics = createLivedeskMetrics({
    viewerConnections: () => live.viewers.connectionCount,
    agentConnections: () => live.agents.connectionCount,
    desk: () => live.desk.snapshot(),
  });
  const { hub, events } = createObservedConversationHub({
    config,
    knowledgeBase: runtime.knowledgeBase,
    database,
    ...(eventWriter ? { eventWriter } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    onLlmFallback: () => metrics.llmFallback(),
  });
  const { auth, accounts, users } = await createAuthRuntime({ config, database, clock: options.clock });
  const deskContent = await createDeskContent({ database, seedDemo: config.seedDemo, clock: options.clock });
  const live = createDeskRuntime({
    settings: config.desk,
    hub,
    events,
    auth,
    users,
    clock: options.clock,
    observer: createAutoReplier(deskContent, { clock: options.clock }),
  });
  const stopObservingMetrics = events.observe((outcome) => metrics.observeAppend(outcome));
  const analytics = createAnalyticsRuntime({
    database,
    knowledgeBaseId: config.knowledgeBaseId,
    knowledgeStore: runtime.store,
    embedder: config.embedder,
    settings: config.analytics,
    clock: options.clock,
  });
  // Conversations waiting for a person are back in the queue before anyone can connect.
  await live.restore();
  const web = await buildWebAssets();
  const evalRuns = createServerEvalRuns({
    config,
    knowledgeBase: runtime.knowledgeBase,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const registry = new ApiRegistry();
  let ready = false;
  const app = createApp({
    knowledgeBase: runtime.knowledgeBase,
    isReady: () => ready,
    auth,
    accounts,
    http: config.http,
    registry,
    deskContent,
    desk: live.desk,
    conversations: createSqliteConversationQueries({ database }),
    evalRuns,
    web,
    analytics,
    metrics,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve(
      { fetch: app.fetch, port: config.port, hostname: options.hostname ?? '0.0.0.0' },
      // serve() without `createServer` options builds a plain node:http server.
      () => resolve(started as Server),
    );
  });
  live.serve(server);
  ready = true;
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.hostname ?? 'localhost'}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        ready = false;
        await live.close();
        await evalRuns.close();
        await analytics.close();
        stopObservingMetrics();
        metrics.close();
        server.closeIdleConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        // Answers still being written finish (or are cut off at the deadline) and are committed first.
        await hub.drain(SHUTDOWN_TURN_DEADLINE_MS);
        await eventWriter?.close();
        database.close();
        await runtime.close();
      })();
      return closing;
    },
  };
}
