import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logging/logger.js';
import { BusinessHoursSchema, type BusinessHours } from '../engine/desk/business-hours.js';
import { RoutingModeSchema, type RoutingMode } from '../engine/desk/desk-config.js';
import { SlaPolicySchema, type SlaPolicy } from '../engine/desk/response-sla.js';
import { selectPacks } from '../knowledge/domain-packs/select-packs.js';
import { shippedPacks } from '../knowledge/domain-packs/shipped-packs.js';
import type { WebhookSettings } from './webhooks/webhook-settings.js';
import { CommerceTicketRoutesSchema, type CommerceTicketRoutes } from './tools/commerce-ticket-hints.js';
import { TOOL_SECRET_ENV_PATTERN } from './tools/tool-definition.js';
import { LocaleSchema } from '../knowledge/entry.js';
import type { WidgetSettings } from './web/widget-routes.js';
import { readSpeechConfig, type SpeechConfig } from './voice/speech-config.js';
import { readMediaConfig, type MediaConfig } from './media/media-config.js';
import { RETENTION_ENV, type RetentionPolicy } from './privacy/retention-policy.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A JSON document in one variable, checked against `schema`; empty means not set. */
function jsonText<T extends z.ZodType>(schema: T) {
  return optionalText.pipe(
    z
      .string()
      .transform((text, context) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          context.addIssue({ code: 'custom', message: 'not valid JSON' });
          return z.NEVER;
        }
      })
      .pipe(schema)
      .optional(),
  );
}

const milliseconds = (max: number) => z.coerce.number().int().min(0).max(max);

