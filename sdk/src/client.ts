import type { ConnectionState, LivedeskEvent } from './client-events.js';
import { fromChannelError, LivedeskError } from './errors.js';
import { EventStream } from './event-stream.js';
import {
  parseServerFrame,
  type ClientFrame,
  type ConversationState,
  type ServerFrame,
  type ViewerEvent,
} from './protocol.js';
import { openSession, type ViewerSession } from './session.js';
import {
  globalWebSocket,
  OPEN,
  viewerChannelUrl,
  type WebSocketConstructor,
  type WebSocketLike,
} from './socket.js';

/** The longest message the server takes. */
export const MAX_MESSAGE_CHARS = 1000;
const MAX_CLIENT_MESSAGE_ID_CHARS = 64;
/**
 * An agent's "typing" lapses after this long without a repeat: their console sends one every few seconds
 * while they type, so a console that vanished mid-sentence does not leave the viewer waiting.
 */
export const AGENT_TYPING_TIMEOUT_MS = 6000;
/** A minute of slack so a kept token never expires between reading it and joining with it. */
const EXPIRY_MARGIN_MS = 60_000;

export interface ReconnectOptions {
  /** The first wait after a drop; doubled each time, with jitter. Default 300 ms. */
  initialDelayMs?: number;
  /** The longest wait between tries. Default 10 s. */
  maxDelayMs?: number;
}

export interface ConnectOptions {
  /** Where Livedesk runs: `https://support.example.com`. */
  baseUrl: string;
  roomId: string;
  /** The platform-signed identity (a JWT from the platform's backend); absent: an anonymous viewer. */
  identity?: string | undefined;
  /** `zh-CN`, `en`…: the language answers are given in. */
  locale?: string | undefined;
  /** A name the viewer chose (a verified identity's name wins). */
  displayName?: string | undefined;
  /** Node 20 has none: pass `ws`'s `WebSocket`. Default: the global one. */
  WebSocket?: WebSocketConstructor | undefined;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** A session kept from before (`client.session`): the same viewer rejoins the same conversation. */
  session?: ViewerSession | undefined;
  reconnect?: ReconnectOptions | undefined;
  /** Keeps proxies from closing an idle socket. Default 25 s. */
  pingIntervalMs?: number | undefined;
  /** Aborting closes the client (and rejects `connect` if it is still joining). */
  signal?: AbortSignal | undefined;
}

export interface SendOptions {
  /**
   * Makes the message idempotent: the same id is stored once however often it is sent (after a drop the
   * SDK resends it until acknowledged). Default: a fresh id. At most 64 characters.
   */
  clientMessageId?: string | undefined;
}

export interface SentMessage {
  clientMessageId: string;
  /** The stored viewer message's place in the conversation's log. */
  sequence: number | undefined;
}

export interface LivedeskClient {
  /** Everything that happens, in order, from the start of the conversation (buffered until read). */
  events(): AsyncIterable<LivedeskEvent>;
  /** Sends a viewer message; resolves once it is stored, rejects with a LivedeskError when refused. */
  send(text: string, options?: SendOptions): Promise<SentMessage>;
  /** Answers a satisfaction request (1–5). */
  rate(score: 1 | 2 | 3 | 4 | 5, comment?: string): Promise<SentMessage>;
  /**
   * Sends a filled dispute form (a `dispute-form` event's `formId`); resolves once it is filed (its
   * `dispute-update` follows), rejects with the server's reason. Resent after a reconnect, filed once.
   */
  submitDispute(formId: string, values: Readonly<Record<string, string>>): Promise<SentMessage>;
  /** Stops reconnecting, closes the socket, ends `events()`; unacknowledged sends reject with `closed`. */
  close(): void;
  readonly state: ConnectionState;
  readonly conversationId: string | undefined;
  readonly conversationState: ConversationState | undefined;
  /** The last stored event seen; a reconnect asks for what came after it. */
  readonly lastSequence: number;
  /** The token and conversation: keep them (say, in localStorage) to resume after a reload. */
  readonly session: ViewerSession;
  /** Why the `identity` was refused (the viewer is then anonymous); undefined when it was accepted or absent. */
  readonly identityError: LivedeskError | undefined;
}

