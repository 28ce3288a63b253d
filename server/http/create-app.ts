import { Hono } from 'hono';
import { except } from 'hono/combine';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { isClientAbort } from './client-abort.js';
import { requestIdOf, requestLog } from './request-log.js';
import type { AuditLog } from '../audit/audit-log.js';
import { failSafeAuditLog } from '../audit/fail-safe-audit-log.js';
import type { Auth } from '../auth/auth.js';
import type { StaffAccounts } from '../auth/staff-accounts.js';
import type { HttpConfig } from '../config.js';
import { registerAskRoute } from './ask-route.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuditTrail } from './audit-trail.js';
import { registerAuthRoutes } from './auth-routes.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { IdentityVerifier } from '../platform/identity-verifier.js';
import type { PlatformKeys } from '../platform/platform-keys.js';
import { registerPlatformApiRoutes } from './platform-api-routes.js';
import { registerPlatformKeyRoutes } from './platform-key-routes.js';
import { registerBodyLimits } from './body-limits.js';
import { clientIp } from './client-ip.js';
import type { DomainPackCatalog } from '../../knowledge/domain-packs/domain-pack-catalog.js';
import { registerDomainPackRoutes } from './domain-pack-routes.js';
import { registerKnowledgeRoutes } from './knowledge-routes.js';
import { registerKnowledgeSearchRoute } from './knowledge-search-route.js';
import { ApiRegistry } from './openapi/api-registry.js';
import { registerDocsRoutes } from './openapi/docs-routes.js';
import { findUndocumentedRoutes } from './openapi/find-undocumented-routes.js';
import { failedAuthRateLimit } from './failed-auth-rate-limit.js';
import { rateLimit } from './rate-limit.js';
import { registerTicketRoutes } from './ticket-routes.js';
import { registerQuickReplyRoutes } from './quick-reply-routes.js';
import { registerAutoReplyRoutes } from './auto-reply-routes.js';
import type { DeskContent } from '../desk/desk-content.js';
import type { DeskService } from '../desk/desk-service.js';
import { registerDeskRoutes } from './desk-routes.js';
import { registerUserRoutes } from './user-routes.js';
import type { ConversationQueries } from '../conversation-history/conversation-queries.js';
import { registerConversationRoutes } from './conversation-routes.js';
import { createConversationAccess } from './conversation-access-guard.js';
import type { EvalRunService } from '../eval-runs/eval-run-service.js';
import { registerEvalRunRoutes } from './eval-run-routes.js';
import { registerEditorReportRoutes } from './editor-report-routes.js';
import type { EditorReportService } from '../editor-report/editor-report-service.js';
import type { WebAssets } from '../web/build-web-assets.js';
import { registerWebRoutes } from '../web/register-web-routes.js';
import { registerWidgetRoutes, type WidgetSettings } from '../web/widget-routes.js';
import type { AnalyticsRuntime } from '../analytics/create-analytics-runtime.js';
import type { LivedeskMetrics } from '../metrics/livedesk-metrics.js';
import { registerAnalyticsRoutes } from './analytics-routes.js';
import { registerMetricsRoute } from './metrics-route.js';
import { registerPhrasingProposalRoutes } from './phrasing-proposal-routes.js';
import type { SignalLearning } from '../signals/create-signal-learning.js';
import { registerEscalationLabelRoutes } from './escalation-label-routes.js';
import { registerSignalModelRoutes } from './signal-model-routes.js';
import { registerSignalTrainingRoutes } from './signal-training-routes.js';
import { registerToolRoutes, type ToolRouteOptions } from './tool-routes.js';
import type { WebhookAdmin } from '../webhooks/webhook-admin.js';
import { registerWebhookRoutes } from './webhook-routes.js';
import type { RoomWatchRuntime } from '../room-watch/create-room-watch-runtime.js';
import { DANMAKU_PUSH_PATH, registerDanmakuPushRoutes } from './danmaku-push-routes.js';
import { registerRoomPanelRoutes } from './room-panel-routes.js';
import {
  createInMemoryConversationPrivacyStore,
  type ConversationPrivacyStore,
} from '../privacy/conversation-privacy-store.js';
import { registerPrivacyRoutes } from './privacy-routes.js';
import { registerViewerDataRoutes, type ViewerDataRouteOptions } from './viewer-data-routes.js';
import { registerViewerReportRoutes } from './viewer-report-routes.js';
import { createViewerReports } from '../privacy/viewer-report.js';
import type { WebhookEmitter } from '../webhooks/webhook-emitter.js';
import type { MediaRuntime } from '../media/create-media-runtime.js';
import { registerMediaRoutes } from '../media/media-routes.js';

