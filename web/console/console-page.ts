import type { AgentPresence } from '../../engine/desk/agent.js';
import type { StaffRole } from '../../server/auth/principal.js';
import { createApiClient } from '../shared/api-client.js';
import { byId, show } from '../shared/dom.js';
import { ReconnectingSocket } from '../shared/reconnecting-socket.js';
import {
  clearStaffSession,
  loadStaffSession,
  wireLoginForm,
  type StaffSession,
} from '../shared/staff-session.js';
import { applyPageTexts, chooseUiLanguage, renderLanguageSwitch } from '../shared/ui-language.js';
import {
  deskExtras,
  parseAgentServerFrame,
  type AgentClientFrame,
  type ConsoleServerFrame,
  type DeskExtras,
  type NoticeFrame,
  type QueueSnapshotView,
} from './agent-frames-client.js';
import { ConsoleApi, type Ticket } from './console-api.js';
import { viewerCode, viewerTitle } from './console-format.js';
import { snapshotViewerTitle } from './snapshot-viewer-title.js';
import { UnacknowledgedReplies, type ReplyFrame } from './unacknowledged-replies.js';
import { consoleTexts, type ConsoleTexts } from './console-texts.js';
import { renderConversationList, tickWaits, type ConversationListItem } from './conversation-list.js';
import { ConversationPanel, type TransferTarget } from './conversation-panel.js';
import { EscalationMark } from './escalation-mark.js';
import { escalationMarkTexts } from './escalation-mark-texts.js';
import { tickCountdowns } from './countdown.js';
import { describeProblem } from './describe-problem.js';
import { newHeldConversation, type HeldConversation } from './held-conversation.js';
import { ProfilePanel } from './profile-panel.js';
import { CommercePanel } from './commerce-panel.js';
import { commerceTexts } from './commerce-texts.js';
import { ReplyBox } from './reply-box.js';
import { PiiReveal } from './pii-reveal.js';
import { privacyTexts } from './privacy-texts.js';
import { SensitiveToggle } from './sensitive-toggle.js';
import { StaffNames } from './staff-names.js';
import { TicketList } from './ticket-list.js';
import { TicketPanel } from './ticket-panel.js';
import { TypingSignal } from './typing-signal.js';
import { ConsoleMedia } from './console-media.js';
import { MEDIA_TEXTS_EN, MEDIA_TEXTS_ZH } from '../shared/media-texts.js';
import type { NoteContext } from './transcript-notes.js';

const SESSION_KEY = 'livedesk.console.session';
const PRESENCE_KEY = 'livedesk.console.presence';
const CONSOLE_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];
const WATCH_ANY_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

type ActionKey = keyof ConsoleTexts['actions'];

interface PendingCommand {
  action: ActionKey;
  conversationId: string;
  reply?: { text: string; entryIds: readonly string[] };
}

/** The agent console: login, the live queue, the conversation at hand and the tools to answer it. */
class ConsolePage {
  private readonly language = chooseUiLanguage();
  private readonly texts = consoleTexts(this.language);
  private session: StaffSession | undefined;
  private readonly api = createApiClient({
    token: () => this.session?.token,
    onUnauthorized: () => this.logOut(this.texts.sessionEnded),
  });
  private readonly consoleApi = new ConsoleApi(this.api);
  private readonly staff = new StaffNames();
  private readonly notes: NoteContext = {
    texts: this.texts,
    agentName: (agentId) => this.staff.label(agentId),
  };
  private readonly socket: ReconnectingSocket;
  private readonly panel: ConversationPanel;
  private readonly profile: ProfilePanel;
  private readonly commerce: CommercePanel;
  private readonly escalationMark: EscalationMark;
  private readonly sensitive: SensitiveToggle;
  private readonly reply: ReplyBox;
  private readonly media: ConsoleMedia;
  private readonly ticketPanel: TicketPanel;
  private readonly ticketList: TicketList;
  private readonly held = new Map<string, HeldConversation>();
  private readonly pending = new Map<string, PendingCommand>();
  private readonly unacknowledged = new UnacknowledgedReplies();
  private me: { id: string; name: string; role: StaffRole } | undefined;
  private longWaitMs = 60_000;
  private snapshot: QueueSnapshotView | undefined;
  /** Server clock minus this browser's, from the last snapshot: waits tick on the server's time. */
  private clockOffsetMs = 0;
  private selectedId: string | undefined;
  private commandCount = 0;
  private statusTimer: number | undefined;
  private namesSeen = 0;
  private ticketsLoaded = false;