/** A frame the client stores until acknowledged, before its `clientMessageId` is chosen. */
type UnsentFrame =
  | Extract<ClientFrame, { type: 'message' | 'rate' }>
  | Omit<Extract<ClientFrame, { type: 'dispute-submit' }>, 'clientMessageId'>;

interface Pending {
  frame: Extract<ClientFrame, { type: 'message' | 'rate' | 'dispute-submit' }>;
  resolve: (sent: SentMessage) => void;
  reject: (error: LivedeskError) => void;
}

/**
 * Joins a room's viewer channel and resolves once in a conversation. Rejects with a LivedeskError when
 * the first join fails (unreachable, refused, rate limited); after that the client reconnects by itself.
 */
export async function connect(options: ConnectOptions): Promise<LivedeskClient> {
  const WebSocketClass = options.WebSocket ?? globalWebSocket();
  if (!WebSocketClass)
    throw new LivedeskError(
      'invalid_request',
      "no WebSocket here: pass ws's WebSocket as the WebSocket option",
    );
  const fetchFunction = options.fetch ?? globalThis.fetch.bind(globalThis);
  let baseUrl: string;
  try {
    baseUrl = new URL(options.baseUrl).toString();
  } catch (error) {
    throw new LivedeskError('invalid_request', `baseUrl is not a URL: ${options.baseUrl}`, { cause: error });
  }
  if (options.roomId.trim() === '') throw new LivedeskError('invalid_request', 'roomId is required');
  options.signal?.throwIfAborted();
  const client = new ViewerClient({ ...options, baseUrl }, WebSocketClass, fetchFunction);
  await client.start();
  return client;
}

class ViewerClient implements LivedeskClient {
  private readonly options: ConnectOptions;
  private readonly WebSocketClass: WebSocketConstructor;
  private readonly fetch: typeof fetch;
  private readonly stream = new EventStream<LivedeskEvent>();
  private readonly outbox = new Map<string, Pending>();
  /** Text streamed so far, per turn. */
  private readonly answers = new Map<string, string>();
  private currentSession: ViewerSession | undefined;
  private socket: WebSocketLike | undefined;
  private inConversation = false;
  private connectionState: ConnectionState = 'connecting';
  private stateOfConversation: ConversationState | undefined;
  private sequence = 0;
  private attempts = 0;
  private tokenRenewals = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private resendTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTyping = false;
  private counter = 0;
  private firstJoin: { resolve: () => void; reject: (error: LivedeskError) => void } | undefined;
  private refusedIdentity: LivedeskError | undefined;