const STATUS_BY_CODE = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  timeout: 504,
  aborted: 499,
  internal: 500,
} as const;

export interface AppOptions {
  knowledgeBase: KnowledgeBase;
  /** The domain packs and their edits (server/http/domain-pack-routes.ts); absent: no such routes. */
  domainPacks?: DomainPackCatalog | undefined;
  isReady: () => boolean;
  /** The shared stores (PostgreSQL, Redis): a node that cannot store messages answers 503 `unhealthy`. */
  storeHealth?: { readonly healthy: boolean; readonly failing: readonly string[] } | undefined;
  /** Verifies bearer tokens and signs staff in (server/auth/create-auth-runtime.ts builds it). */
  auth: Auth;
  /** Staff account administration behind /api/users. */
  accounts: StaffAccounts;
  /** The audit log of staff actions (server/audit/): recorded and served at /api/audit when given. */
  audit?: AuditLog;
  /** Client address and rate limits: `config.http`. */
  http: HttpConfig;
  /** The rate limiters' clock; tests inject one. */
  nowMs?: () => number;
  /** Where routes describe themselves for /openapi.json; a fresh one when left out. */
  registry?: ApiRegistry;
  /** Tickets, quick replies and auto-reply rules (server/desk/desk-content.ts); their routes are left out without. */
  deskContent?: DeskContent;
  /** The live desk (server/desk/desk-service.ts): queue and agent routes are left out without. */
  desk?: DeskService;
  /** Conversation history (adapters/sqlite/conversation-queries.ts): its routes are left out without. */
  conversations?: ConversationQueries;
  /** Eval runs for the knowledge admin (server/eval-runs/): their routes are left out without. */
  evalRuns?: EvalRunService;
  /** The knowledge base's quality report (server/editor-report/): its routes are left out without. */
  editorReport?: EditorReportService;
  /** Signal model versions, retraining and the desk's labels (server/signals/): their routes are left out without. */
  signalLearning?: SignalLearning;
  /** The bundled web pages (server/web/build-web-assets.ts): `/`, `/viewer`, `/console`, `/admin`. */
  web?: WebAssets;
  /** Metrics, knowledge gaps and phrasing proposals (server/analytics/): their routes are left out without. */
  analytics?: AnalyticsRuntime;
  /** Prometheus metrics at `/metrics` (server/metrics/): left out without. */
  metrics?: LivedeskMetrics;
  /** Outbound webhook subscriptions and dead letters (server/webhooks/): their routes are left out without. */
  webhooks?: WebhookAdmin | undefined;
  /** The embeddable widget's switches (server/web/widget-routes.ts); the button off when absent. */
  widget?: WidgetSettings | undefined;
  /** Commerce tools (server/tools/): the admin's tool routes and the console's commerce panel; left out without. */
  tools?: Pick<ToolRouteOptions, 'catalog' | 'runner' | 'panel'> | undefined;
  /**
   * Platform keys, verified viewer identity and the inbound platform API (server/platform/): without it an
   * identity is refused as unknown and the key and platform routes are left out.
   */
  platform?: { keys: PlatformKeys; identity: IdentityVerifier; directory: ConversationDirectory } | undefined;
  /** The danmaku watch (issue 16, server/room-watch/): the platform's push and the room panel's routes. */
  roomWatch?: RoomWatchRuntime | undefined;
  /** The analytics' clock (default ranges end now); tests inject one. */
  clock?: () => Date;
  /** The request log and error lines (server/logging/logger.ts); silent without. */
  logger?: Logger;
  /** Sensitive conversation marks (server/privacy/); in memory when left out. */
  privacy?: ConversationPrivacyStore | undefined;
  /** Viewer data export and erasure, and the retention policy (server/privacy/): admin routes left out without. */
  viewerData?: Omit<ViewerDataRouteOptions, 'auth'> | undefined;
  /** Where a viewer's wish to block someone goes (`viewer.block.requested`); not sent without. */
  webhookEmitter?: WebhookEmitter | undefined;
  /** Images, stickers, voice clips and files (issue 17, server/media/): their routes are left out without. */
  media?: MediaRuntime | undefined;
}

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'starting', 'unhealthy']),
  /** What cannot be reached (`database`, `leader`: unhealthy; `redis`: degraded, nothing refused). */
  failing: z.array(z.string()).optional(),
});