  constructor() {
    const { texts } = this;
    this.socket = new ReconnectingSocket({
      path: '/ws/agent',
      onOpen: () => this.send({ type: 'auth', token: this.session?.token ?? '' }),
      onMessage: (data) => {
        const frame = parseAgentServerFrame(data);
        if (frame) this.handle(frame);
      },
      onStateChange: (state) => {
        const line = byId('connection-state', HTMLElement);
        line.dataset.state = state;
        line.textContent = texts.connection[state];
      },
    });
    this.media = new ConsoleMedia({
      texts: this.language === 'zh' ? MEDIA_TEXTS_ZH : MEDIA_TEXTS_EN,
      spokenLabel: this.texts.spokenRecording,
      token: () => this.session?.token,
      form: byId('reply-form', HTMLFormElement),
      onProblem: (message) => this.status(message, 'error'),
    });
    this.panel = new ConversationPanel(
      {
        accept: (id) => this.command('accept', id, { type: 'accept', conversationId: id }),
        decline: (id) => this.command('decline', id, { type: 'decline', conversationId: id }),
        transfer: (id, to: TransferTarget, note) =>
          this.command('transfer', id, { type: 'transfer', conversationId: id, to, note }),
        escalate: (id, note) => this.command('escalate', id, { type: 'escalate', conversationId: id, note }),
        handBack: (id) => this.command('hand-back', id, { type: 'hand-back', conversationId: id }),
        close: (id) => this.command('close', id, { type: 'close', conversationId: id }),
        createTicket: (id) => void this.createTicket(id),
      },
      texts,
      new PiiReveal({ api: this.api, texts: privacyTexts(this.language) }),
      this.media,
    );
    this.sensitive = new SensitiveToggle({
      api: this.api,
      texts: privacyTexts(this.language),
      anchor: byId('create-ticket', HTMLButtonElement),
      onProblem: (message) => this.status(message, 'error'),
    });
    this.profile = new ProfilePanel({ api: this.consoleApi, texts, staffName: (id) => this.staff.label(id) });
    this.commerce = new CommercePanel(this.api, commerceTexts(this.language));
    this.escalationMark = new EscalationMark({
      api: this.api,
      texts: escalationMarkTexts(this.language),
      meId: () => this.me?.id,
    });
    this.reply = new ReplyBox({
      consoleApi: this.consoleApi,
      texts,
      send: (text, entryIds) => this.sendReply(text, entryIds),
      onProblem: (message) => this.status(message, 'error'),
      typing: new TypingSignal({
        send: (conversationId, active) => this.send({ type: 'typing', conversationId, active }),
      }),
    });
    this.ticketPanel = new TicketPanel({
      api: this.consoleApi,
      texts,
      language: this.language,
      staff: this.staff,
      me: () =>
        this.me && {
          id: this.me.id,
          name: this.me.name,
          supervisor: WATCH_ANY_ROLES.includes(this.me.role),
        },
      status: (message, kind) => this.status(message, kind),
      attachments: (attachments) => this.media.attachments(attachments),
      onChanged: () => this.ticketList.refresh(),
      tick: () => this.tick(),
    });
    this.ticketList = new TicketList({
      api: this.consoleApi,
      texts,
      language: this.language,
      meId: () => this.me?.id,
      onOpen: (ticketId) => {
        this.ticketPanel.open(ticketId);
        this.ticketList.highlight(ticketId);
      },
      onProblem: (message) => this.status(message, 'error'),
      tick: () => this.tick(),
    });
  }

  start(): void {
    const { texts } = this;
    applyPageTexts(texts);
    document.title = texts.pageTitle;
    renderLanguageSwitch(byId('login-language', HTMLElement), this.language);
    renderLanguageSwitch(byId('topbar-language', HTMLElement), this.language);
    wireLoginForm({
      api: this.api,
      storageKey: SESSION_KEY,
      roles: CONSOLE_ROLES,
      onSession: (session) => this.enter(session),
      texts: { wrongPassword: texts.wrongPassword, wrongRole: texts.wrongRole },
    });
    byId('logout', HTMLButtonElement).addEventListener('click', () => {
      this.send({ type: 'presence', presence: 'offline' });
      this.logOut();
    });
    const presence = byId('presence', HTMLSelectElement);
    presence.addEventListener('change', () => {
      const value = presence.value as AgentPresence;
      localStorage.setItem(PRESENCE_KEY, value);
      this.send({ type: 'presence', presence: value });
      if (value === 'online') show(byId('notice', HTMLElement), false);
    });
    byId('notice-dismiss', HTMLButtonElement).addEventListener('click', () =>
      show(byId('notice', HTMLElement), false),
    );
    window.setInterval(() => this.tick(), 1000);
    const session = loadStaffSession(SESSION_KEY);
    if (session && CONSOLE_ROLES.includes(session.user.role)) this.enter(session);
    else this.showLogin();
  }

