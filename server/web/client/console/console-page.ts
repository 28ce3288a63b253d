import type { AgentPresence } from '../../../../engine/desk/agent.js';
import type { StaffRole } from '../../../auth/principal.js';
import { createApiClient, describeError } from '../shared/api-client.js';
import { byId, show } from '../shared/dom.js';
import { ReconnectingSocket } from '../shared/reconnecting-socket.js';
import {
  clearStaffSession,
  loadStaffSession,
  wireLoginForm,
  type StaffSession,
} from '../shared/staff-session.js';
import {
  parseAgentServerFrame,
  type AgentClientFrame,
  type AgentServerFrame,
  type QueueSnapshotView,
} from './agent-frames-client.js';
import { ConsoleApi } from './console-api.js';
import { renderConversationList, tickWaits, type ConversationListItem } from './conversation-list.js';
import { ConversationPanel, type TransferTarget } from './conversation-panel.js';
import { newHeldConversation, type HeldConversation } from './held-conversation.js';
import { ProfilePanel } from './profile-panel.js';
import { ReplyBox } from './reply-box.js';

const SESSION_KEY = 'livedesk.console.session';
const PRESENCE_KEY = 'livedesk.console.presence';
const CONSOLE_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];
const WATCH_ANY_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

interface PendingCommand {
  label: string;
  conversationId: string;
  reply?: { text: string; entryIds: readonly string[] };
}

/** The agent console: login, the live queue, the conversation at hand and the tools to answer it. */
class ConsolePage {
  private session: StaffSession | undefined;
  private readonly api = createApiClient({
    token: () => this.session?.token,
    onUnauthorized: () => this.logOut('Your session ended; log in again.'),
  });
  private readonly consoleApi = new ConsoleApi(this.api);
  private readonly socket: ReconnectingSocket;
  private readonly panel: ConversationPanel;
  private readonly profile = new ProfilePanel(this.consoleApi);
  private readonly reply: ReplyBox;
  private readonly held = new Map<string, HeldConversation>();
  private readonly pending = new Map<string, PendingCommand>();
  private me: { id: string; name: string; role: StaffRole } | undefined;
  private longWaitMs = 60_000;
  private snapshot: QueueSnapshotView | undefined;
  /** Server clock minus this browser's, from the last snapshot: waits tick on the server's time. */
  private clockOffsetMs = 0;
  private selectedId: string | undefined;
  private commandCount = 0;
  private statusTimer: number | undefined;