/** Every environment variable Livedesk reads, in one place. */
export const EnvironmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z
    .string()
    .trim()
    .refine(
      (host) => isIP(host) !== 0 || /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i.test(host),
      'HOST must be an IP address (0.0.0.0, 127.0.0.1, ::) or a host name',
    )
    .default('0.0.0.0'),
  LIVEDESK_DATA_DIR: z.string().trim().min(1).default('./data'),
  LIVEDESK_KNOWLEDGE_BASE: z.string().trim().min(1).max(128).default('default'),
  LIVEDESK_EMBEDDER: z
    .enum(['builtin', 'transformers', 'openai', 'transformers-only', 'openai-only'])
    .default('builtin'),
  /** Share of the cosine from the dense model when it is fused with the builtin embedder; 1: dense alone. */
  LIVEDESK_DENSE_WEIGHT: z.coerce.number().gt(0).max(1).default(0.5),
  LIVEDESK_EMBEDDING_MODEL: optionalText,
  LIVEDESK_MODEL_PATH: optionalText,
  LIVEDESK_MODEL_CACHE_DIR: optionalText,
  LIVEDESK_ALLOW_MODEL_DOWNLOAD: booleanFlag.default(true),
  LIVEDESK_EMBEDDING_BASE_URL: optionalText,
  LIVEDESK_EMBEDDING_API_KEY: optionalText,
  LIVEDESK_EMBEDDING_DIMENSIONS: z.coerce.number().int().min(1).max(65_536).optional(),
  LIVEDESK_VECTOR_INDEX: z.enum(['auto', 'sparse', 'exact', 'hnsw']).default('auto'),
  LIVEDESK_MATCHER_CONFIG: optionalText,
  LIVEDESK_SIGNALS_MODEL: optionalText,
  LIVEDESK_SIGNALS_MIN_EXAMPLES: z.coerce.number().int().min(2).max(10_000).default(8),
  LIVEDESK_SEED_DEMO: booleanFlag.default(true),
  LIVEDESK_LLM_BASE_URL: optionalText,
  LIVEDESK_LLM_MODEL: optionalText,
  LIVEDESK_LLM_API_KEY: optionalText,
  LIVEDESK_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  LIVEDESK_LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(4_000),
  LIVEDESK_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  LIVEDESK_LLM_JUDGE: booleanFlag.default(false),
  /** The agents' language: viewer messages in another are translated for them, their replies back (LLM only). */
  LIVEDESK_AGENT_LANGUAGE: LocaleSchema.default('zh'),
  /** Longest wait for a translation before the original goes through. */
  LIVEDESK_TRANSLATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
  LIVEDESK_LLM_JUDGE_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(800),
  LIVEDESK_LLM_RERANK: z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'])
    .transform((value) => ['on', 'true', '1', 'yes'].includes(value))
    .default(false),
  LIVEDESK_LLM_RERANK_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1_500),
  LIVEDESK_SCENARIO: z.enum(['show', 'commerce', 'social']).default('show'),
  /** Comma-separated domain pack ids, or `none`; unset: every pack with the demo, else the scenario's. */
  LIVEDESK_DOMAIN_PACKS: optionalText,
  LIVEDESK_SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('normal'),
  LIVEDESK_EVENT_LOG_WRITER: z.enum(['inline', 'thread']).default('inline'),
  LIVEDESK_MATCH_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
  // postgres://user:password@host:5432/database: every store in PostgreSQL instead of the SQLite file.
  LIVEDESK_DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\/\S+$/,
      'must be a postgres:// URL (postgres://user:password@host:5432/database)',
    )
    .optional(),
  LIVEDESK_DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(20),
  LIVEDESK_ANALYTICS_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(3),
  // redis://host:6379: cluster mode, several nodes on one PostgreSQL (LIVEDESK_DATABASE_URL is then required).
  LIVEDESK_REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL (redis://host:6379)')
    .optional(),
  // Where the other nodes reach this one; default http://127.0.0.1:PORT (one machine).
  LIVEDESK_NODE_URL: z.string().trim().url().optional(),
  // A node that stops renewing its lead loses it after this long.
  LIVEDESK_LEADER_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(3_000),
  LIVEDESK_ROUTING_MODE: RoutingModeSchema.default('priority-lanes'),
  LIVEDESK_LONG_WAIT_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  LIVEDESK_AGENT_OFFLINE_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  LIVEDESK_ON_AGENT_OFFLINE: z.enum(['requeue', 'needs-reassignment']).default('requeue'),
  LIVEDESK_QUEUE_REFRESH_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LIVEDESK_OFFER_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  LIVEDESK_MAX_MISSED_OFFERS: z.coerce.number().int().min(1).max(20).default(2),
  LIVEDESK_UNANSWERED_FLAG_MS: milliseconds(86_400_000).default(120_000),
  LIVEDESK_UNANSWERED_REASSIGN_MS: milliseconds(86_400_000).default(300_000),
  LIVEDESK_QUEUE_ABANDON_MS: milliseconds(86_400_000).default(300_000),
  LIVEDESK_TEAM_OVERFLOW_MS: milliseconds(86_400_000).default(120_000),
  LIVEDESK_SLA: jsonText(SlaPolicySchema),
  LIVEDESK_BUSINESS_HOURS: jsonText(BusinessHoursSchema),
  LIVEDESK_SAFETY_HOTLINE: jsonText(z.partialRecord(z.enum(['zh', 'en']), z.string().trim().min(1).max(500))),
  LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LIVEDESK_MATCH_MAX_CHARS: z.coerce.number().int().min(20).max(10_000).default(500),
  LIVEDESK_QUESTION_MAX_MESSAGES: z.coerce.number().int().min(1).max(50).default(3),
  LIVEDESK_VIEWER_MATCH_CHARS_PER_SECOND: z.coerce.number().positive().max(10_000_000).default(1_000),
  LIVEDESK_ADDRESS_MATCH_CHARS_PER_SECOND: z.coerce.number().positive().max(10_000_000).default(4_000),
  LIVEDESK_SOCKET_ADMISSION_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LIVEDESK_HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  LIVEDESK_HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  LIVEDESK_VIEWER_NEW_CONVERSATIONS_PER_HOUR: z.coerce.number().positive().max(1_000_000).default(60),
  LIVEDESK_ADDRESS_NEW_CONVERSATIONS_PER_HOUR: z.coerce.number().positive().max(10_000_000).default(3_600),
  LIVEDESK_MAX_LIVE_CONVERSATIONS: z.coerce.number().int().min(10).max(10_000_000).default(20_000),
  LIVEDESK_SECRET: optionalText.pipe(
    z.string().min(32, 'LIVEDESK_SECRET must be at least 32 characters').optional(),
  ),
  LIVEDESK_SECRET_PREVIOUS: optionalText.pipe(
    z.string().min(32, 'LIVEDESK_SECRET_PREVIOUS must be at least 32 characters').optional(),
  ),
  LIVEDESK_VIEWER_SECRET: optionalText.pipe(
    z.string().min(32, 'LIVEDESK_VIEWER_SECRET must be at least 32 characters').optional(),
  ),
  LIVEDESK_VIEWER_SECRET_PREVIOUS: optionalText.pipe(
    z.string().min(32, 'LIVEDESK_VIEWER_SECRET_PREVIOUS must be at least 32 characters').optional(),
  ),
  LIVEDESK_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(365),
  ...RETENTION_ENV,
  LIVEDESK_STAFF_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(12 * 3600),
  LIVEDESK_VIEWER_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(24 * 3600),
  LIVEDESK_IDENTITY_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(24 * 3600),
  LIVEDESK_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  LIVEDESK_JWKS_CACHE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  LIVEDESK_DEMO_PASSWORD: z.string().min(8).max(256).default('livedesk-demo'),
  LIVEDESK_ADMIN_PASSWORD: optionalText.pipe(
    z.string().min(8, 'LIVEDESK_ADMIN_PASSWORD must be at least 8 characters').max(256).optional(),
  ),
  LIVEDESK_TRUST_PROXY: booleanFlag.default(false),
  LIVEDESK_HTTP_RATE_PER_SECOND: z.coerce.number().positive().max(100_000).default(20),
  LIVEDESK_HTTP_RATE_BURST: z.coerce.number().int().min(1).max(100_000).default(40),
  LIVEDESK_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().positive().max(10_000).default(5),
  LIVEDESK_GAP_MIN_SIMILARITY: z.coerce.number().min(0).max(1).optional(),
  LIVEDESK_PROPOSAL_SCAN_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  LIVEDESK_ANALYTICS_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  LIVEDESK_LOGIN_BURST: z.coerce.number().int().min(1).max(10_000).default(10),
  LIVEDESK_LOGIN_USERNAME_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5),
  LIVEDESK_LOGIN_ADDRESS_FAILURES: z.coerce.number().int().min(1).max(100_000).default(20),
  LIVEDESK_LOGIN_MAX_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LIVEDESK_METRICS_TOKEN: optionalText.pipe(
    z.string().min(16, 'LIVEDESK_METRICS_TOKEN must be at least 16 characters').optional(),
  ),
  LIVEDESK_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  LIVEDESK_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LIVEDESK_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // Commerce tools (issue 15): a JSON file of tool definitions, hosts whose tools may reach private addresses.
  /** Shows the widget's "talk to a person" button (GET /api/widget/config). */
  LIVEDESK_WIDGET_HUMAN_BUTTON: booleanFlag.default(false),
  LIVEDESK_TOOLS_FILE: optionalText,
  /** Gift and top-up disputes (issue 16): a JSON policy file (engine/disputes/dispute-policy.ts). */
  LIVEDESK_DISPUTE_POLICY_FILE: optionalText,
  LIVEDESK_TOOLS_PRIVATE_HOSTS: optionalText.transform((text) =>
    text === undefined
      ? []
      : text
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
  ),
  LIVEDESK_TOOLS_MAX_ROUNDS: z.coerce.number().int().min(0).max(5).default(2),
  LIVEDESK_DEMO_SHOP: booleanFlag.optional(),
  LIVEDESK_COMMERCE_TICKET_ROUTES: jsonText(CommerceTicketRoutesSchema),
  LIVEDESK_DEMO_SHOP_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  LIVEDESK_WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  LIVEDESK_WEBHOOK_ALLOWED_HOSTS: optionalText.transform((text) =>
    text === undefined
      ? undefined
      : text
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
  ),
  LIVEDESK_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  LIVEDESK_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  LIVEDESK_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  LIVEDESK_WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  LIVEDESK_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  LIVEDESK_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  LIVEDESK_WEBHOOK_SECRET_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
  LIVEDESK_WEBHOOK_DEAD_LETTER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LIVEDESK_WEBHOOK_DEAD_LETTERS_PER_SUBSCRIPTION: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(10_000),
  /** Danmaku items per second one platform API key may push, and one room may receive (issue 16). */
  LIVEDESK_DANMAKU_KEY_RATE: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  LIVEDESK_DANMAKU_ROOM_RATE: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
});