  private enter(session: StaffSession): void {
    this.session = session;
    this.staff.learn(session.user.id, session.user.name);
    byId('user-name', HTMLElement).textContent = this.texts.userLine(
      session.user.name,
      this.texts.roles[session.user.role],
    );
    show(byId('login-form', HTMLFormElement), false);
    show(byId('console', HTMLElement), true);
    this.socket.connect();
    this.render();
  }

  private showLogin(message?: string): void {
    show(byId('console', HTMLElement), false);
    show(byId('login-form', HTMLFormElement), true);
    byId('login-error', HTMLElement).textContent = message ?? '';
  }

  private logOut(message?: string): void {
    clearStaffSession(SESSION_KEY);
    this.session = undefined;
    this.socket.close();
    this.held.clear();
    this.unacknowledged.clear();
    this.selectedId = undefined;
    this.ticketsLoaded = false;
    this.showLogin(message);
  }

  private send(frame: AgentClientFrame): boolean {
    return this.socket.send(frame);
  }

  private nextId(): string {
    this.commandCount += 1;
    return `c${Date.now().toString(36)}-${this.commandCount}`;
  }

  private command(
    action: ActionKey,
    conversationId: string,
    frame: AgentClientFrame & { conversationId: string },
  ): void {
    const clientMessageId = this.nextId();
    if (!this.send({ ...frame, clientMessageId } as AgentClientFrame)) {
      this.status(this.texts.notConnected, 'error');
      return;
    }
    this.pending.set(clientMessageId, { action, conversationId });
    this.status(this.texts.working(this.texts.actions[action]));
  }

  private sendReply(text: string, entryIds: readonly string[]): boolean {
    const conversationId = this.selectedId;
    if (!conversationId) return false;
    const clientMessageId = this.nextId();
    const frame: ReplyFrame = {
      type: 'reply',
      conversationId,
      text,
      clientMessageId,
      ...(entryIds.length > 0 ? { entryIds: [...entryIds] } : {}),
    };
    const sent = this.send(frame);
    if (sent) this.unacknowledged.add(frame);
    if (!sent) {
      this.status(this.texts.replyNotSent, 'error');
      return false;
    }
    this.pending.set(clientMessageId, { action: 'reply', conversationId, reply: { text, entryIds } });
    return true;
  }

  private async createTicket(conversationId: string): Promise<void> {
    const { texts } = this;
    try {
      this.status(texts.creatingTicket);
      const ticket: Ticket = await this.consoleApi.createTicket(conversationId);
      this.ticketPanel.open(ticket.id);
      this.ticketList.refresh();
      this.status(texts.ticketCreated(ticket.id));
    } catch (error) {
      this.status(texts.failed(texts.problemIn.ticket, describeProblem(error, texts)), 'error');
    }
  }

