import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createAuthRuntime } from './auth/create-auth-runtime.js';
import type { LivedeskConfig } from './config.js';
import { createAutoReplier, createDeskContent } from './desk/desk-content.js';
import { createDeskRuntime } from './desk/desk-runtime.js';
import { createVoiceRuntime } from './voice/voice-runtime.js';
import { outOfHoursTicketOpener } from './desk/out-of-hours-ticket.js';
import { createApp } from './http/create-app.js';
import { createIdentityVerifier } from './platform/identity-verifier.js';
import { createPlatformKeys } from './platform/platform-keys.js';
import { createSigningKeyStates, revokedIdentityCheck } from './platform/signing-key-states.js';
import { ApiRegistry } from './http/openapi/api-registry.js';
import { createKnowledgeRuntime } from './knowledge-runtime.js';
import type { LivedeskStores } from './storage/livedesk-stores.js';
import { openLivedeskStores } from './storage/open-livedesk-stores.js';
import { createStoreHealth, type StoreHealthProbe } from './storage/store-health.js';
import { startClusterNode, type ClusterNode } from './cluster/cluster-node.js';
import { LEADER_LEASE_ID } from './cluster/leader-election.js';
import { refreshOnLead } from './cluster/refresh-on-lead.js';
import { LivedeskError } from '../knowledge/errors.js';
import { createObservedConversationHub } from './realtime/observed-conversation-hub.js';
import { createServerEvalRuns } from './eval-runs/create-server-eval-runs.js';
import { createServerEditorReport } from './editor-report/create-server-editor-report.js';
import { buildWebAssets } from './web/build-web-assets.js';
import { createAnalyticsRuntime } from './analytics/create-analytics-runtime.js';
import { createLivedeskMetrics } from './metrics/livedesk-metrics.js';
import { startMetricsListener } from './http/metrics-listener.js';
import { createLogger, type Logger } from './logging/logger.js';
import { startAuditRetention } from './audit/audit-retention.js';
import { createPrivacyRuntime } from './privacy/create-privacy-runtime.js';
import { createSignalRuntime } from './signals/signal-runtime.js';
import {
  createSignalLearning,
  readConfiguredSignalModel,
  startSignalModels,
} from './signals/create-signal-learning.js';
import { ensureWritableDataDir } from './ensure-writable-data-dir.js';
import { holdPort, type HeldPort } from './hold-port.js';
import { listenAddress } from './listen-address.js';
import { createToolsRuntime } from './tools/create-tools-runtime.js';
import { syncToolCatalog } from './tools/tool-catalog-sync.js';
import { createCommercePanel } from './tools/commerce-panel.js';
import { createComposerTools } from './tools/composer-tools.js';
import { createCommerceTicketHints, DEMO_COMMERCE_TICKET_ROUTES } from './tools/commerce-ticket-hints.js';
import { ensureWarehouseDepartment } from './demo-shop/demo-departments.js';
import { registerToolMetrics } from './metrics/tool-metrics.js';
import { createWebhookRuntime } from './webhooks/create-webhook-runtime.js';
import { conversationWebhookObserver } from './webhooks/conversation-webhook-events.js';
import { webhookTicketStore } from './webhooks/webhook-ticket-store.js';
import { createDisputeRuntime } from './disputes/create-dispute-runtime.js';
import { loadDisputePolicy } from './disputes/load-dispute-policy.js';
import { DEFAULT_WEBHOOK_SETTINGS } from './webhooks/webhook-settings.js';
import { createRoomWatchRuntime } from './room-watch/create-room-watch-runtime.js';
import { createDanmakuPushGateway } from './realtime/danmaku-push-gateway.js';
import { createRoomPanelGateway } from './realtime/room-panel-gateway.js';
import { createMessageTranslation } from './translation/create-message-translation.js';
import { combineObservers } from './translation/message-translation.js';
import { loadTokenSecret } from './auth/token-secret.js';
import { createMediaRuntime } from './media/create-media-runtime.js';
import type { MediaBlobStore } from '../engine/media/media-blob-store.js';
import { registerMediaMetrics } from './media/media-metrics.js';
import { createMediaAssistant } from './media/media-assistant.js';
import { createSpokenTurnRecorder } from './media/spoken-turn-recorder.js';
import { POLICY_PRESETS } from '../engine/policy/escalation-policy-config.js';