/**
 * The HTTP surface: health, auth, matching, knowledge, docs. Every `/api/` route must be described in the
 * registry (createApp refuses to build otherwise). Vendor and internal error text never reaches clients.
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const logger = options.logger ?? silentLogger();
  app.use(requestLog(logger));
  const registry = options.registry ?? new ApiRegistry();
  const { auth, http } = options;
  const clock = options.nowMs ? { nowMs: options.nowMs } : {};

  app.get('/healthz', (context) => {
    if (!options.isReady()) return context.json({ status: 'starting' }, 503);
    const stores = options.storeHealth;
    if (stores && !stores.healthy)
      return context.json({ status: 'unhealthy', failing: [...stores.failing] }, 503);
    if (stores && stores.failing.length > 0)
      return context.json({ status: 'degraded', failing: [...stores.failing] });
    return context.json({ status: 'ok' });
  });
  registry.add({
    method: 'get',
    path: '/healthz',
    summary:
      'Ready (200, `degraded` without Redis), or still starting or unable to reach its database or leader (503)',
    tag: 'health',
    responses: {
      200: { description: 'Ready', schema: HealthSchema },
      503: { description: 'Starting, shutting down, or a shared store unreachable', schema: HealthSchema },
    },
  });

  registerBodyLimits(app);
  // Danmaku pushes have their own buckets per platform key and room: a platform pushes from few addresses.
  const perAddress = rateLimit({
    limit: http.rateLimit,
    key: (context) => clientIp(context, http.trustProxy),
    ...clock,
  });
  app.use(
    '/api/*',
    except((context) => DANMAKU_PUSH_PATH.test(context.req.path), perAddress),
  );
  // ...but an unauthenticated one pays: only its refusals (401) spend from the per-address bucket.
  const failedAuth = failedAuthRateLimit({
    limit: http.rateLimit,
    key: (context) => clientIp(context, http.trustProxy),
    ...clock,
  });
  app.use(
    '/api/platform/rooms/*',
    except((context) => !DANMAKU_PUSH_PATH.test(context.req.path), failedAuth),
  );

  const audit =
    options.audit &&
    failSafeAuditLog(options.audit, (error, action) =>
      logger.error({ error, action }, 'audit record failed'),
    );
  // Before every route, so it sees how each one answered.
  if (audit) registerAuditTrail(app, { audit, trustProxy: http.trustProxy });

  // Before the auth routes: it answers the widget's cross-origin calls, `POST /api/viewer/session` among them.
  registerWidgetRoutes(app, options.widget ?? { humanButton: false }, registry);
  registerAuthRoutes(
    app,
    {
      auth,
      accounts: options.accounts,
      trustProxy: http.trustProxy,
      loginRateLimit: http.loginRateLimit,
      loginBackoff: http.loginBackoff,
      audit,
      identity: options.platform?.identity,
      latestOpenConversation: options.conversations && latestOpenConversation(options.conversations),
      ...clock,
    },
    registry,
  );
  if (options.platform) {
    const { keys, directory } = options.platform;
    registerPlatformKeyRoutes(app, { keys, auth }, registry);
    registerPlatformApiRoutes(app, { keys, directory, conversations: options.conversations }, registry);
    if (options.roomWatch) {
      const { service, metrics } = options.roomWatch;
      registerDanmakuPushRoutes(app, { keys, rooms: service, metrics }, registry);
    }
  }
  if (options.roomWatch) {
    const { service, store, actions } = options.roomWatch;
    const roomClock = options.clock ?? (() => new Date());
    registerRoomPanelRoutes(app, { rooms: service, store, actions, auth, clock: roomClock }, registry);
  }
  registerUserRoutes(app, { auth, accounts: options.accounts }, registry);
  if (audit) registerAuditRoutes(app, { audit, auth }, registry);
  registerAskRoute(app, options.knowledgeBase, registry);
  registerKnowledgeRoutes(app, { knowledgeBase: options.knowledgeBase, auth }, registry);
  if (options.domainPacks)
    registerDomainPackRoutes(
      app,
      { knowledgeBase: options.knowledgeBase, domainPacks: options.domainPacks, auth },
      registry,
    );
  registerKnowledgeSearchRoute(app, { knowledgeBase: options.knowledgeBase, auth }, registry);
  // One rule for every route that takes a conversation or ticket id (server/desk/conversation-access.ts).
  const { desk: liveDesk, conversations: history, accounts: staffAccounts } = options;
  const privacy = options.privacy ?? createInMemoryConversationPrivacyStore();
  const access = createConversationAccess({
    live: liveDesk && ((id) => liveDesk.conversation(id)),
    history: history && ((id, call) => history.summary(id, call)),
    teams: (userId) => staffAccounts.get(userId)?.teams ?? [],
    sensitive: (ids) => privacy.sensitiveAmong(ids),
  });
  const media = options.media?.service(access);
  if (media && options.media)
    registerMediaRoutes(
      app,
      {
        media,
        auth,
        trustProxy: http.trustProxy,
        uploadRates: options.media.uploadRates,
        nowMs: options.nowMs,
      },
      registry,
    );
  if (options.deskContent) {
    const { tickets, quickReplies, autoReplyRules, conversationValues } = options.deskContent;
    const attachments = media && ((conversationId: string) => media.attachments(conversationId));
    registerTicketRoutes(app, { tickets, access, auth, attachments }, registry);
    registerQuickReplyRoutes(app, { quickReplies, auth, access, conversationValues }, registry);
    registerAutoReplyRoutes(app, { rules: autoReplyRules, auth }, registry);
  }
  if (options.desk) registerDeskRoutes(app, { desk: options.desk, auth }, registry);
  if (options.tools) registerToolRoutes(app, { ...options.tools, access, auth }, registry);
  if (options.conversations) {
    registerConversationRoutes(app, { queries: options.conversations, access, auth }, registry);
    registerPrivacyRoutes(
      app,
      { auth, access, queries: options.conversations, privacy, desk: options.desk, clock: options.clock },
      registry,
    );
  }
  if (options.viewerData) registerViewerDataRoutes(app, { ...options.viewerData, auth }, registry);
  if (options.conversations && options.deskContent) {
    const reports = createViewerReports({
      queries: options.conversations,
      tickets: options.deskContent.tickets,
      privacy,
      webhooks: options.webhookEmitter,
      clock: options.clock,
    });
    registerViewerReportRoutes(app, { auth, reports, nowMs: options.nowMs }, registry);
  }
  if (options.evalRuns) registerEvalRunRoutes(app, { runs: options.evalRuns, auth }, registry);
  if (options.editorReport)
    registerEditorReportRoutes(app, { reports: options.editorReport, auth }, registry);
  if (options.signalLearning) {
    const { catalog, training, labels } = options.signalLearning;
    registerSignalModelRoutes(app, { catalog, auth }, registry);
    registerSignalTrainingRoutes(app, { training, auth }, registry);
    if (options.conversations) registerEscalationLabelRoutes(app, { labels, access, auth }, registry);
  }

  if (options.analytics) {
    const { analytics, proposals, loop, viewerNames } = options.analytics;
    const { accounts } = options;
    const names = {
      staffNames: () => new Map(accounts.list().map((user) => [user.id, user.name])),
      viewerNames,
    };
    const clock = options.clock ?? (() => new Date());
    registerAnalyticsRoutes(app, { analytics, auth, clock, names }, registry);
    registerPhrasingProposalRoutes(app, { proposals, loop, auth }, registry);
  }
  if (options.webhooks) registerWebhookRoutes(app, { webhooks: options.webhooks, auth }, registry);
  if (options.metrics)
    registerMetricsRoute(app, {
      metrics: options.metrics,
      access: options.http.metrics,
      listener: 'main',
      trustProxy: options.http.trustProxy,
      registry,
    });
  if (options.web) registerWebRoutes(app, { assets: options.web, registry });

  registerDocsRoutes(app, registry, {
    title: 'Livedesk API',
    version: '0.1.0',
    description: 'AI-first support for live-streaming platforms: matching, knowledge, desk and accounts.',
  });
  app.notFound((context) => context.json({ error: 'not_found', message: 'no such route' }, 404));
  app.onError((error, context) => {
    if (error instanceof LivedeskError) {
      const status = STATUS_BY_CODE[error.code];
      return context.json({ error: error.code, message: error.message }, status === 499 ? 400 : status);
    }
    const request = { requestId: requestIdOf(context), method: context.req.method, path: context.req.path };
    if (isClientAbort(error, context)) {
      // The client hung up mid-upload: routine on mobile networks, nothing to debug, so no stack.
      logger.info(request, 'client aborted the request');
      return context.json({ error: 'aborted', message: 'the request was aborted' }, 400);
    }
    logger.error({ ...request, error }, 'request failed');
    return context.json({ error: 'internal', message: 'internal error' }, 500);
  });

  const undocumented = findUndocumentedRoutes(app.routes, registry.operations());
  if (undocumented.length > 0) {
    throw new LivedeskError(
      'internal',
      `every /api/ route must be described with registry.add(); missing: ${undocumented.join(', ')}`,
    );
  }
  return app;
}

/** A viewer's newest conversation while it is not closed: where a verified viewer on a new device picks up. */
function latestOpenConversation(queries: ConversationQueries) {
  return async (viewerId: string): Promise<string | undefined> => {
    const { conversations } = await queries.list({ viewerId }, { limit: 1 });
    const [latest] = conversations;
    return latest && latest.state !== 'closed' ? latest.conversationId : undefined;
  };
}