  constructor() {
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
        line.textContent = state === 'open' ? '● connected' : state;
      },
    });
    this.panel = new ConversationPanel({
      accept: (id) => this.command('accept', id, { type: 'accept', conversationId: id }),
      decline: (id) => this.command('decline', id, { type: 'decline', conversationId: id }),
      transfer: (id, to: TransferTarget, note) =>
        this.command('transfer', id, { type: 'transfer', conversationId: id, to, note }),
      escalate: (id, note) => this.command('escalate', id, { type: 'escalate', conversationId: id, note }),
      handBack: (id) => this.command('hand back', id, { type: 'hand-back', conversationId: id }),
      close: (id) => this.command('close', id, { type: 'close', conversationId: id }),
      createTicket: (id) => void this.createTicket(id),
    });
    this.reply = new ReplyBox({
      api: this.api,
      consoleApi: this.consoleApi,
      send: (text, entryIds) => this.sendReply(text, entryIds),
      onProblem: (message) => this.status(message, 'error'),
    });
  }

  start(): void {
    wireLoginForm({
      api: this.api,
      storageKey: SESSION_KEY,
      roles: CONSOLE_ROLES,
      onSession: (session) => this.enter(session),
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
    });
    window.setInterval(() => this.tick(), 1000);
    const session = loadStaffSession(SESSION_KEY);
    if (session && CONSOLE_ROLES.includes(session.user.role)) this.enter(session);
    else this.showLogin();
  }

  private enter(session: StaffSession): void {
    this.session = session;
    byId('user-name', HTMLElement).textContent = `${session.user.name} (${session.user.role})`;
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
    this.selectedId = undefined;
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
    label: string,
    conversationId: string,
    frame: AgentClientFrame & { conversationId: string },
  ): void {
    const clientMessageId = this.nextId();
    if (!this.send({ ...frame, clientMessageId } as AgentClientFrame)) {
      this.status('Not connected; try again in a moment.', 'error');
      return;
    }
    this.pending.set(clientMessageId, { label, conversationId });
    this.status(`${label}…`);
  }

  private sendReply(text: string, entryIds: readonly string[]): boolean {
    const conversationId = this.selectedId;
    if (!conversationId) return false;
    const clientMessageId = this.nextId();
    const sent = this.send({
      type: 'reply',
      conversationId,
      text,
      clientMessageId,
      ...(entryIds.length > 0 ? { entryIds: [...entryIds] } : {}),
    });
    if (!sent) {
      this.status('Not connected; the reply was not sent.', 'error');
      return false;
    }
    this.pending.set(clientMessageId, { label: 'reply', conversationId, reply: { text, entryIds } });
    return true;
  }

  private async createTicket(conversationId: string): Promise<void> {
    try {
      this.status('creating ticket…');
      const ticket = await this.consoleApi.createTicket(conversationId);
      this.profile.showTicket(ticket);
      this.status(`Ticket ${ticket.id} created.`);
    } catch (error) {
      this.status(`ticket: ${describeError(error)}`, 'error');
    }
  }

  private handle(frame: AgentServerFrame): void {
    switch (frame.type) {
      case 'authenticated':
        this.authenticated(frame);
        return;
      case 'queue':
        this.snapshot = frame.snapshot;
        this.clockOffsetMs = Date.parse(frame.snapshot.at) - Date.now();
        this.render();
        return;
      case 'assignment': {
        const existing = this.held.get(frame.conversationId);
        if (existing) {
          existing.status = frame.status;
          existing.view = frame.conversation;
          delete existing.releasedReason;
        } else {
          this.held.set(
            frame.conversationId,
            newHeldConversation(frame.conversationId, frame.status, frame.conversation, this.agentName),
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
          if (this.selectedId !== frame.conversationId) this.held.delete(frame.conversationId);
        }
        this.render();
        return;
      }
      case 'event': {
        const held = this.held.get(frame.conversationId);
        if (!held?.log.apply(frame.event, frame.sequence)) return;
        if (frame.event.type === 'viewer-message' && this.selectedId !== frame.conversationId)
          held.unread += 1;
        if (this.selectedId === frame.conversationId) this.panel.renderTranscript(held.log.entries);
        if (frame.event.type === 'viewer-message') this.renderLists();
        return;
      }
      case 'ack': {
        const pending = this.pending.get(frame.clientMessageId);
        this.pending.delete(frame.clientMessageId);
        if (pending && !pending.reply) this.status(`${pending.label}: done`);
        return;
      }
      case 'error': {
        if (frame.code === 'unauthenticated') {
          this.logOut('Your session ended; log in again.');
          return;
        }
        const pending = frame.clientMessageId ? this.pending.get(frame.clientMessageId) : undefined;
        if (frame.clientMessageId) this.pending.delete(frame.clientMessageId);
        if (pending?.reply && pending.conversationId === this.selectedId) {
          this.reply.restore(pending.reply.text, pending.reply.entryIds);
        }
        this.status(`${pending ? `${pending.label}: ` : ''}${frame.message}`, 'error');
        return;
      }
      case 'pong':
        return;
    }
  }

  private authenticated(frame: Extract<AgentServerFrame, { type: 'authenticated' }>): void {
    this.me = frame.user;
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
    this.render();
  }

  private watch(conversationId: string): void {
    const held = this.held.get(conversationId);
    if (!held || held.watched) return;
    if (this.send({ type: 'watch', conversationId, lastSequence: held.log.lastSequence }))
      held.watched = true;
  }

  private select(conversationId: string): void {
    if (this.selectedId && this.selectedId !== conversationId) {
      const previous = this.held.get(this.selectedId);
      if (previous?.status === 'released') this.held.delete(this.selectedId);
      if (previous?.status === 'watching') {
        this.send({ type: 'unwatch', conversationId: previous.conversationId });
        this.held.delete(previous.conversationId);
      }
    }
    if (!this.held.has(conversationId)) {
      if (!this.me || !WATCH_ANY_ROLES.includes(this.me.role)) {
        this.status('Waiting in the queue: the desk offers it to the next free agent.');
        return;
      }
      this.held.set(
        conversationId,
        newHeldConversation(conversationId, 'watching', undefined, this.agentName),
      );
      this.watch(conversationId);
    }
    this.selectedId = conversationId;
    const held = this.held.get(conversationId);
    if (held) held.unread = 0;
    this.render();
  }

  private render(): void {
    this.renderLists();
    const held = this.selectedId ? this.held.get(this.selectedId) : undefined;
    this.panel.show(held, {
      meId: this.me?.id ?? '',
      agents: this.snapshot?.agents ?? [],
      agentName: this.agentName,
    });
    this.profile.show(held?.conversationId, held?.view?.packet);
    this.reply.attach(held?.conversationId, {
      enabled: held?.status === 'active',
      locale: held?.view?.packet.viewer.locale,
    });
    const mine = this.snapshot?.agents.find((agent) => agent.id === this.me?.id);
    byId('agent-load', HTMLElement).textContent = mine ? `${mine.load}/${mine.capacity} conversations` : '';
    const offered = [...this.held.values()].filter((held) => held.status === 'offered').length;
    document.title = offered > 0 ? `(${offered}) Livedesk console` : 'Livedesk console';
    this.tick();
  }

  private renderLists(): void {
    const snapshot = this.snapshot;
    const heldEntries = new Map((snapshot?.held ?? []).map((entry) => [entry.conversationId, entry]));
    const mine: ConversationListItem[] = [...this.held.values()]
      .filter((held) => held.status !== 'watching')
      .map((held) => {
        const view = held.view;
        const viewer = view?.packet.viewer;
        const waiting = held.status === 'offered' || held.status === 'needs-reassignment';
        return {
          conversationId: held.conversationId,
          title: viewer?.displayName ?? viewer?.viewerId ?? held.conversationId,
          tier: viewer?.tier ?? 'regular',
          lane: view?.lane ?? heldEntries.get(held.conversationId)?.lane ?? 'normal',
          status: held.status === 'watching' ? 'active' : held.status,
          ...(waiting && view ? { waitingSinceMs: Date.parse(view.enqueuedAt) } : {}),
          unread: held.unread,
        };
      });
    const queue: ConversationListItem[] = (snapshot?.waiting ?? []).map((entry) => ({
      conversationId: entry.conversationId,
      title: entry.viewerId,
      tier: entry.viewerTier,
      lane: entry.lane,
      status: 'queued',
      waitingSinceMs: Date.parse(entry.enqueuedAt),
      position: entry.queueIndex,
      unread: 0,
    }));
    const others: ConversationListItem[] = (snapshot?.held ?? [])
      .filter((entry) => entry.agentId !== this.me?.id && !this.held.has(entry.conversationId))
      .map((entry) => ({
        conversationId: entry.conversationId,
        title: entry.conversationId,
        tier: 'regular',
        lane: entry.lane,
        status: entry.status,
        ...(entry.status === 'active'
          ? {}
          : { waitingSinceMs: Date.now() + this.clockOffsetMs - entry.waitedMs }),
        ...(entry.agentId ? { agentId: entry.agentId } : {}),
        unread: 0,
      }));
    const select = (id: string): void => this.select(id);
    renderConversationList(byId('my-conversations', HTMLUListElement), mine, {
      selectedId: this.selectedId,
      onSelect: select,
      empty: 'Nothing assigned to you.',
    });
    renderConversationList(byId('queue-list', HTMLUListElement), queue, {
      selectedId: this.selectedId,
      onSelect: select,
      empty: 'Nobody is waiting.',
    });
    byId('queue-count', HTMLElement).textContent = String(queue.length);
    const canSeeOthers = this.me !== undefined && WATCH_ANY_ROLES.includes(this.me.role);
    show(byId('others-section', HTMLElement), canSeeOthers && others.length > 0);
    if (canSeeOthers) {
      renderConversationList(byId('others-list', HTMLUListElement), others, {
        selectedId: this.selectedId,
        onSelect: select,
        empty: '',
      });
    }
  }

  /** Staff are shown by name; ids are what the desk records. */
  private readonly agentName = (agentId: string): string => {
    if (agentId === this.me?.id) return 'you';
    return this.snapshot?.agents.find((agent) => agent.id === agentId)?.name ?? agentId;
  };

  private tick(): void {
    tickWaits(byId('console', HTMLElement), Date.now() + this.clockOffsetMs, this.longWaitMs);
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