  private handle(frame: ConsoleServerFrame): void {
    switch (frame.type) {
      case 'authenticated':
        this.authenticated(frame);
        return;
      case 'queue':
        this.snapshot = frame.snapshot;
        this.clockOffsetMs = Date.parse(frame.snapshot.at) - Date.now();
        this.staff.learnAll(frame.snapshot.agents);
        for (const entry of frame.snapshot.held) {
          const { agentName } = deskExtras(entry);
          if (entry.agentId !== undefined) this.staff.learn(entry.agentId, agentName);
        }
        this.render();
        return;
      case 'assignment': {
        const existing = this.held.get(frame.conversationId);
        if (existing) {
          existing.status = frame.status;
          if (frame.status === 'active') existing.taken = true;
          existing.view = frame.conversation;
          existing.log.release(undefined);
          delete existing.releasedReason;
        } else {
          this.held.set(
            frame.conversationId,
            newHeldConversation(frame.conversationId, frame.status, frame.conversation, this.notes),
          );
        }
        this.watch(frame.conversationId);
        if (frame.status === 'offered' && this.selectedId === undefined)
          this.selectedId = frame.conversationId;
        this.render();
        return;
      }
      case 'released': {
        const held = this.held.get(frame.conversationId);
        if (held) {
          held.status = 'released';
          held.releasedReason = frame.reason;
          held.log.release({
            reason: frame.reason,
            at: new Date(Date.now() + this.clockOffsetMs).toISOString(),
          });
          if (this.selectedId === frame.conversationId) this.panel.renderTranscript(held.log.entries);
          if (this.selectedId !== frame.conversationId) this.drop(frame.conversationId);
        }
        this.render();
        return;
      }
      case 'notice':
        this.notice(frame);
        return;
      case 'event': {
        const held = this.held.get(frame.conversationId);
        if (!held?.log.apply(frame.event, frame.sequence, frame.pii)) return;
        if (frame.event.type === 'viewer-message' && this.selectedId !== frame.conversationId)
          held.unread += 1;
        if (this.selectedId === frame.conversationId) this.panel.renderTranscript(held.log.entries);
        if (frame.event.type === 'viewer-message') this.renderLists();
        // The platform moved the viewer's context (product in view, stream state): the profile shows the latest.
        if (frame.event.type === 'live-context' && held.view) {
          held.view = { ...held.view, packet: { ...held.view.packet, liveContext: frame.event.liveContext } };
          if (this.selectedId === frame.conversationId)
            this.profile.show(held.conversationId, held.view.packet);
        }
        return;
      }
      case 'ack': {
        const pending = this.pending.get(frame.clientMessageId);
        this.pending.delete(frame.clientMessageId);
        this.unacknowledged.settle(frame.clientMessageId);
        if (pending && !pending.reply) this.status(this.texts.done(this.texts.actions[pending.action]));
        return;
      }
      case 'error': {
        const { texts } = this;
        if (frame.code === 'unauthenticated') {
          this.logOut(texts.sessionEnded);
          return;
        }
        const pending = frame.clientMessageId ? this.pending.get(frame.clientMessageId) : undefined;
        if (frame.clientMessageId) {
          this.pending.delete(frame.clientMessageId);
          this.unacknowledged.settle(frame.clientMessageId);
        }
        if (pending?.reply && pending.conversationId === this.selectedId) {
          this.reply.restore(pending.reply.text, pending.reply.entryIds);
        }
        const problem = texts.frameError(frame.code, frame.message);
        this.status(pending ? texts.failed(texts.actions[pending.action], problem) : problem, 'error');
        return;
      }
      case 'pong':
        return;
    }
  }

  /** The desk wants the agent to notice something: shown until dismissed (or until they are back online). */
  private notice(frame: NoticeFrame): void {
    const { texts } = this;
    if (frame.code !== 'auto-away' && frame.code !== 'offer-expired' && frame.code !== 'no-reply') return;
    const text =
      frame.code === 'auto-away' && frame.missedOffers !== undefined
        ? texts.autoAway(frame.missedOffers)
        : texts.notices[frame.code];
    byId('notice-text', HTMLElement).textContent = text;
    const banner = byId('notice', HTMLElement);
    banner.dataset.code = frame.code;
    show(banner, true);
    if (frame.code === 'auto-away') byId('presence', HTMLSelectElement).value = 'away';
  }

  private authenticated(frame: Extract<ConsoleServerFrame, { type: 'authenticated' }>): void {
    this.me = frame.user;
    this.staff.learn(frame.user.id, frame.user.name);
    this.longWaitMs = frame.longWaitMs;
    const presence = byId('presence', HTMLSelectElement);
    const wanted = (localStorage.getItem(PRESENCE_KEY) ?? 'online') as AgentPresence;
    show(presence.parentElement ?? presence, frame.agent !== null);
    if (frame.agent) {
      // Opening the console means being ready for work, unless the agent chose otherwise last time.
      presence.value = frame.agent.presence === 'offline' ? wanted : frame.agent.presence;
      if (frame.agent.presence !== presence.value)
        this.send({ type: 'presence', presence: presence.value as AgentPresence });
    }
    for (const held of this.held.values()) {
      held.watched = false;
      this.watch(held.conversationId);
    }
    // Replies whose ack the old socket never delivered: the server stores each once, whatever it had.
    for (const reply of this.unacknowledged.toResend()) this.send(reply);
    if (!this.ticketsLoaded) void this.loadTickets(frame.user.role);
    this.render();
  }