/** An OpenAI-compatible chat endpoint; absent means entries are answered as written. */
export interface LlmConfig {
  baseURL: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  firstTokenTimeoutMs: number;
  maxRetries: number;
  /**
   * The escalation judge (one structured call per viewer message beside the matcher, its evidence added to
   * the offline signals); absent: off, the default, since it costs a call per message.
   */
  judge?: { timeoutMs: number } | undefined;
  /**
   * The candidate reranker (one structured call when the offline decision is close: see
   * knowledge/reranking/rerank-policy.ts); absent: off, the default.
   */
  rerank?: { timeoutMs: number } | undefined;
  /** Agent replies and viewer messages translated between the agents' and the viewer's language. */
  translation?: { agentLanguage: string; timeoutMs: number } | undefined;
}

/** A dense embedder's vectors concatenated with the builtin's (knowledge/matching/fused-embedder.ts). */
export interface EmbedderFusion {
  /** Share of the cosine from the dense vectors, 0 < w < 1. */
  denseWeight: number;
}

export type EmbedderConfig =
  | { kind: 'builtin' }
  | {
      kind: 'transformers';
      model: string;
      localModelPath?: string | undefined;
      cacheDir?: string | undefined;
      allowRemoteModels: boolean;
      /** Absent: the dense model alone. */
      fuseWithBuiltin?: EmbedderFusion | undefined;
    }
  | {
      kind: 'openai';
      baseURL: string;
      apiKey?: string | undefined;
      model: string;
      dimensions?: number | undefined;
      /** Absent: the dense model alone. */
      fuseWithBuiltin?: EmbedderFusion | undefined;
    };

/** Bucket sizes as `server/realtime/token-bucket.ts` takes them. */
export interface RateLimitConfig {
  perSecond: number;
  burst: number;
}

export interface AuthConfig {
  /** Staff tokens (and viewer tokens unless `viewerSecret` is set) are signed with keys derived from it; absent: a random one kept in `<dataDir>/secret.key`. */
  secret?: string | undefined;
  /** The main secret before a rotation: its keys still verify, never sign. */
  previousSecret?: string | undefined;
  /** Signs viewer tokens instead of a key derived from `secret`: the one secret a platform minting viewer tokens is given. */
  viewerSecret?: string | undefined;
  /** The viewer secret before a rotation. */
  previousViewerSecret?: string | undefined;
  staffTokenTtlSeconds: number;
  viewerTokenTtlSeconds: number;
  /** Password of the demo accounts created when `seedDemo` is on and no account exists. */
  demoPassword: string;
  /** Creates `admin` with this password when not seeding and no account exists. */
  adminPassword?: string | undefined;
  /** Audit entries older than this many days are pruned; 0 keeps them all. */
  auditRetentionDays: number;
}

export interface HttpConfig {
  /** Take the client address from X-Forwarded-For (set by a reverse proxy) instead of the socket. */
  trustProxy: boolean;
  /** Every `/api/*` request, per client address. */
  rateLimit: RateLimitConfig;
  /** Login attempts per client address and username. */
  loginRateLimit: RateLimitConfig;
  /** Growing waits after failed sign-ins, per username and per address (server/auth/login-throttle.ts). */
  loginBackoff: LoginBackoffConfig;
  /** Who may read `/metrics` (server/http/metrics-access.ts). */
  metrics: MetricsAccessConfig;
}