  constructor(options: ConnectOptions, WebSocketClass: WebSocketConstructor, fetchFunction: typeof fetch) {
    this.options = options;
    this.WebSocketClass = WebSocketClass;
    this.fetch = fetchFunction;
    const kept = options.session;
    if (kept && kept.roomId === options.roomId && Date.parse(kept.expiresAt) - EXPIRY_MARGIN_MS > Date.now())
      this.currentSession = { ...kept };
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  get state(): ConnectionState {
    return this.connectionState;
  }
  get conversationId(): string | undefined {
    return this.currentSession?.conversationId;
  }
  get conversationState(): ConversationState | undefined {
    return this.stateOfConversation;
  }
  get lastSequence(): number {
    return this.sequence;
  }
  get session(): ViewerSession {
    if (!this.currentSession) throw new LivedeskError('closed', 'the client never joined');
    return { ...this.currentSession };
  }
  get identityError(): LivedeskError | undefined {
    return this.refusedIdentity;
  }

  async start(): Promise<void> {
    const joined = new Promise<void>((resolve, reject) => (this.firstJoin = { resolve, reject }));
    try {
      if (!this.currentSession) await this.renewSession();
    } catch (error) {
      this.firstJoin = undefined;
      this.close();
      throw error;
    }
    this.openSocket();
    try {
      await joined;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  events(): AsyncIterable<LivedeskEvent> {
    return this.stream;
  }

  send(text: string, options: SendOptions = {}): Promise<SentMessage> {
    const trimmed = text.trim();
    if (trimmed === '') return Promise.reject(new LivedeskError('invalid_request', 'text must not be empty'));
    if (trimmed.length > MAX_MESSAGE_CHARS)
      return Promise.reject(
        new LivedeskError('invalid_request', `text is limited to ${MAX_MESSAGE_CHARS} characters`),
      );
    return this.enqueue({ type: 'message', text: trimmed }, options.clientMessageId);
  }

  rate(score: 1 | 2 | 3 | 4 | 5, comment?: string): Promise<SentMessage> {
    return this.enqueue({ type: 'rate', score, ...(comment ? { comment } : {}) }, undefined);
  }

  submitDispute(formId: string, values: Readonly<Record<string, string>>): Promise<SentMessage> {
    return this.enqueue({ type: 'dispute-submit', formId, values: { ...values } }, undefined);
  }

  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.resendTimer);
    clearInterval(this.pingTimer);
    clearTimeout(this.agentTypingTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) socket.close(1000, 'client closed');
    const closed = new LivedeskError('closed', 'the client was closed');
    for (const pending of this.outbox.values()) pending.reject(closed);
    this.outbox.clear();
    this.firstJoin?.reject(closed);
    this.firstJoin = undefined;
    this.setConnectionState('closed');
    this.stream.end();
  }

  private enqueue(frame: UnsentFrame, requestedId: string | undefined): Promise<SentMessage> {
    if (this.stopped) return Promise.reject(new LivedeskError('closed', 'the client was closed'));
    const clientMessageId = requestedId?.trim() || this.newClientMessageId();
    if (clientMessageId.length > MAX_CLIENT_MESSAGE_ID_CHARS)
      return Promise.reject(
        new LivedeskError(
          'invalid_request',
          `clientMessageId is limited to ${MAX_CLIENT_MESSAGE_ID_CHARS} characters`,
        ),
      );
    const known = this.outbox.get(clientMessageId);
    if (known) {
      // The same id again before its ack: one message, answered once, for both callers.
      return new Promise((resolve, reject) => {
        const first = { resolve: known.resolve, reject: known.reject };
        known.resolve = (sent) => (first.resolve(sent), resolve(sent));
        known.reject = (error) => (first.reject(error), reject(error));
      });
    }
    const sent = new Promise<SentMessage>((resolve, reject) => {
      this.outbox.set(clientMessageId, { frame: { ...frame, clientMessageId }, resolve, reject });
    });
    // Handled here so an ignored send never becomes an unhandled rejection; callers who await still see it.
    sent.catch(() => undefined);
    if (this.inConversation) this.transmit({ ...frame, clientMessageId });
    return sent;
  }

  private newClientMessageId(): string {
    this.counter += 1;
    const random = Math.floor(Math.random() * 2 ** 32).toString(36);
    return `sdk-${Date.now().toString(36)}-${random}-${this.counter}`;
  }

  private async renewSession(): Promise<void> {
    const opened = await openSession({
      baseUrl: this.options.baseUrl,
      roomId: this.options.roomId,
      identity: this.options.identity,
      locale: this.options.locale,
      displayName: this.options.displayName,
      fetch: this.fetch,
      signal: this.options.signal,
    });
    this.currentSession = opened.session;
    this.refusedIdentity = opened.identityError;
    // A new viewer cannot resume the old one's conversation.
    this.sequence = 0;
    if (opened.identityError) this.stream.push({ type: 'error', error: opened.identityError });
  }

  private openSocket(): void {
    if (this.stopped) return;
    this.setConnectionState(this.attempts === 0 && this.firstJoin ? 'connecting' : 'reconnecting');
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketClass(viewerChannelUrl(this.options.baseUrl));
    } catch (error) {
      this.fail(new LivedeskError('unavailable', 'the viewer channel could not be opened', { cause: error }));
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket === socket) this.join();
    });
    socket.addEventListener('message', (message: { data: unknown }) => {
      if (this.socket !== socket || typeof message.data !== 'string') return;
      const frame = parseServerFrame(message.data);
      if (frame) this.handle(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.dropped();
    });
    // A refused or broken connection ends in `close`, handled above; `ws` throws an error nobody listens to.
    socket.addEventListener('error', () => undefined);
  }

  private join(): void {
    const session = this.currentSession;
    if (!session) return;
    const conversationId = session.conversationId;
    this.transmit({
      type: 'join',
      token: session.token,
      ...(this.options.locale ? { locale: this.options.locale } : {}),
      ...(this.options.displayName ? { displayName: this.options.displayName } : {}),
      ...(conversationId ? { conversationId, lastSequence: this.sequence } : {}),
    });
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'joined':
        this.joined(frame.conversationId, frame.state);
        return;
      case 'event':
        if (frame.sequence !== undefined) {
          // Already seen (sent live and replayed again): each stored event reaches the app once.
          if (frame.sequence <= this.sequence) return;
          this.sequence = frame.sequence;
        }
        this.event(frame.sequence, frame.event);
        return;
      case 'ack': {
        const pending = this.outbox.get(frame.clientMessageId);
        this.outbox.delete(frame.clientMessageId);
        const sent = { clientMessageId: frame.clientMessageId, sequence: frame.sequence };
        pending?.resolve(sent);
        this.stream.push({ type: 'ack', ...sent });
        return;
      }
      case 'error':
        this.refused(frame.code, frame.message, frame.clientMessageId);
        return;
      case 'pong':
        return;
    }
  }

  private joined(conversationId: string, state: ConversationState): void {
    const session = this.currentSession;
    if (!session) return;
    const resumed = session.conversationId === conversationId;
    if (!resumed) this.sequence = 0;
    session.conversationId = conversationId;
    this.inConversation = true;
    this.attempts = 0;
    this.tokenRenewals = 0;
    this.stateOfConversation = state;
    this.setConnectionState('open');
    this.stream.push({ type: 'joined', conversationId, state, resumed });
    this.firstJoin?.resolve();
    this.firstJoin = undefined;
    this.keepAlive();
    // Unacknowledged messages go again, in order; the server stores each id once.
    for (const pending of this.outbox.values()) this.transmit(pending.frame);
  }

  private event(sequence: number | undefined, event: ViewerEvent): void {
    this.stream.push({ type: 'event', sequence, event });
    switch (event.type) {
      case 'turn-start':
        this.stream.push({ type: 'typing', who: 'assistant', turnId: event.turnId, active: true });
        return;
      case 'text-delta': {
        const text = (this.answers.get(event.turnId) ?? '') + event.text;
        this.answers.set(event.turnId, text);
        this.stream.push({ type: 'answer', turnId: event.turnId, text, final: false });
        return;
      }
      case 'turn-end': {
        const streamed = this.answers.get(event.turnId);
        this.answers.delete(event.turnId);
        const text = event.delivered || streamed || '';
        if (text !== '')
          this.stream.push({ type: 'answer', turnId: event.turnId, text, final: true, reason: event.reason });
        this.stream.push({ type: 'typing', who: 'assistant', turnId: event.turnId, active: false });
        return;
      }
      case 'state-change':
        this.stateOfConversation = event.to;
        if (event.to !== 'human') this.setAgentTyping(false);
        return;
      case 'agent-typing':
        this.setAgentTyping(event.active);
        return;
      case 'agent-message':
        this.setAgentTyping(false);
        return;
      default:
        return;
    }
  }

  /** Yields `typing` for the agent on a change only; a repeated `active` keeps it alive. */
  private setAgentTyping(active: boolean): void {
    clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = active
      ? setTimeout(() => this.setAgentTyping(false), AGENT_TYPING_TIMEOUT_MS)
      : undefined;
    if (active === this.agentTyping) return;
    this.agentTyping = active;
    this.stream.push({ type: 'typing', who: 'agent', active });
  }

  private refused(code: string, message: string, clientMessageId: string | undefined): void {
    const pending = clientMessageId === undefined ? undefined : this.outbox.get(clientMessageId);
    if (pending && clientMessageId !== undefined) {
      if (code === 'unavailable' || code === 'internal') {
        // Nothing was stored: the same id goes again shortly.
        this.resendLater();
        return;
      }
      this.outbox.delete(clientMessageId);
      const error = fromChannelError(code, message);
      pending.reject(error);
      this.stream.push({ type: 'error', error, clientMessageId });
      return;
    }
    if (!this.inConversation) {
      this.joinRefused(code, message);
      return;
    }
    this.stream.push({ type: 'error', error: fromChannelError(code, message) });
  }

  private joinRefused(code: string, message: string): void {
    const session = this.currentSession;
    if (code === 'forbidden' && session?.conversationId) {
      // Not this viewer's conversation (or gone): a new one.
      session.conversationId = undefined;
      this.sequence = 0;
      this.join();
      return;
    }
    if (code === 'unauthenticated' && this.tokenRenewals < 2) {
      this.tokenRenewals += 1;
      if (session) session.conversationId = undefined;
      this.renewSession().then(
        () => this.join(),
        (error: unknown) =>
          this.fail(error instanceof LivedeskError ? error : fromChannelError(code, message)),
      );
      return;
    }
    this.fail(fromChannelError(code, message));
  }

  /** A failure before the first join rejects `connect`; later ones are reported, and retried when they may pass. */
  private fail(error: LivedeskError): void {
    if (this.firstJoin) {
      const first = this.firstJoin;
      this.firstJoin = undefined;
      first.reject(error);
      return;
    }
    this.stream.push({ type: 'error', error });
    if (error.retryable) this.socket?.close(4000, 'retrying');
    else this.close();
  }

  private dropped(): void {
    this.socket = undefined;
    this.inConversation = false;
    clearInterval(this.pingTimer);
    if (this.stopped) return;
    if (this.firstJoin) {
      this.fail(
        new LivedeskError(
          'unavailable',
          `the viewer channel at ${this.options.baseUrl} closed before joining`,
        ),
      );
      return;
    }
    this.attempts += 1;
    this.setConnectionState('reconnecting');
    const initial = this.options.reconnect?.initialDelayMs ?? 300;
    const ceiling = Math.min(
      this.options.reconnect?.maxDelayMs ?? 10_000,
      initial * 2 ** (this.attempts - 1),
    );
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.reopen(), delay);
  }

  private reopen(): void {
    const session = this.currentSession;
    // An expired token would only be refused: a new one first (the conversation cannot follow).
    if (session && Date.parse(session.expiresAt) - EXPIRY_MARGIN_MS <= Date.now()) {
      this.renewSession().then(
        () => this.openSocket(),
        () => this.dropped(),
      );
      return;
    }
    this.openSocket();
  }

  private resendLater(): void {
    if (this.resendTimer !== undefined) return;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = undefined;
      if (!this.inConversation) return;
      for (const pending of this.outbox.values()) this.transmit(pending.frame);
    }, 1000);
  }

  private keepAlive(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(
      () => this.transmit({ type: 'ping' }),
      this.options.pingIntervalMs ?? 25_000,
    );
  }

  private transmit(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  private setConnectionState(state: ConnectionState): void {
    if (this.connectionState === state) return;
    this.connectionState = state;
    this.stream.push({ type: 'connection', state });
  }
}
