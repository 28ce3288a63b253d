import type { Server } from 'node:http';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import type { Scheduler } from '../../engine/conversation/conversation.js';
import { DeskConfigSchema, routingModeSettings, type DeskConfig } from '../../engine/desk/desk-config.js';
import { Desk } from '../../engine/desk/desk.js';
import type { AccountChanges } from '../auth/account-changes.js';
import type { Auth } from '../auth/auth.js';
import type { StaffUserStore } from '../auth/staff-user-store.js';
import type { AbuseLimits, DeskSettings } from '../config.js';
import { createAgentGateway, type AgentGatewayOptions } from '../realtime/agent-gateway.js';
import type { ObservedEventLog } from '../realtime/observed-event-log.js';
import { routeUpgrades, type UpgradeHandler } from '../realtime/route-upgrades.js';
import type { SocketGateway } from '../realtime/socket-gateway.js';
import { createViewerGateway, type ViewerGatewayOptions } from '../realtime/viewer-gateway.js';
import { AgentSessions } from './agent-sessions.js';
import { ConversationDirectory } from './conversation-directory.js';
import { DeskService, type ConversationObserver, type DeskServiceOptions } from './desk-service.js';
import { restoreDesk } from './restore-desk.js';
import { staffRoutingProfile } from './staff-routing-profile.js';
import type { MediaLinker } from '../media/media-links.js';

export interface DeskRuntimeOptions {
  settings: DeskSettings;
  hub: ConversationHub;
  events: ObservedEventLog<ConversationEvent>;
  auth: Pick<Auth, 'verify' | 'current'>;
  /** LIVEDESK_TRUST_PROXY: sockets count the address X-Forwarded-For names, as HTTP does. */
  trustProxy?: boolean | undefined;
  /** Account changes that end or downgrade open agent sockets at once (server/auth/account-changes.ts). */
  accountChanges?: Pick<AccountChanges, 'subscribe'> | undefined;
  users: Pick<StaffUserStore, 'get'>;
  clock?: (() => Date) | undefined;
  schedule?: Scheduler | undefined;
  /** Keyword auto-replies (server/desk/desk-content.ts `createAutoReplier`). */
  observer?: ConversationObserver | undefined;
  /** What one client may cost (config `limits`); absent: the gateways' own defaults, no budgets. */
  limits?: AbuseLimits | undefined;
  /** Gateway limits (tests lower or raise them). */
  viewerGateway?: Partial<Omit<ViewerGatewayOptions, 'directory' | 'auth' | 'onJoined' | 'onLeft'>>;
  /** Opens a ticket for an out-of-hours handoff (server/desk/desk-content.ts). */
  openTicket?: ((conversationId: string) => Promise<string | undefined>) | undefined;
  /** Agent replies translated for the viewer (server/translation/); absent: no LLM, sent as written. */
  translation?: DeskServiceOptions['translation'];
  /** How often the desk looks at the clock (offers lapsing, SLAs); tests go faster. Default 1 s. */
  tickIntervalMs?: number | undefined;
  agentGateway?: Partial<
    Omit<AgentGatewayOptions, 'desk' | 'directory' | 'auth' | 'routingProfile' | 'longWaitMs'>
  >;
  /** Signed links for media messages sent to viewers and agents (server/media/); absent: none. */
  mediaLinks?: MediaLinker | undefined;
}

export interface DeskRuntime {
  directory: ConversationDirectory;
  desk: DeskService;
  viewers: SocketGateway;
  agents: SocketGateway;
  /** Puts the conversations waiting for a person back in the queue; call before serving. */
  restore(): Promise<number>;
  /**
   * Serves `/ws/viewer` and `/ws/agent` (and `more` gateways, such as the danmaku watch's) on the HTTP server;
   * `wrap` may hand an upgrade elsewhere (cluster).
   */
  serve(
    server: Server,
    wrap?: (local: UpgradeHandler) => UpgradeHandler,
    more?: readonly Pick<SocketGateway, 'path' | 'handleUpgrade'>[],
  ): void;
  /** Refuses new sockets, closes the open ones with 1001 and stops the desk's timers. */
  close(): Promise<void>;
}