/**
 * `/metrics`: with `port`, only on a listener of its own (on `host`, loopback by default) and not on
 * the main port; with `token`, only with `Authorization: Bearer <token>`; with neither, on the main
 * port to loopback callers only (never through a reverse proxy).
 */
export interface MetricsAccessConfig {
  token?: string | undefined;
  port?: number | undefined;
  host: string;
}

/** Failed sign-ins before a username or an address starts to wait (1 s, doubling up to `maxDelayMs`). */
export interface LoginBackoffConfig {
  usernameFailures: number;
  addressFailures: number;
  maxDelayMs: number;
}

/** The live desk: how conversations are routed to agents and how the queue is reported. */
export interface DeskSettings {
  routingMode: RoutingMode;
  /** Waiting longer than this turns a conversation red in the console. */
  longWaitMs: number;
  /** An agent whose last socket closed goes offline after this long (a page reload keeps their work). */
  agentOfflineGraceMs: number;
  /** Accepted conversations of an agent who went offline: back to the queue, or held for a supervisor. */
  onAgentOffline: 'requeue' | 'needs-reassignment';
  /** How often waiting viewers' positions and estimates are recomputed even without a desk change. */
  queueRefreshMs: number;
  /** Open viewer WebSockets per client address (raise it behind a proxy or for load tests). */
  viewerSocketsPerIp: number;
  /** An offer not answered within this long goes to the next eligible agent. */
  offerTimeoutMs: number;
  /** Offers in a row an agent may let lapse before the desk sets them Away. */
  maxMissedOffers: number;
  /** An agent who owes the viewer a reply is flagged after `flagAfterMs`, relieved after `reassignAfterMs` (0: never). */
  unanswered: { flagAfterMs: number; reassignAfterMs: number };
  /** First and next response targets per lane. */
  sla: SlaPolicy;
  /** A waiting viewer with no open socket this long is released as abandoned (0: never). */
  abandonAfterMs: number;
  /** After this long with nobody of its team online, any online agent may take a conversation (0: never). */
  teamOverflowMs: number;
  /** When each team answers; absent: always. */
  businessHours?: BusinessHours | undefined;
}

/** Analytics (server/analytics/): gap clustering, the learning loop's scan, answer reuse. */
export interface AnalyticsSettings {
  /** Cosine from which gap questions are one cluster; default chosen per embedder (docs/analytics.md). */
  gapMinSimilarity?: number | undefined;
  /** How often new phrasing proposals are looked for; 0 only on request. */
  proposalScanIntervalMs: number;
  /** How long a metric's answer is reused for the same query. */
  cacheTtlMs: number;
}

/**
 * What one client may cost the server (issue 12): how much of a message is matched, how much matching a
 * viewer and an address may ask for, how long a socket or a request may take to say who it is and what
 * it wants, and how many conversations may be opened and kept in memory.
 */
export interface AbuseLimits {
  question: { maxChars: number; maxMessages: number };
  /** Characters given to the matcher, per viewer and per client address (bursts: five seconds' worth). */
  matchCharsPerViewer: RateLimitConfig;
  matchCharsPerAddress: RateLimitConfig;
  /** A viewer socket that has not joined, or an agent socket not authenticated, by then is closed. */
  socketAdmissionMs: number;
  /** The whole request, body included; and its headers. Node's defaults keep a slow body for 300 s. */
  httpRequestTimeoutMs: number;
  httpHeadersTimeoutMs: number;
  /** New conversations (not resumed ones), per viewer and per client address (bursts: ten minutes' worth). */
  newConversationsPerViewer: RateLimitConfig;
  newConversationsPerAddress: RateLimitConfig;
  /** Over this many conversations in memory, the quietest ones the desk does not hold are let go (the log keeps them). */
  maxLiveConversations: number;
}

export interface PostgresConfig {
  url: string;
  /** Connections for live traffic. */
  poolSize: number;
  /** Connections of the analytics reads' own pool, so a dashboard never holds up live traffic. */
  analyticsPoolSize: number;
}

export interface ClusterConfig {
  redisUrl: string;
  /** This process's id: unique per start, so a restarted node never reuses a dead one's lease. */
  nodeId: string;
  /** Where the other nodes forward traffic to this one while it leads. */
  nodeUrl: string;
  leaderLeaseMs: number;
}

/** Commerce tools (server/tools/): where they are declared and what they may reach. */
export interface ToolsConfig {
  /** LIVEDESK_TOOLS_FILE: tool definitions the admin can read but not change. */
  file?: string | undefined;
  /** Hosts whose tools may connect to loopback and private addresses (the demo shop's is added). */
  privateHosts: readonly string[];
  /** Rounds of tool calls the LLM composer may make before it must answer (0: no function calling). */
  maxLlmRounds: number;
  /** The local demo shop and its tools (on by default with the demo); absent: off. */
  demoShop?: { port: number } | undefined;
  /** Values of the environment variables tool definitions name for their auth headers. */
  secrets: Readonly<Record<string, string | undefined>>;
  /** Where commerce conversations' tickets go (LIVEDESK_COMMERCE_TICKET_ROUTES); the demo's with the demo shop. */
  ticketRoutes?: CommerceTicketRoutes | undefined;
}

