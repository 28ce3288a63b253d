import type { StaffRole } from '../../server/auth/principal.js';
import { createApiClient, describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import { ReconnectingSocket } from '../shared/reconnecting-socket.js';
import {
  clearStaffSession,
  loadStaffSession,
  wireLoginForm,
  type StaffSession,
} from '../shared/staff-session.js';
import { applyPageTexts, chooseUiLanguage, renderLanguageSwitch } from '../shared/ui-language.js';
import {
  AlertListSchema,
  AlertResultSchema,
  RoomFrameSchema,
  RoomListSchema,
  type RoomAlertView,
  type RoomSummary,
  type StreamEntry,
} from './rooms-api.js';
import { roomsTexts } from './rooms-texts.js';

const SESSION_KEY = 'livedesk.rooms.session';
const ROOM_ROLES: readonly StaffRole[] = ['moderator', 'supervisor', 'admin'];
const STREAM_LINES = 200;
const ROOM_POLL_MS = 5_000;

/** The moderator's room panel: watched rooms, a room's live comments with highlights, its open alerts. */
class RoomsPage {
  private session: StaffSession | undefined;
  private readonly language = chooseUiLanguage();
  private readonly texts = roomsTexts(this.language);
  private readonly api = createApiClient({
    token: () => this.session?.token,
    onUnauthorized: () => this.logOut(this.texts.sessionEnded),
  });
  private socket: ReconnectingSocket | undefined;
  private rooms: RoomSummary[] = [];
  private selected: { platformId: string; roomId: string } | undefined;
  private readonly alerts = new Map<string, RoomAlertView>();
  private pollTimer: number | undefined;
  /** The newest stream item shown: a second `watch` (a reconnect) sends what is on screen again. */
  private lastSeq = 0;

  start(): void {
    document.title = this.texts.pageTitle;
    applyPageTexts(this.texts);
    renderLanguageSwitch(byId('login-language', HTMLElement), this.language);
    renderLanguageSwitch(byId('topbar-language', HTMLElement), this.language);
    wireLoginForm({
      api: this.api,
      storageKey: SESSION_KEY,
      roles: ROOM_ROLES,
      onSession: (session) => this.enter(session),
      texts: { wrongPassword: this.texts.wrongPassword, wrongRole: () => this.texts.wrongRole },
    });
    byId('logout', HTMLButtonElement).addEventListener('click', () => this.logOut());
    const session = loadStaffSession(SESSION_KEY);
    if (session && ROOM_ROLES.includes(session.user.role)) this.enter(session);
    else show(byId('login-form', HTMLFormElement), true);
  }

  private enter(session: StaffSession): void {
    this.session = session;
    byId('user-name', HTMLElement).textContent = this.texts.userLine(
      session.user.name,
      this.texts.roles[session.user.role],
    );
    show(byId('login-form', HTMLFormElement), false);
    show(byId('rooms-app', HTMLElement), true);
    this.socket = new ReconnectingSocket({
      path: '/ws/rooms',
      onOpen: () => {
        this.socket?.send({ type: 'auth', token: this.session?.token ?? '' });
        if (this.selected) this.socket?.send({ type: 'watch', ...this.selected });
      },
      onMessage: (data) => this.receive(data),
      onStateChange: (state) => {
        const line = byId('connection-state', HTMLElement);
        line.dataset.state = state;
        line.textContent = this.texts.connection[state];
      },
      pingFrame: { type: 'ping' },
    });
    this.socket.connect();
    void this.loadRooms();
    this.pollTimer = window.setInterval(() => void this.loadRooms(), ROOM_POLL_MS);
  }

  private logOut(message?: string): void {
    this.session = undefined;
    clearStaffSession(SESSION_KEY);
    this.socket?.close();
    window.clearInterval(this.pollTimer);
    show(byId('rooms-app', HTMLElement), false);
    show(byId('login-form', HTMLFormElement), true);
    if (message) byId('login-error', HTMLElement).textContent = message;
  }

  private async loadRooms(): Promise<void> {
    try {
      this.rooms = (await this.api.request('GET', '/api/rooms', RoomListSchema)).rooms;
    } catch (error) {
      this.status(describeError(error), 'error');
      return;
    }
    if (!this.selected && this.rooms[0]) this.select(this.rooms[0]);
    this.renderRooms();
  }

  private renderRooms(): void {
    show(byId('no-rooms', HTMLElement), this.rooms.length === 0);
    replaceChildren(
      byId('room-list', HTMLUListElement),
      this.rooms.map((room) => {
        const current = this.selected?.platformId === room.platformId && this.selected.roomId === room.roomId;
        const button = h('button', { className: 'room-button', attributes: { type: 'button' } }, [
          h('span', { className: 'room-name', text: room.roomId }),
          h('span', { className: 'muted', text: room.platformId }),
          room.openAlerts > 0
            ? h('span', { className: 'alert-count', text: this.texts.openAlertsCount(room.openAlerts) })
            : null,
        ]);
        if (current) button.setAttribute('aria-current', 'true');
        button.dataset.room = room.roomId;
        button.addEventListener('click', () => this.select(room));
        return h('li', {}, [button]);
      }),
    );
  }

  private select(room: { platformId: string; roomId: string }): void {
    this.selected = { platformId: room.platformId, roomId: room.roomId };
    this.alerts.clear();
    this.lastSeq = 0;
    byId('room-title', HTMLElement).textContent = `${room.platformId} / ${room.roomId}`;
    replaceChildren(byId('stream', HTMLOListElement), []);
    this.renderAlerts();
    this.renderRooms();
    this.socket?.send({ type: 'watch', ...this.selected });
    const query = new URLSearchParams({ ...this.selected, status: 'open' });
    this.api
      .request('GET', `/api/room-alerts?${query.toString()}`, AlertListSchema)
      .then(({ alerts }) => {
        for (const alert of alerts) if (!this.alerts.has(alert.id)) this.alerts.set(alert.id, alert);
        this.renderAlerts();
      })
      .catch((error: unknown) => this.status(describeError(error), 'error'));
  }

  private receive(data: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const frame = RoomFrameSchema.safeParse(raw);
    if (!frame.success) return;
    const message = frame.data;
    if (message.type === 'stream') {
      if (message.platformId !== this.selected?.platformId || message.roomId !== this.selected.roomId) return;
      this.appendStream(message.entries, message.skipped);
    } else if (message.type === 'alert') {
      const { alert } = message;
      if (alert.platformId !== this.selected?.platformId || alert.roomId !== this.selected.roomId) return;
      this.alerts.set(alert.id, alert);
      this.renderAlerts();
    }
  }

  private appendStream(entries: readonly StreamEntry[], skipped: number): void {
    const list = byId('stream', HTMLOListElement);
    const nearEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
    if (skipped > 0) list.append(h('li', { className: 'skipped muted', text: this.texts.skipped(skipped) }));
    for (const entry of entries) {
      if (entry.seq <= this.lastSeq) continue;
      this.lastSeq = entry.seq;
      list.append(this.streamLine(entry));
    }
    while (list.childElementCount > STREAM_LINES) list.firstElementChild?.remove();
    if (nearEnd) list.scrollTop = list.scrollHeight;
  }

  private streamLine(entry: StreamEntry): HTMLElement {
    const { item } = entry;
    const text =
      item.kind === 'comment'
        ? (item.text ?? '')
        : item.kind === 'gift'
          ? `🎁 ${item.giftName ?? this.texts.gift} (${item.value ?? 0})`
          : `⛔ ${item.action ?? ''} ${item.targetUserId ?? ''}`;
    const line = h('li', { className: entry.kinds.length > 0 ? 'flagged' : '' }, [
      h('time', { className: 'muted', text: this.time(item.atMs) }),
      h('span', { className: 'who', text: item.userName ?? item.userId }),
      h('span', { className: 'said', text }),
      ...entry.kinds.map((kind) =>
        h('span', { className: `badge kind-${kind}`, text: this.texts.kinds[kind] }),
      ),
    ]);
    line.dataset.kinds = entry.kinds.join(' ');
    return line;
  }

  private renderAlerts(): void {
    const open = [...this.alerts.values()]
      .filter((alert) => alert.status === 'open' || alert.id === this.lastActed)
      .sort((first, second) => second.lastSeenMs - first.lastSeenMs);
    show(byId('no-alerts', HTMLElement), open.length === 0);
    replaceChildren(
      byId('alert-list', HTMLUListElement),
      open.map((alert) => this.alertCard(alert)),
    );
  }

  private lastActed: string | undefined;
  private readonly results = new Map<string, string>();

  private alertCard(alert: RoomAlertView): HTMLElement {
    const users = alert.userIds;
    const viewer = h(
      'select',
      { className: 'viewer-select', attributes: { 'aria-label': this.texts.viewer } },
      users.map((userId) => h('option', { text: this.nameOf(alert, userId), attributes: { value: userId } })),
    );
    if (alert.subjectUserId) viewer.value = alert.subjectUserId;
    const button = (label: string, action: () => Promise<string>, className = 'secondary') => {
      const element = h('button', { className, text: label, attributes: { type: 'button' } });
      element.addEventListener('click', () => {
        element.disabled = true;
        action()
          .then((result) => {
            this.lastActed = alert.id;
            this.results.set(alert.id, result);
            this.renderAlerts();
          })
          .catch((error: unknown) => this.status(describeError(error), 'error'))
          .finally(() => (element.disabled = false));
      });
      return element;
    };
    const acknowledged = alert.status === 'acknowledged';
    const card = h('li', { className: `alert-card severity-${alert.severity}` }, [
      h('div', { className: 'alert-head' }, [
        h('span', { className: `badge kind-${alert.kind}`, text: this.texts.kinds[alert.kind] }),
        h('span', { className: 'severity', text: this.texts.severities[alert.severity] }),
        acknowledged ? h('span', { className: 'acknowledged', text: this.texts.acknowledged }) : null,
        h('span', {
          className: 'muted',
          text: this.texts.evidenceCount(alert.evidence.length, alert.evidenceCount),
        }),
      ]),
      h('p', {
        className: 'muted when',
        text: this.texts.firstLast(this.time(alert.firstSeenMs), this.time(alert.lastSeenMs)),
      }),
      h(
        'ol',
        { className: 'evidence' },
        alert.evidence.map((evidence) =>
          h('li', {}, [
            h('time', { className: 'muted', text: this.time(evidence.atMs) }),
            h('span', { className: 'who', text: evidence.userName ?? evidence.userId }),
            h('span', { className: 'said', text: evidence.text }),
          ]),
        ),
      ),
      h('div', { className: 'alert-actions' }, [
        viewer,
        acknowledged
          ? null
          : button(this.texts.acknowledge, () => this.acknowledge(alert), 'primary acknowledge'),
        button(
          this.texts.suggestMute,
          () => this.suggest(alert, 'mute', viewer.value),
          'secondary suggest-mute',
        ),
        button(
          this.texts.suggestKick,
          () => this.suggest(alert, 'kick', viewer.value),
          'secondary suggest-kick',
        ),
        button(
          this.texts.openConversation,
          () => this.openConversation(alert, viewer.value),
          'secondary open-conversation',
        ),
        button(
          this.texts.createTicket,
          () => this.createTicket(alert, viewer.value),
          'secondary create-ticket',
        ),
      ]),
      this.results.has(alert.id)
        ? h('p', {
            className: 'action-result',
            text: this.results.get(alert.id)!,
            attributes: { role: 'status' },
          })
        : null,
    ]);
    card.dataset.alertId = alert.id;
    card.dataset.kind = alert.kind;
    return card;
  }

  private async acknowledge(alert: RoomAlertView): Promise<string> {
    const result = await this.api.request(
      'POST',
      `/api/room-alerts/${alert.id}/acknowledge`,
      AlertResultSchema,
    );
    this.alerts.set(alert.id, result.alert);
    return this.texts.acknowledged;
  }

  private async suggest(alert: RoomAlertView, action: 'mute' | 'kick', userId: string): Promise<string> {
    const result = await this.api.request('POST', `/api/room-alerts/${alert.id}/suggest`, AlertResultSchema, {
      body: { json: { action, userId, reason: this.texts.suggestReason(this.texts.kinds[alert.kind]) } },
    });
    this.alerts.set(alert.id, result.alert);
    return this.texts.suggested(action, this.nameOf(alert, userId));
  }

  private async openConversation(alert: RoomAlertView, userId: string): Promise<string> {
    const result = await this.api.request(
      'POST',
      `/api/room-alerts/${alert.id}/conversation`,
      AlertResultSchema,
      {
        body: { json: { userId } },
      },
    );
    this.alerts.set(alert.id, result.alert);
    return this.texts.conversationOpened(result.conversationId ?? '');
  }

  private async createTicket(alert: RoomAlertView, userId: string): Promise<string> {
    const result = await this.api.request('POST', `/api/room-alerts/${alert.id}/ticket`, AlertResultSchema, {
      body: { json: { userId } },
    });
    this.alerts.set(alert.id, result.alert);
    return this.texts.ticketCreated(result.ticketId ?? '');
  }

  private nameOf(alert: RoomAlertView, userId: string): string {
    const named = alert.evidence.find((evidence) => evidence.userId === userId && evidence.userName);
    return named?.userName ? `${named.userName} (${userId})` : userId;
  }

  private time(atMs: number): string {
    return new Date(atMs).toLocaleTimeString(this.texts.dateLocale, { hour12: false });
  }

  private status(message: string, kind: 'info' | 'error' = 'info'): void {
    const line = byId('status-line', HTMLElement);
    line.textContent = message;
    line.dataset.kind = kind;
  }
}

new RoomsPage().start();