/** How long shutdown lets an answer in flight (an LLM stream) finish before cutting it off. */
const SHUTDOWN_TURN_DEADLINE_MS = 5_000;

export interface StartServerOptions {
  config: LivedeskConfig;
  /** Default `config.host`; tests use `127.0.0.1`. */
  hostname?: string;
  clock?: () => Date;
  /** Default: JSON lines on standard output at `config.logLevel`; tests pass one that records. */
  logger?: Logger;
  /**
   * The node cannot go on (cluster mode: it lost the lead while running). `npm start` exits so a supervisor
   * restarts it as a follower; default: log it and close the server.
   */
  onFatal?: ((error: Error) => void) | undefined;
  /** Where media bytes live instead of the folder (an S3-compatible store; tests wrap the folder's). */
  mediaBlobs?: MediaBlobStore | undefined;
}

export interface RunningServer {
  /** `http://host:port` of the listening server (`localhost` when bound to all interfaces). */
  url: string;
  port: number;
  /** The bound address as the operating system reports it. */
  address: AddressInfo;
  /** `http://host:port` of the metrics listener, when LIVEDESK_METRICS_PORT is set. */
  metricsUrl?: string | undefined;
  /** Stops taking connections, drains sockets, commits what is pending, closes the database. */
  close(): Promise<void>;
}