/** Checking platform-signed viewer identities (server/platform/identity-verifier.ts). */
export interface PlatformIdentityConfig {
  /** An identity living longer than this (exp - iat, or exp - now without iat) is refused. */
  maxLifetimeSeconds: number;
  /** How long fetching a platform's JWKS may take. */
  jwksTimeoutMs: number;
  /** How long a fetched JWKS is used before it is fetched again. */
  jwksCacheSeconds: number;
}

export interface LivedeskConfig {
  port: number;
  /** The JSON log's threshold (server/logging/logger.ts). */
  logLevel: LogLevel;
  /** The address the HTTP server binds: `0.0.0.0` every IPv4 interface, `127.0.0.1` this machine only. */
  host: string;
  dataDir: string;
  knowledgeBaseId: string;
  embedder: EmbedderConfig;
  /** `auto`: the sparse inverted index for the builtin embedder's hashed features, HNSW for dense models. */
  vectorIndex: 'auto' | 'sparse' | 'exact' | 'hnsw';
  /** A JSON file of matcher settings (thresholds from `livedesk eval --save-thresholds`, calibration). */
  matcherConfigFile?: string | undefined;
  /** A trained signal model (`livedesk signals train --out`); the word lists and intents alone when absent. */
  signalsModelFile?: string | undefined;
  /** LIVEDESK_DISPUTE_POLICY_FILE: the dispute policy; absent: the defaults (server/disputes/). */
  disputePolicyFile?: string | undefined;
  /** A signal is retrained in the admin only with at least this many positive and as many negative examples. */
  signalsMinExamples: number;
  seedDemo: boolean;
  /** How hard the conversation log's commits are synced (see `createSqliteDatabase`). */
  sqliteSynchronous: 'full' | 'normal';
  /** `thread`: the conversation log commits on a worker thread of its own; `inline`: on the event loop. */
  eventLogWriter: 'thread' | 'inline';
  /**
   * Worker threads that match viewers' questions (each holds its own copy of the index, builtin embedder
   * only); 0: matched on the event loop, in slices (server/pacing/).
   */
  matchWorkers: number;
  /** Set: every store is in this PostgreSQL database (LIVEDESK_DATABASE_URL), the SQLite file is not used. */
  postgres?: PostgresConfig | undefined;
  /** Set (LIVEDESK_REDIS_URL): one of several nodes on the same PostgreSQL; absent: the only node. */
  cluster?: ClusterConfig | undefined;
  llm?: LlmConfig | undefined;
  /** Which escalation preset applies: show streaming, live e-commerce or 1-on-1 social. */
  scenario: 'show' | 'commerce' | 'social';
  /** The domain packs loaded into the matcher, in load order (knowledge/domain-packs); absent: none. */
  domainPacks?: readonly string[] | undefined;
  /** Where a viewer who may be in danger is told to get help, per language; the defaults when absent. */
  safetyHotline?: Readonly<Record<string, string>> | undefined;
  desk: DeskSettings;
  auth: AuthConfig;
  /** LIVEDESK_RETENTION_*: how long closed conversations and tickets are kept (server/privacy/). */
  retention: RetentionPolicy;
  platformIdentity: PlatformIdentityConfig;
  http: HttpConfig;
  limits: AbuseLimits;
  analytics: AnalyticsSettings;
  /** Commerce tools (issue 15); none declared when absent. */
  tools?: ToolsConfig | undefined;
  /** Outbound webhooks' delivery and URL policy (server/webhooks/); the defaults when absent. */
  webhooks?: WebhookSettings | undefined;
  /** Danmaku push limits (server/room-watch/): items per second per platform key and per room; defaults when absent. */
  roomWatch?: { keyRate: RateLimitConfig; roomRate: RateLimitConfig } | undefined;
  /** The embeddable widget's switches (web/widget/, GET /api/widget/config); the defaults when absent. */
  widget?: WidgetSettings | undefined;
  /** Speech to text and text to speech (LIVEDESK_STT_*, LIVEDESK_TTS_*: server/voice/speech-config.ts). */
  speech?: SpeechConfig | undefined;
  /** Images, stickers, voice clips and files in the chat (LIVEDESK_MEDIA_*: server/media/media-config.ts). */
  media?: MediaConfig | undefined;
}