  /** Departments, the tickets list and (for admins) every staff name, once per sign-in. */
  private async loadTickets(role: StaffRole): Promise<void> {
    this.ticketsLoaded = true;
    try {
      if (role === 'admin') this.staff.learnAll(await this.consoleApi.staffUsers());
      const departments = await this.ticketPanel.loadDepartments();
      const myTeams = this.snapshot?.agents.find((agent) => agent.id === this.me?.id)?.teams ?? [];
      const mine = departments.find((department) => myTeams.includes(department.id))?.id;
      this.ticketList.setDepartments(departments, mine);
    } catch (error) {
      const { texts } = this;
      this.status(texts.failed(texts.problemIn.tickets, describeProblem(error, texts)), 'error');
    }
    this.ticketList.refresh();
  }

  private watch(conversationId: string): void {
    const held = this.held.get(conversationId);
    if (!held || held.watched) return;
    if (this.send({ type: 'watch', conversationId, lastSequence: held.log.lastSequence }))
      held.watched = true;
  }

  /** Forgets a conversation that left this console, with its draft and reading place. */
  private drop(conversationId: string): void {
    this.held.delete(conversationId);
    this.reply.forget(conversationId);
    this.panel.forget(conversationId);
  }

  private select(conversationId: string): void {
    if (this.selectedId && this.selectedId !== conversationId) {
      const previous = this.held.get(this.selectedId);
      if (previous?.status === 'released') this.drop(this.selectedId);
      if (previous?.status === 'watching') {
        this.send({ type: 'unwatch', conversationId: previous.conversationId });
        this.drop(previous.conversationId);
      }
    }
    if (!this.held.has(conversationId)) {
      if (!this.me || !WATCH_ANY_ROLES.includes(this.me.role)) {
        this.status(this.texts.queuedForOthers);
        return;
      }
      this.held.set(conversationId, newHeldConversation(conversationId, 'watching', undefined, this.notes));
      this.watch(conversationId);
    }
    this.selectedId = conversationId;
    const held = this.held.get(conversationId);
    if (held) held.unread = 0;
    this.render();
  }

  private render(): void {
    const { texts } = this;
    // A name learnt since the transcripts were built replaces the id they show.
    if (this.staff.version !== this.namesSeen) {
      this.namesSeen = this.staff.version;
      for (const held of this.held.values()) held.log.refresh();
    }
    this.renderLists();
    const held = this.selectedId ? this.held.get(this.selectedId) : undefined;
    this.panel.show(held, {
      meId: this.me?.id ?? '',
      extras: held ? this.extrasOf(held) : {},
      agents: this.snapshot?.agents ?? [],
      agentName: (agentId) => this.staff.label(agentId),
    });
    this.profile.show(held?.conversationId, held?.view?.packet);
    this.commerce.show(held?.view?.packet ? held.conversationId : undefined);
    this.escalationMark.follow(held);
    this.sensitive.follow(held?.conversationId, this.me?.role === 'supervisor' || this.me?.role === 'admin');
    this.media.follow(held?.conversationId, held?.status === 'active');
    this.reply.attach(held?.conversationId, {
      enabled: held?.status === 'active',
      locale: held?.view?.packet.viewer.locale,
      roomId: held?.view?.packet.liveContext.roomId,
    });
    if (held) this.ticketPanel.followConversation(held.conversationId);
    const mine = this.snapshot?.agents.find((agent) => agent.id === this.me?.id);
    byId('agent-load', HTMLElement).textContent = mine ? texts.load(mine.load, mine.capacity) : '';
    const offered = [...this.held.values()].filter((entry) => entry.status === 'offered').length;
    document.title = texts.documentTitle(offered);
    this.tick();
  }