/**
 * The composition root: reads nothing from the environment (the caller passes the config), wires the
 * adapters into the engine and serves HTTP and WebSockets on one port. `npm start` and the end-to-end
 * tests both start the product through here.
 *
 * The port is held first and the data folder proven writable next, so either failing ends start-up with a
 * `LivedeskError` (one line for the operator) before any database is created or seeded; `/healthz`
 * answers 503 while the rest is built.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const held = await holdPort({
    host: options.hostname ?? options.config.host,
    port: options.config.port,
    timeouts: {
      requestTimeoutMs: options.config.limits.httpRequestTimeoutMs,
      headersTimeoutMs: options.config.limits.httpHeadersTimeoutMs,
    },
  });
  try {
    return await buildOnHeldPort(options, held);
  } catch (error) {
    await held.release();
    throw error;
  }
}

async function buildOnHeldPort(options: StartServerOptions, held: HeldPort): Promise<RunningServer> {
  const { config } = options;
  await ensureWritableDataDir(config.dataDir);
  // A bad model file stops start-up before any store is created or seeded.
  const configuredModel = await readConfiguredSignalModel(config.signalsModelFile);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Cluster mode: every append is fenced by the leader's lease; the cluster node sets how to read its token.
  const fencingToken = { read: (): number | undefined => undefined };
  const stores = await openLivedeskStores({
    config,
    clock: options.clock,
    logger,
    // Another process took this database over while ours was cut off from it: two nodes must never both
    // run the queue, so this one stops.
    onNodeLockLost: (error) => {
      if (options.onFatal) options.onFatal(error);
      else logger.error({ error: { message: error.message } }, 'another node took the database over');
    },
    ...(config.cluster
      ? { cluster: { fencing: { leaseId: LEADER_LEASE_ID, tokenFor: () => fencingToken.read() } } }
      : {}),
  });
  try {
    return await buildOnStores({ ...options, logger, configuredModel }, held, stores, fencingToken);
  } catch (error) {
    await stores.close();
    throw error;
  }
}

async function buildOnStores(
  options: StartServerOptions & {
    logger: Logger;
    configuredModel: Awaited<ReturnType<typeof readConfiguredSignalModel>>;
  },
  held: HeldPort,
  stores: LivedeskStores,
  fencingToken: { read: () => number | undefined },
): Promise<RunningServer> {
  const { config, logger, configuredModel } = options;
  const clock = options.clock ?? (() => new Date());
  const runtime = await createKnowledgeRuntime(config, {
    stores,
    matchWorkers: config.matchWorkers,
    onMatchWorkerError: (error) => logger.error({ error }, 'match worker failed'),
  });
  const language = await createSignalRuntime({ store: runtime.store });
  // The active model version (LIVEDESK_SIGNALS_MODEL seeds one): swapped by the admin while the server runs.
  const models = await startSignalModels({
    store: stores.signalModels,
    base: language,
    configured: configuredModel,
    clock,
  });
  const signals = models.support;
  let cluster: ClusterNode | undefined;
  // Set once serving: a demotion before that fails start-up instead (see startClusterNode).
  const serving: { server?: RunningServer } = {};
  // The cluster node is started last (its first round may make this node the leader); until then its
  // checks fail, so no balancer sends traffic to a node that knows no leader.
  const clusterProbes: StoreHealthProbe[] = config.cluster
    ? ['redis', 'leader'].map((component) => ({
        component,
        // Redis carries no data here (see server/cluster/cluster-node.ts): without it a node is degraded.
        critical: component !== 'redis',
        check: (signal: AbortSignal) =>
          cluster?.healthProbes.find((probe) => probe.component === component)?.check(signal) ??
          Promise.reject(new Error('the cluster node is starting')),
      }))
    : [];
  const storeHealth = createStoreHealth({
    probes: [...stores.healthProbes, ...clusterProbes],
    onChange: ({ healthy, failing }) =>
      healthy
        ? logger.info({}, 'shared stores reachable again')
        : logger.error({ failing }, 'shared stores unreachable'),
  });
  // Its gauges read the desk and gateways built below; they are only called when /metrics is scraped.
  const metrics = createLivedeskMetrics({
    viewerConnections: () => live.viewers.connectionCount,
    agentConnections: () => live.agents.connectionCount,
    desk: () => live.desk.snapshot(),
    ...(runtime.reranker ? { reranking: () => runtime.reranker!.stats } : {}),
  });
  // Commerce tools (issue 15): the tools file, the admin's tools and, with the demo, the local demo shop.
  const toolMetrics = registerToolMetrics(metrics.registry);
  const tools = await createToolsRuntime({
    config: config.tools,
    store: stores.tools,
    knowledgeStore: config.seedDemo ? runtime.store : undefined,
    logger,
    onCall: toolMetrics.onCall,
    onFill: toolMetrics.onFill,
    clock: options.clock,
  });
  // Entries added under a running index are matched with the whole base's statistics only after a rebuild.
  if (tools.seededEntries.length > 0) await runtime.knowledgeBase.rebuild();
  const { hub, events } = createObservedConversationHub({
    config,
    fillAnswer: tools.fillAnswer,
    composerTools: createComposerTools({ runner: tools.runner, tools: tools.catalog.current }),
    knowledgeBase: runtime.knowledgeBase,
    eventLog: stores.events,
    signals,
    signalModelText: () => {
      const active = models.holder.current();
      return active.learned === undefined ? null : active.modelText;
    },
    ...(options.clock ? { clock: options.clock } : {}),
    onLlmFallback: () => metrics.llmFallback(),
    onLlmOutputBlocked: (kind) => metrics.llmOutputBlocked(kind),
    onJudgeFallback: ({ reason }) => metrics.llmJudgeFallback(reason),
  });
  const signalLearning = createSignalLearning({
    models,
    labelStore: stores.signalLabels,
    events,
    clock,
    minExamples: config.signalsMinExamples,
    logger,
  });
  const { auth, accounts, users, changes, audit } = await createAuthRuntime({
    config,
    stores: { users: stores.staffUsers, audit: stores.audit },
    clock: options.clock,
    log: (message, fields) => logger.info(fields, message),
  });
  const disputePolicy = await loadDisputePolicy(config.disputePolicyFile);
  // Images, stickers, voice clips and files (issue 17): links are signed with a key derived from the main secret.
  const media =
    config.media &&
    createMediaRuntime({
      config: config.media,
      secret: await loadTokenSecret({ configured: config.auth.secret, dataDir: config.dataDir }),
      records: stores.media,
      metrics: registerMediaMetrics(metrics.registry),
      blobs: options.mediaBlobs,
      clock: options.clock,
    });
  // Outbound webhooks: any node writes the outbox; the delivering node (this one, or the leader) sends it.
  const webhooks = createWebhookRuntime({
    store: stores.webhooks,
    settings: config.webhooks ?? DEFAULT_WEBHOOK_SETTINGS,
    clock: options.clock,
    logger,
  });
  const stopObservingWebhooks = events.observe(
    conversationWebhookObserver(webhooks.emitter, { clock: options.clock }),
  );
  // Gift and top-up disputes (issue 16): a bad LIVEDESK_DISPUTE_POLICY_FILE stops start-up here.
  const disputes = createDisputeRuntime({
    policy: disputePolicy,
    store: stores.disputes,
    events: events.log,
    clock: options.clock,
    logger,
  });
  const deskContent = await createDeskContent({
    stores: {
      ...stores.desk,
      tickets: disputes.wrapTickets(webhookTicketStore(stores.desk.tickets, webhooks.emitter)),
      events: events.log,
    },
    seedDemo: config.seedDemo,
    clock: options.clock,
    commerceHints: createCommerceTicketHints({
      runner: tools.runner,
      tools: tools.catalog.current,
      routes:
        config.tools?.ticketRoutes ??
        (config.tools?.demoShop ? DEMO_COMMERCE_TICKET_ROUTES : { entries: {} }),
    }),
  });
  if (tools.demoShop) await ensureWarehouseDepartment(deskContent.tickets.departments);
  // A viewer token minted from a platform identity is refused on join once its key is revoked (2 s cache).
  const signingKeyStates = createSigningKeyStates({ keys: stores.platformKeys });
  const translation = createMessageTranslation(config.llm, logger, events.log);
  // Streamed voice (issue 17): the Silero VAD loads only with speech to text configured.
  const voice = await createVoiceRuntime(config.speech, {
    logger,
    // A spoken turn's sound is kept for the agents like a voice clip, under the same media policy.
    keepSpokenTurn:
      media &&
      config.media &&
      createSpokenTurnRecorder({
        policy: config.media.policy,
        blobs: media.blobs,
        records: media.records,
        newId: randomUUID,
        clock: options.clock,
      }),
  });
  const live = createDeskRuntime({
    settings: config.desk,
    limits: config.limits,
    trustProxy: config.http.trustProxy,
    hub,
    events,
    auth,
    accountChanges: changes,
    users,
    clock: options.clock,
    observer: combineObservers(
      createAutoReplier(deskContent, {
        clock: options.clock,
        onError: (error, { conversationId }) => logger.error({ conversationId, error }, 'auto-reply failed'),
      }),
      ...(translation ? [translation.observer()] : []),
    ),
    translation,
    openTicket: outOfHoursTicketOpener(deskContent.tickets),
    // A node that cannot store messages refuses them rather than acknowledging what it may lose.
    viewerGateway: {
      accepting: () => storeHealth.healthy,
      disputes: disputes.viewerDisputes,
      revokedIdentity: revokedIdentityCheck(signingKeyStates),
      voice: voice.services,
    },
    mediaLinks: media?.links,
  });
  media?.attach({
    directory: live.directory,
    desk: live.desk,
    queries: stores.conversations,
    // What the AI does with a viewer's media: hear it, look at it, or hand it to people routed by the words around it.
    onViewerMedia: createMediaAssistant({
      blobs: media.blobs,
      stt: voice.services?.stt,
      sttTimeoutMs: config.speech?.timeoutMs ?? 20_000,
      transcription: config.speech?.clipTranscription,
      vision: config.media?.vision,
      contextWindowMs: config.media?.contextWindowMs ?? 60_000,
      wordsWaitMs: config.media?.wordsWaitMs ?? 8_000,
      route: async (words, signal) => {
        const general = POLICY_PRESETS[config.scenario].teams.general;
        if (words === '') return general;
        // Words that match an entry with a dispute flow (a top-up that never arrived) go where disputes go.
        try {
          const flow = (await runtime.knowledgeBase.ask(words, { signal })).best?.entry.flow;
          return flow === undefined ? general : disputePolicy.team;
        } catch (error) {
          logger.warn({ error }, 'media routing fell back to the general team');
          return general;
        }
      },
      onError: (error, context) => logger.error({ ...context, error }, 'media assistant failed'),
      metrics: media.metrics,
    }).onViewerMedia,
  });
  // The danmaku watch (issue 16): platforms push room comments; moderators watch the rooms' alerts.
  const roomWatch = createRoomWatchRuntime({
    store: stores.roomAlerts,
    tickets: deskContent.tickets,
    directory: live.directory,
    registry: metrics.registry,
    rates: config.roomWatch,
    webhooks: webhooks.emitter,
    logger,
    clock: options.clock,
  });
  await disputes.start({
    tickets: deskContent.tickets,
    directory: live.directory,
    knowledgeBase: runtime.knowledgeBase,
  });
  const stopObservingMetrics = events.observe((outcome) => {
    metrics.observeAppend(outcome);
    // A failed commit on a shared database: unhealthy at once, not at the next probe (which also ends it).
    if (outcome.sequence === undefined && stores.healthProbes.length > 0)
      storeHealth.reportOutage('database');
  });
  const analytics = createAnalyticsRuntime({
    stores: stores.analytics,
    knowledgeStore: runtime.store,
    embedder: config.embedder,
    // In a cluster only the leader scans (started when it takes the lead): one scan of the shared log.
    settings: config.cluster ? { ...config.analytics, proposalScanIntervalMs: 0 } : config.analytics,
    clock: options.clock,
    onScanError: (error) => logger.error({ error }, 'phrasing proposal scan failed'),
  });
  // Conversations waiting for a person are back in the queue before anyone can connect (in a cluster, on the
  // node that takes the lead, whenever it does).
  let stopToolSync: (() => void) | undefined;
  if (config.cluster && stores.cluster) {
    const scanEveryMs = config.analytics.proposalScanIntervalMs;
    const reloadOnLead = await refreshOnLead({
      signalModel: { store: stores.signalModels, holder: models.holder, measure: models.measure, clock },
      autoReplyRules: stores.desk.autoReplyRules,
      packOverrides: stores.packOverrides,
      knowledgeBase: runtime.knowledgeBase,
    });
    cluster = await startClusterNode({
      config: config.cluster,
      trustProxy: config.http.trustProxy,
      leases: stores.cluster.leases,
      nodes: stores.cluster.nodes,
      logger,
      fencingToken,
      onPromoted: async () => {
        await reloadOnLead();
        // A tools notice lost while Redis was down must not leave the new leader on stale tools.
        await tools.catalog.refresh();
        await live.restore();
        if (scanEveryMs > 0) analytics.loop.start(scanEveryMs);
        webhooks.dispatcher.start();
      },
      onDemoted: (reason) => {
        const error = new LivedeskError('unavailable', `this node ${reason} and stops serving`);
        if (options.onFatal) options.onFatal(error);
        else {
          logger.error({ reason }, 'this node stops serving');
          void serving.server?.close();
        }
      },
    });
    // An admin's change of a commerce tool reaches every node's catalog (server/tools/tool-catalog-sync.ts).
    stopToolSync = await syncToolCatalog({
      catalog: tools.catalog,
      bus: cluster.bus,
      nodeId: config.cluster.nodeId,
      onError: (error) => logger.warn({ error }, 'commerce tools sync failed'),
    });
  } else {
    await live.restore();
    webhooks.dispatcher.start();
  }
  try {
    return await serveOnceBuilt();
  } catch (error) {
    // The node must not keep leading (or holding the lease) for a server that never served.
    await cluster?.stop().catch(() => undefined);
    throw error;
  }

  async function serveOnceBuilt(): Promise<RunningServer> {
    const web = await buildWebAssets();
    const evalRuns = createServerEvalRuns({
      config,
      knowledgeBase: runtime.knowledgeBase,
      signals,
      logger,
      store: stores.evalRuns,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const editorReport = createServerEditorReport({
      config,
      store: runtime.store,
      analytics: analytics.analytics,
      clock: options.clock,
      logger,
    });
    const registry = new ApiRegistry();
    let ready = false;
    // Erasure, export and retention (issue 16 part 3); retention runs on the leader only in cluster mode.
    const privacy = createPrivacyRuntime({
      personalData: stores.personalData,
      queries: stores.conversations,
      tickets: stores.desk.tickets,
      audit,
      policy: config.retention,
      held: live.directory,
      media: media && {
        records: (conversationId) => stores.media.listByConversation(conversationId),
        erase: (conversationIds) => media.eraseConversations(conversationIds),
      },
      isResponsible: () => (config.cluster ? (cluster?.isLeader ?? false) : true),
      clock,
      logger,
    });
    const app = createApp({
      logger,
      knowledgeBase: runtime.knowledgeBase,
      domainPacks: runtime.domainPacks,
      isReady: () => ready,
      storeHealth,
      auth,
      accounts,
      audit,
      http: config.http,
      registry,
      deskContent,
      desk: live.desk,
      conversations: stores.conversations,
      privacy: stores.privacy,
      viewerData: privacy,
      webhookEmitter: webhooks.emitter,
      media,
      platform: {
        keys: createPlatformKeys({
          store: stores.platformKeys,
          clock,
          onSigningKeyRevoked: () => signingKeyStates.invalidate(),
        }),
        identity: createIdentityVerifier({ keys: stores.platformKeys, ...config.platformIdentity, clock }),
        directory: live.directory,
      },
      evalRuns,
      editorReport,
      signalLearning,
      web,
      widget: { humanButton: config.widget?.humanButton ?? false, voice: voice.switches },
      analytics,
      metrics,
      webhooks: webhooks.admin,
      roomWatch,
      tools: {
        catalog: tools.catalog,
        runner: tools.runner,
        panel: createCommercePanel({
          runner: tools.runner,
          tools: tools.catalog.current,
          log: stores.events,
        }),
      },
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const metricsAccess = config.http.metrics;
    const metricsListener =
      metricsAccess.port === undefined
        ? undefined
        : await startMetricsListener({ metrics, access: { ...metricsAccess, port: metricsAccess.port } });
    const { server, address } = held;
    // Same tick: the upgrade refusal is lifted and the gateways' routing attached with nothing between.
    const local = getRequestListener(app.fetch, { hostname: options.hostname ?? config.host });
    const node = cluster;
    held.open(node ? node.route((request, response) => void local(request, response)) : local);
    const platformKeys = createPlatformKeys({ store: stores.platformKeys, clock });
    const roomGateways = [
      createDanmakuPushGateway({ keys: platformKeys, rooms: roomWatch.service, metrics: roomWatch.metrics }),
      createRoomPanelGateway({
        rooms: roomWatch.service,
        auth,
        accountChanges: changes,
        trustProxy: config.http.trustProxy,
      }),
    ];
    live.serve(server, node ? (upgrade) => node.routeUpgrade(upgrade) : undefined, roomGateways);
    // Blobs no media record points at (a crash between a file and its record) are swept periodically.
    const mediaSweep = media?.startOrphanSweep(logger);
    const auditRetention = startAuditRetention({
      audit,
      retentionDays: config.auth.auditRetentionDays,
      clock,
      logger,
    });
    ready = true;
    let closing: Promise<void> | undefined;
    const running: RunningServer = {
      url: listenAddress(address).url,
      port: address.port,
      address,
      metricsUrl: metricsListener?.url,
      close() {
        closing ??= (async () => {
          ready = false;
          await auditRetention.stop();
          await mediaSweep?.stop();
          await privacy?.close();
          disputes.close();
          await live.close();
          await voice.close();
          await Promise.all(roomGateways.map((gateway) => gateway.close()));
          await roomWatch.close();
          await evalRuns.close();
          await editorReport.close();
          await signalLearning.close();
          await analytics.close();
          stopObservingMetrics();
          await metricsListener?.close();
          metrics.close();
          // Sockets forwarded to the leader count as this server's connections until they end.
          cluster?.dropForwarded();
          server.closeIdleConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          // Answers still being written finish (or are cut off at the deadline) and are committed first.
          await hub.drain(SHUTDOWN_TURN_DEADLINE_MS);
          // No turn is left to look anything up: the demo shop may go.
          stopToolSync?.();
          await tools.close();
          // What the last turns emitted is in the outbox before the database closes; deliveries stop.
          stopObservingWebhooks();
          await webhooks.close();
          // Only now, with every answer committed, may another node take the lead and rebuild from the log.
          await cluster?.stop();
          storeHealth.close();
          await runtime.close();
          await stores.close();
        })();
        return closing;
      },
    };
    serving.server = running;
    return running;
  }
}