/** A bucket that refills at `perSecond` and holds `burstSeconds` of it (at least one token). */
function perSecondWithBurst(perSecond: number, burstSeconds: number): RateLimitConfig {
  return { perSecond, burst: Math.max(1, Math.round(perSecond * burstSeconds)) };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * LIVEDESK_DOMAIN_PACKS as written, else the scenario's packs; the demo knowledge base mixes all three
 * scenarios, so with the demo seeded every pack loads.
 */
function domainPacksOf(env: z.infer<typeof EnvironmentSchema>): string[] {
  const selection = selectPacks(
    shippedPacks(),
    env.LIVEDESK_DOMAIN_PACKS,
    env.LIVEDESK_SEED_DEMO ? 'all' : env.LIVEDESK_SCENARIO,
  );
  if (!selection.ok) throw new ConfigError(`LIVEDESK_DOMAIN_PACKS: ${selection.message}`);
  return selection.ids;
}

/** Reads configuration once, failing fast with every problem named. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): LivedeskConfig {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new ConfigError(`invalid configuration:\n${problems}`);
  }
  const env = parsed.data;
  const speech = readSpeechConfig(environment);
  if (!speech.ok) throw new ConfigError(`invalid configuration:\n  ${speech.problems.join('\n  ')}`);
  const media = readMediaConfig(environment, path.resolve(env.LIVEDESK_DATA_DIR));
  if (!media.ok) throw new ConfigError(`invalid configuration:\n  ${media.problems.join('\n  ')}`);
  if (media.config.vision && !(env.LIVEDESK_LLM_BASE_URL && env.LIVEDESK_LLM_MODEL))
    throw new ConfigError(
      'LIVEDESK_LLM_VISION=true needs an LLM: set LIVEDESK_LLM_BASE_URL and LIVEDESK_LLM_MODEL',
    );
  return {
    speech: speech.config,
    media: media.config,
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.LIVEDESK_DATA_DIR),
    knowledgeBaseId: env.LIVEDESK_KNOWLEDGE_BASE,
    embedder: embedderConfig(env),
    vectorIndex: env.LIVEDESK_VECTOR_INDEX,
    matcherConfigFile: env.LIVEDESK_MATCHER_CONFIG,
    signalsModelFile: env.LIVEDESK_SIGNALS_MODEL,
    disputePolicyFile: env.LIVEDESK_DISPUTE_POLICY_FILE,
    signalsMinExamples: env.LIVEDESK_SIGNALS_MIN_EXAMPLES,
    seedDemo: env.LIVEDESK_SEED_DEMO,
    sqliteSynchronous: env.LIVEDESK_SQLITE_SYNCHRONOUS,
    eventLogWriter: env.LIVEDESK_EVENT_LOG_WRITER,
    matchWorkers: env.LIVEDESK_MATCH_WORKERS,
    ...(env.LIVEDESK_REDIS_URL ? { cluster: clusterConfig(env, env.LIVEDESK_REDIS_URL) } : {}),
    ...(env.LIVEDESK_DATABASE_URL
      ? {
          postgres: {
            url: env.LIVEDESK_DATABASE_URL,
            poolSize: env.LIVEDESK_DATABASE_POOL_SIZE,
            analyticsPoolSize: env.LIVEDESK_ANALYTICS_POOL_SIZE,
          },
        }
      : {}),
    llm: llmConfig(env),
    scenario: env.LIVEDESK_SCENARIO,
    domainPacks: domainPacksOf(env),
    safetyHotline: env.LIVEDESK_SAFETY_HOTLINE,
    desk: {
      routingMode: env.LIVEDESK_ROUTING_MODE,
      longWaitMs: env.LIVEDESK_LONG_WAIT_MS,
      agentOfflineGraceMs: env.LIVEDESK_AGENT_OFFLINE_GRACE_MS,
      onAgentOffline: env.LIVEDESK_ON_AGENT_OFFLINE,
      queueRefreshMs: env.LIVEDESK_QUEUE_REFRESH_MS,
      viewerSocketsPerIp: env.LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP,
      offerTimeoutMs: env.LIVEDESK_OFFER_TIMEOUT_MS,
      maxMissedOffers: env.LIVEDESK_MAX_MISSED_OFFERS,
      unanswered: {
        flagAfterMs: env.LIVEDESK_UNANSWERED_FLAG_MS,
        reassignAfterMs: env.LIVEDESK_UNANSWERED_REASSIGN_MS,
      },
      sla: env.LIVEDESK_SLA ?? SlaPolicySchema.parse({}),
      abandonAfterMs: env.LIVEDESK_QUEUE_ABANDON_MS,
      teamOverflowMs: env.LIVEDESK_TEAM_OVERFLOW_MS,
      businessHours: env.LIVEDESK_BUSINESS_HOURS,
    },
    auth: {
      secret: env.LIVEDESK_SECRET,
      previousSecret: env.LIVEDESK_SECRET_PREVIOUS,
      viewerSecret: env.LIVEDESK_VIEWER_SECRET,
      previousViewerSecret: env.LIVEDESK_VIEWER_SECRET_PREVIOUS,
      staffTokenTtlSeconds: env.LIVEDESK_STAFF_TOKEN_TTL_SECONDS,
      viewerTokenTtlSeconds: env.LIVEDESK_VIEWER_TOKEN_TTL_SECONDS,
      demoPassword: env.LIVEDESK_DEMO_PASSWORD,
      adminPassword: env.LIVEDESK_ADMIN_PASSWORD,
      auditRetentionDays: env.LIVEDESK_AUDIT_RETENTION_DAYS,
    },
    retention: {
      conversationsDays: env.LIVEDESK_RETENTION_DAYS_CONVERSATIONS,
      ticketsDays: env.LIVEDESK_RETENTION_DAYS_TICKETS,
      mode: env.LIVEDESK_RETENTION_MODE,
      intervalMs: env.LIVEDESK_RETENTION_INTERVAL_MS,
    },
    platformIdentity: {
      maxLifetimeSeconds: env.LIVEDESK_IDENTITY_MAX_LIFETIME_SECONDS,
      jwksTimeoutMs: env.LIVEDESK_JWKS_TIMEOUT_MS,
      jwksCacheSeconds: env.LIVEDESK_JWKS_CACHE_SECONDS,
    },
    logLevel: env.LIVEDESK_LOG_LEVEL,
    tools: {
      file: env.LIVEDESK_TOOLS_FILE,
      privateHosts: env.LIVEDESK_TOOLS_PRIVATE_HOSTS,
      maxLlmRounds: env.LIVEDESK_TOOLS_MAX_ROUNDS,
      // Off unless asked for (`npm start` asks with the demo: server/main.ts); auth headers read the environment.
      demoShop: env.LIVEDESK_DEMO_SHOP ? { port: env.LIVEDESK_DEMO_SHOP_PORT } : undefined,
      // Only LIVEDESK_TOOL_SECRET_* variables: a tool definition can name nothing else.
      secrets: Object.fromEntries(
        Object.entries(environment).filter(([name]) => TOOL_SECRET_ENV_PATTERN.test(name)),
      ),
      ticketRoutes: env.LIVEDESK_COMMERCE_TICKET_ROUTES,
    },
    widget: { humanButton: env.LIVEDESK_WIDGET_HUMAN_BUTTON },
    roomWatch: {
      keyRate: perSecondWithBurst(env.LIVEDESK_DANMAKU_KEY_RATE, 2),
      roomRate: perSecondWithBurst(env.LIVEDESK_DANMAKU_ROOM_RATE, 2),
    },
    webhooks: {
      allowPrivate: env.LIVEDESK_WEBHOOK_ALLOW_PRIVATE,
      allowedHosts: env.LIVEDESK_WEBHOOK_ALLOWED_HOSTS,
      timeoutMs: env.LIVEDESK_WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.LIVEDESK_WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.LIVEDESK_WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: Math.max(env.LIVEDESK_WEBHOOK_RETRY_MAX_MS, env.LIVEDESK_WEBHOOK_RETRY_BASE_MS),
      concurrency: env.LIVEDESK_WEBHOOK_CONCURRENCY,
      pollIntervalMs: env.LIVEDESK_WEBHOOK_POLL_MS,
      secretGraceSeconds: env.LIVEDESK_WEBHOOK_SECRET_GRACE_SECONDS,
      deadLetterRetentionDays: env.LIVEDESK_WEBHOOK_DEAD_LETTER_RETENTION_DAYS,
      deadLettersPerSubscription: env.LIVEDESK_WEBHOOK_DEAD_LETTERS_PER_SUBSCRIPTION,
    },
    analytics: {
      gapMinSimilarity: env.LIVEDESK_GAP_MIN_SIMILARITY,
      proposalScanIntervalMs: env.LIVEDESK_PROPOSAL_SCAN_INTERVAL_MS,
      cacheTtlMs: env.LIVEDESK_ANALYTICS_CACHE_MS,
    },
    limits: {
      question: { maxChars: env.LIVEDESK_MATCH_MAX_CHARS, maxMessages: env.LIVEDESK_QUESTION_MAX_MESSAGES },
      matchCharsPerViewer: perSecondWithBurst(env.LIVEDESK_VIEWER_MATCH_CHARS_PER_SECOND, 5),
      matchCharsPerAddress: perSecondWithBurst(env.LIVEDESK_ADDRESS_MATCH_CHARS_PER_SECOND, 5),
      socketAdmissionMs: env.LIVEDESK_SOCKET_ADMISSION_MS,
      httpRequestTimeoutMs: env.LIVEDESK_HTTP_REQUEST_TIMEOUT_MS,
      httpHeadersTimeoutMs: Math.min(
        env.LIVEDESK_HTTP_HEADERS_TIMEOUT_MS,
        env.LIVEDESK_HTTP_REQUEST_TIMEOUT_MS,
      ),
      newConversationsPerViewer: perSecondWithBurst(
        env.LIVEDESK_VIEWER_NEW_CONVERSATIONS_PER_HOUR / 3600,
        600,
      ),
      newConversationsPerAddress: perSecondWithBurst(
        env.LIVEDESK_ADDRESS_NEW_CONVERSATIONS_PER_HOUR / 3600,
        600,
      ),
      maxLiveConversations: env.LIVEDESK_MAX_LIVE_CONVERSATIONS,
    },
    http: {
      trustProxy: env.LIVEDESK_TRUST_PROXY,
      rateLimit: { perSecond: env.LIVEDESK_HTTP_RATE_PER_SECOND, burst: env.LIVEDESK_HTTP_RATE_BURST },
      loginRateLimit: {
        perSecond: env.LIVEDESK_LOGIN_ATTEMPTS_PER_MINUTE / 60,
        burst: env.LIVEDESK_LOGIN_BURST,
      },
      loginBackoff: {
        usernameFailures: env.LIVEDESK_LOGIN_USERNAME_FAILURES,
        addressFailures: env.LIVEDESK_LOGIN_ADDRESS_FAILURES,
        maxDelayMs: env.LIVEDESK_LOGIN_MAX_BACKOFF_SECONDS * 1000,
      },
      metrics: {
        token: env.LIVEDESK_METRICS_TOKEN,
        port: env.LIVEDESK_METRICS_PORT,
        host: env.LIVEDESK_METRICS_HOST,
      },
    },
  };
}

function llmConfig(env: z.infer<typeof EnvironmentSchema>): LlmConfig | undefined {
  if (!env.LIVEDESK_LLM_BASE_URL && !env.LIVEDESK_LLM_MODEL) {
    if (env.LIVEDESK_LLM_JUDGE) {
      throw new ConfigError(
        'LIVEDESK_LLM_JUDGE=true needs an LLM: set LIVEDESK_LLM_BASE_URL and LIVEDESK_LLM_MODEL, or turn the judge off',
      );
    }
    if (env.LIVEDESK_LLM_RERANK) {
      throw new ConfigError(
        'LIVEDESK_LLM_RERANK=on needs an LLM: set LIVEDESK_LLM_BASE_URL and LIVEDESK_LLM_MODEL, or turn the reranker off',
      );
    }
    return undefined;
  }
  if (!env.LIVEDESK_LLM_BASE_URL || !env.LIVEDESK_LLM_MODEL) {
    throw new ConfigError('an LLM needs both LIVEDESK_LLM_BASE_URL and LIVEDESK_LLM_MODEL');
  }
  return {
    baseURL: env.LIVEDESK_LLM_BASE_URL,
    model: env.LIVEDESK_LLM_MODEL,
    apiKey: env.LIVEDESK_LLM_API_KEY,
    timeoutMs: env.LIVEDESK_LLM_TIMEOUT_MS,
    firstTokenTimeoutMs: env.LIVEDESK_LLM_FIRST_TOKEN_TIMEOUT_MS,
    maxRetries: env.LIVEDESK_LLM_MAX_RETRIES,
    judge: env.LIVEDESK_LLM_JUDGE ? { timeoutMs: env.LIVEDESK_LLM_JUDGE_TIMEOUT_MS } : undefined,
    rerank: env.LIVEDESK_LLM_RERANK ? { timeoutMs: env.LIVEDESK_LLM_RERANK_TIMEOUT_MS } : undefined,
    translation: {
      agentLanguage: env.LIVEDESK_AGENT_LANGUAGE,
      timeoutMs: env.LIVEDESK_TRANSLATION_TIMEOUT_MS,
    },
  };
}

function embedderConfig(env: z.infer<typeof EnvironmentSchema>): EmbedderConfig {
  // `transformers` and `openai` are fused with the builtin embedder; `…-only` (or a weight of 1) drops it.
  const fuseWithBuiltin =
    env.LIVEDESK_EMBEDDER.endsWith('-only') || env.LIVEDESK_DENSE_WEIGHT >= 1
      ? undefined
      : { denseWeight: env.LIVEDESK_DENSE_WEIGHT };
  switch (env.LIVEDESK_EMBEDDER) {
    case 'builtin':
      return { kind: 'builtin' };
    case 'transformers':
    case 'transformers-only':
      return {
        kind: 'transformers',
        fuseWithBuiltin,
        model: env.LIVEDESK_EMBEDDING_MODEL ?? 'Xenova/multilingual-e5-small',
        localModelPath: env.LIVEDESK_MODEL_PATH,
        cacheDir: env.LIVEDESK_MODEL_CACHE_DIR,
        allowRemoteModels: env.LIVEDESK_ALLOW_MODEL_DOWNLOAD,
      };
    case 'openai':
    case 'openai-only':
      if (!env.LIVEDESK_EMBEDDING_BASE_URL || !env.LIVEDESK_EMBEDDING_MODEL) {
        throw new ConfigError(
          `LIVEDESK_EMBEDDER=${env.LIVEDESK_EMBEDDER} needs LIVEDESK_EMBEDDING_BASE_URL and LIVEDESK_EMBEDDING_MODEL`,
        );
      }
      return {
        kind: 'openai',
        fuseWithBuiltin,
        baseURL: env.LIVEDESK_EMBEDDING_BASE_URL,
        apiKey: env.LIVEDESK_EMBEDDING_API_KEY,
        model: env.LIVEDESK_EMBEDDING_MODEL,
        dimensions: env.LIVEDESK_EMBEDDING_DIMENSIONS,
      };
  }
}

/**
 * Cluster mode needs what every node must share: the database, the token secret, and a load balancer whose
 * X-Forwarded-For the nodes trust (the leader sees clients through the other nodes).
 */
function clusterConfig(env: z.infer<typeof EnvironmentSchema>, redisUrl: string): ClusterConfig {
  const missing = [
    env.LIVEDESK_DATABASE_URL ? undefined : 'LIVEDESK_DATABASE_URL (every node on one PostgreSQL)',
    env.LIVEDESK_SECRET ? undefined : 'LIVEDESK_SECRET (the same token secret on every node)',
    env.LIVEDESK_TRUST_PROXY ? undefined : 'LIVEDESK_TRUST_PROXY=true (nodes sit behind the load balancer)',
  ].filter((item): item is string => item !== undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `invalid configuration:\n  LIVEDESK_REDIS_URL (cluster mode) also needs ${missing.join(', ')}`,
    );
  }
  return {
    redisUrl,
    nodeId: `node-${randomUUID().slice(0, 8)}`,
    nodeUrl: env.LIVEDESK_NODE_URL ?? `http://127.0.0.1:${env.PORT}`,
    leaderLeaseMs: env.LIVEDESK_LEADER_LEASE_MS,
  };
}