  private renderLists(): void {
    const { texts } = this;
    const snapshot = this.snapshot;
    const heldEntries = new Map((snapshot?.held ?? []).map((entry) => [entry.conversationId, entry]));
    const mine: ConversationListItem[] = [...this.held.values()]
      .filter((held) => held.status !== 'watching')
      .map((held) => {
        const view = held.view;
        const viewer = view?.packet.viewer;
        const entry = heldEntries.get(held.conversationId);
        const extras = this.extrasOf(held);
        const waiting = held.status === 'offered' || held.status === 'needs-reassignment';
        return {
          conversationId: held.conversationId,
          title: viewer ? viewerTitle(viewer, texts) : texts.viewerFallback(viewerCode(held.conversationId)),
          tier: viewer?.tier ?? 'regular',
          lane: view?.lane ?? entry?.lane ?? 'normal',
          status: held.status === 'watching' ? 'active' : held.status,
          ...(waiting && view ? { waitingSinceMs: Date.parse(view.enqueuedAt) } : {}),
          ...(extras.laneReasons ? { laneReasons: extras.laneReasons } : {}),
          ...(extras.sla ? { sla: extras.sla } : {}),
          ...(extras.offerExpiresAt ? { offerExpiresAt: extras.offerExpiresAt } : {}),
          ...(held.releasedReason === undefined ? {} : { releasedReason: held.releasedReason }),
          unread: held.unread,
        };
      });
    const queue: ConversationListItem[] = (snapshot?.waiting ?? []).map((entry) => {
      const extras = deskExtras(entry);
      return {
        conversationId: entry.conversationId,
        title: snapshotViewerTitle(entry, texts),
        tier: entry.viewerTier,
        lane: entry.lane,
        status: 'queued',
        waitingSinceMs: Date.parse(entry.enqueuedAt),
        position: entry.queueIndex,
        ...(extras.laneReasons ? { laneReasons: extras.laneReasons } : {}),
        ...(extras.sla ? { sla: extras.sla } : {}),
        unread: 0,
      };
    });
    const others: ConversationListItem[] = (snapshot?.held ?? [])
      .filter((entry) => entry.agentId !== this.me?.id && !this.held.has(entry.conversationId))
      .map((entry) => {
        const extras = deskExtras(entry);
        const tier = (entry as { viewerTier?: unknown }).viewerTier === 'vip' ? 'vip' : 'regular';
        const agentName =
          extras.agentName ?? (entry.agentId !== undefined ? this.staff.label(entry.agentId) : undefined);
        return {
          conversationId: entry.conversationId,
          title: snapshotViewerTitle(entry, texts),
          tier,
          lane: entry.lane,
          status: entry.status,
          ...(entry.status === 'active'
            ? {}
            : { waitingSinceMs: Date.now() + this.clockOffsetMs - entry.waitedMs }),
          ...(agentName !== undefined ? { agentName } : {}),
          ...(extras.laneReasons ? { laneReasons: extras.laneReasons } : {}),
          ...(extras.sla ? { sla: extras.sla } : {}),
          ...(extras.offerExpiresAt ? { offerExpiresAt: extras.offerExpiresAt } : {}),
          unread: 0,
        };
      });
    const select = (id: string): void => this.select(id);
    renderConversationList(byId('my-conversations', HTMLUListElement), mine, {
      selectedId: this.selectedId,
      onSelect: select,
      empty: texts.nothingAssigned,
      texts,
    });
    renderConversationList(byId('queue-list', HTMLUListElement), queue, {
      selectedId: this.selectedId,
      onSelect: select,
      empty: texts.nobodyWaiting,
      texts,
    });
    byId('queue-count', HTMLElement).textContent = String(queue.length);
    const canSeeOthers = this.me !== undefined && WATCH_ANY_ROLES.includes(this.me.role);
    show(byId('others-section', HTMLElement), canSeeOthers && others.length > 0);
    if (canSeeOthers) {
      renderConversationList(byId('others-list', HTMLUListElement), others, {
        selectedId: this.selectedId,
        onSelect: select,
        empty: '',
        texts,
      });
    }
    this.tick();
  }

  /** What the desk says about a held conversation: the snapshot is newer than the assignment frame, so it wins. */
  private extrasOf(held: HeldConversation): DeskExtras {
    const entry = this.snapshot?.held.find((candidate) => candidate.conversationId === held.conversationId);
    return { ...deskExtras(held.view), ...deskExtras(entry) };
  }

  private tick(): void {
    const root = byId('console', HTMLElement);
    const serverNowMs = Date.now() + this.clockOffsetMs;
    tickWaits(root, serverNowMs, this.longWaitMs);
    tickCountdowns(root, serverNowMs, this.texts);
  }

  private status(message: string, kind: 'info' | 'error' = 'info'): void {
    const line = byId('status-line', HTMLElement);
    line.textContent = message;
    line.dataset.kind = kind;
    window.clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => (line.textContent = ''), kind === 'error' ? 12_000 : 4000);
  }
}

new ConsolePage().start();