/** The viewer channel's share of the abuse limits. */
function viewerLimits(limits: AbuseLimits | undefined): Partial<ViewerGatewayOptions> {
  if (!limits) return {};
  return {
    admissionMs: limits.socketAdmissionMs,
    matchChars: {
      perViewer: limits.matchCharsPerViewer,
      perAddress: limits.matchCharsPerAddress,
      maxCharsPerMessage: limits.question.maxChars,
    },
    newConversations: {
      perViewer: limits.newConversationsPerViewer,
      perAddress: limits.newConversationsPerAddress,
    },
  };
}

/** The desk's engine config from the server's settings. */
export function deskConfig(settings: DeskSettings): DeskConfig {
  return DeskConfigSchema.parse({
    ...routingModeSettings(settings.routingMode),
    longWaitMs: settings.longWaitMs,
    onAgentOffline: settings.onAgentOffline,
    offerTimeoutMs: settings.offerTimeoutMs,
    maxMissedOffers: settings.maxMissedOffers,
    unanswered: settings.unanswered,
    sla: settings.sla,
    abandonAfterMs: settings.abandonAfterMs,
    teamOverflowMs: settings.teamOverflowMs,
  });
}

/** Wires the live desk: conversations, routing, the viewer and agent WebSocket channels. */
export function createDeskRuntime(options: DeskRuntimeOptions): DeskRuntime {
  const { settings } = options;
  const config = deskConfig(settings);
  const directory = new ConversationDirectory({
    hub: options.hub,
    events: options.events,
    ...(options.limits ? { maxLive: options.limits.maxLiveConversations } : {}),
  });
  const desk = new DeskService({
    desk: new Desk({ config, clock: options.clock ?? (() => new Date()) }),
    directory,
    sessions: new AgentSessions(),
    agentOfflineGraceMs: settings.agentOfflineGraceMs,
    queueRefreshMs: settings.queueRefreshMs,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    ...(options.tickIntervalMs === undefined ? {} : { tickIntervalMs: options.tickIntervalMs }),
    observer: options.observer,
    clock: options.clock,
    businessHours: settings.businessHours,
    openTicket: options.openTicket,
    translation: options.translation,
  });
  const viewers = createViewerGateway({
    maxConnectionsPerIp: settings.viewerSocketsPerIp,
    trustProxy: options.trustProxy,
    ...viewerLimits(options.limits),
    ...options.viewerGateway,
    directory,
    auth: options.auth,
    onJoined: (channel) => desk.viewerJoined(channel),
    onLeft: (channel) => desk.viewerLeft(channel),
    eventContext: {
      agentName: (agentId) => options.users.get(agentId)?.name,
      mediaLinks: options.mediaLinks,
    },
  });
  const agents = createAgentGateway({
    ...(options.limits ? { admissionMs: options.limits.socketAdmissionMs } : {}),
    trustProxy: options.trustProxy,
    ...options.agentGateway,
    desk,
    directory,
    auth: options.auth,
    accountChanges: options.accountChanges,
    routingProfile: staffRoutingProfile(options.users, config.supervisorTeam),
    longWaitMs: config.longWaitMs,
    mediaLinks: options.mediaLinks,
  });
  let stopRouting: (() => void) | undefined;
  return {
    directory,
    desk,
    viewers,
    agents,
    restore: () => restoreDesk({ log: options.events.log, directory, desk }),
    serve(server, wrap, more = []) {
      stopRouting = routeUpgrades(server, [viewers, agents, ...more], wrap);
    },
    async close() {
      stopRouting?.();
      await Promise.all([viewers.close(), agents.close()]);
      desk.stop();
      directory.close();
    },
  };
}
