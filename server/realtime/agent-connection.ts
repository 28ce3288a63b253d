import WebSocket, { type RawData } from 'ws';
import { isRecorded } from '../../engine/conversation/conversation-hub.js';
import type { AgentUpdate } from '../../engine/desk/agent.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { AccountChange } from '../auth/account-changes.js';
import type { Auth } from '../auth/auth.js';
import { roleAllows, type Principal, type StaffRole } from '../auth/principal.js';
import type { AgentSession } from '../desk/agent-sessions.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import { mayAct, type DeskAction, type DeskActor } from '../desk/desk-permissions.js';
import type { DeskService, RoutingProfile } from '../desk/desk-service.js';
import { maskEventForStaff, maskPacketForStaff } from '../privacy/mask-for-staff.js';
import { parseAgentFrame } from './agent-frame-parser.js';
import type { AgentErrorCode, AgentFrame, AgentServerFrame } from './agent-frames.js';
import type { SequencedEvent } from './conversation-channel.js';
import { followConversation } from './follow-conversation.js';
import { takeFrame } from './frame-intake.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import { TypingThrottle } from './typing-throttle.js';
import type { MediaLinker } from '../media/media-links.js';

/** The fastest a console's "still typing" reaches the viewer, per conversation. */
const TYPING_REPEAT_MS = 1000;

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

export interface AgentConnectionLimits {
  /** All frames on one socket. */
  frameRate: RateLimit;
  /** Invalid or refused frames one socket may send (refilling slowly) before it is closed. */
  invalidFrames: RateLimit;
  maxBufferedBytes: number;
  nowMs: () => number;
}

export interface AgentConnectionOptions {
  socket: WebSocket;
  desk: DeskService;
  directory: ConversationDirectory;
  /** `verify` checks the `auth` frame's token; `current` the account on every frame after it. */
  auth: Pick<Auth, 'verify' | 'current'>;
  /** The staff member's routing profile; undefined for staff who take no conversations. */
  routingProfile: (principal: StaffPrincipal) => RoutingProfile | undefined;
  longWaitMs: number;
  limits: AgentConnectionLimits;
  /** Called once the socket has authenticated (its admission deadline stops). */
  onAuthenticated?: (() => void) | undefined;
  /** Signed links for media messages (server/media/), added as each is sent; without, none. */
  mediaLinks?: MediaLinker | undefined;
}

interface Watch {
  unsubscribe: () => void;
  /** Asked for with a `watch` frame (kept for a supervisor when the desk moves the conversation on). */
  explicit: boolean;
}

type CommandFrame = Extract<
  AgentFrame,
  { type: 'accept' | 'decline' | 'reply' | 'transfer' | 'escalate' | 'hand-back' | 'close' | 'requeue' }
>;

const ERROR_CODES: Partial<Record<LivedeskError['code'], AgentErrorCode>> = {
  not_found: 'not_found',
  conflict: 'conflict',
  invalid_input: 'invalid_frame',
};

/**
 * One agent console socket: authenticates with the first frame, then checks every frame against the
 * staff member's role and what the desk says they hold, and relays the conversations they watch.
 */
export class AgentConnection {
  private readonly socket: WebSocket;
  private readonly options: AgentConnectionOptions;
  private readonly frames: RateLimiter;
  private readonly strikes: RateLimiter;
  private readonly watches = new Map<string, Watch>();
  private readonly typing: TypingThrottle;
  private session: (AgentSession & DeskActor) | undefined;
  /** The account's token version this socket signed in under, moved on only by a role change it follows. */
  private tokenVersion = 0;
  /** The token's expiry: a socket lives no longer than the token it signed in with. */
  private expiresAtMs = Infinity;
  private expiryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Frames are handled one at a time, in the order they came. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: AgentConnectionOptions) {
    this.options = options;
    this.socket = options.socket;
    this.frames = new RateLimiter(options.limits.frameRate, options.limits.nowMs);
    this.strikes = new RateLimiter(options.limits.invalidFrames, options.limits.nowMs);
    this.typing = new TypingThrottle({ minIntervalMs: TYPING_REPEAT_MS, nowMs: options.limits.nowMs });
    this.socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    this.socket.on('close', () => this.dispose());
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.queue = this.queue
      .then(() => this.handle(data, isBinary))
      .catch((error: unknown) => {
        console.error('agent frame failed', { userId: this.session?.userId, error });
        this.sendError('internal', 'the frame could not be handled');
      });
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    const intake = takeFrame(data, isBinary, { frames: this.frames, parse: parseAgentFrame });
    if (!intake.ok) {
      this.reject(intake.code, intake.message);
      return;
    }
    await this.dispatch(intake.frame);
  }

  private async dispatch(frame: AgentFrame): Promise<void> {
    // Every frame of a signed-in socket, pings included, first meets the account as it is now.
    if (this.session && !this.followAccount(this.session)) return;
    if (frame.type === 'ping') {
      this.send({ type: 'pong' });
      return;
    }
    if (frame.type === 'auth') {
      await this.authenticate(frame.token);
      return;
    }
    const session = this.session;
    if (!session) {
      this.reject('unauthenticated', 'send an auth frame with a staff token first');
      return;
    }
    switch (frame.type) {
      case 'presence':
      case 'profile':
        this.updateSelf(session, frame);
        return;
      case 'watch':
        await this.watch(session, frame.conversationId, frame.lastSequence ?? 0);
        return;
      case 'unwatch':
        this.stopWatching(frame.conversationId);
        return;
      case 'typing':
        this.relayTyping(session, frame.conversationId, frame.active);
        return;
      default:
        await this.command(session, frame);
        return;
    }
  }

  private async authenticate(token: string): Promise<void> {
    if (this.session) {
      this.reject('conflict', 'this socket is already signed in');
      return;
    }
    const principal = await this.options.auth.verify(token);
    if (this.closed) return;
    if (principal?.kind !== 'staff' || principal.tokenVersion === undefined) {
      this.refuse('unauthenticated', 'a valid staff token is required (POST /api/auth/login)');
      return;
    }
    if (!roleAllows(principal.role, ['agent'])) {
      this.refuse('forbidden', 'the agent console is for agents, supervisors and admins');
      return;
    }
    this.tokenVersion = principal.tokenVersion;
    this.expiresAtMs = Date.now() + (principal.expiresInMs ?? Infinity);
    if (Number.isFinite(this.expiresAtMs)) {
      // setTimeout takes at most 2^31-1 ms; a longer token is still checked on every frame.
      const delay = Math.min(Math.max(0, this.expiresAtMs - Date.now()), 2 ** 31 - 1);
      this.expiryTimer = setTimeout(() => this.expire(), delay);
      this.expiryTimer.unref();
    }
    const session: AgentSession & DeskActor = {
      userId: principal.userId,
      role: principal.role,
      send: (frame) => this.send(frame),
      follow: (conversationId) => this.follow(conversationId),
      unfollow: (conversationId) => this.unfollow(conversationId),
    };
    this.session = session;
    this.options.onAuthenticated?.();
    const agent = this.options.desk.agentConnected(session, this.options.routingProfile(principal));
    this.send({
      type: 'authenticated',
      user: { id: principal.userId, name: principal.name, role: principal.role },
      agent,
      longWaitMs: this.options.longWaitMs,
    });
    this.send({ type: 'queue', snapshot: this.options.desk.snapshot() });
    // A reloaded console gets back what it holds.
    for (const conversation of this.options.desk.heldBy(principal.userId)) {
      if (conversation.status !== 'offered' && conversation.status !== 'active') continue;
      this.follow(conversation.conversationId);
      this.send({
        type: 'assignment',
        conversationId: conversation.conversationId,
        status: conversation.status,
        conversation,
      });
    }
  }

  /**
   * Checks the account as it is now, before every frame: a revoked session is closed (4001), a role that
   * may not use the console closes it (4003), a lower role applies at once. False when the frame must stop.
   */
  private followAccount(session: AgentSession & DeskActor): boolean {
    if (Date.now() >= this.expiresAtMs) {
      this.expire();
      return false;
    }
    const principal = this.options.auth.current({ userId: session.userId, tokenVersion: this.tokenVersion });
    if (!principal) {
      this.end(4001, 'session revoked', 'this session has ended; sign in again');
      return false;
    }
    if (!roleAllows(principal.role, ['agent'])) {
      this.end(4003, 'role changed', 'your role no longer includes the agent console');
      return false;
    }
    if (principal.role !== session.role) this.applyRole(session, principal.role);
    return true;
  }

  /** An admin changed this account: revocations close the socket now, a new role applies now. */
  accountChanged(change: AccountChange): void {
    const session = this.session;
    if (!session || session.userId !== change.userId || this.closed) return;
    if (change.kind === 'revoked') {
      const why = {
        password: 'the password changed',
        disabled: 'the account was disabled',
        deleted: 'the account was removed',
      };
      this.end(4001, `session revoked: ${change.reason}`, `this session has ended: ${why[change.reason]}`);
      return;
    }
    // The change bumped the token version; this socket was signed in under the one before, so it follows.
    this.tokenVersion = change.tokenVersion;
    this.followAccount(session);
  }

  /** Drops the explicit watches the new role does not allow, telling the console which. */
  private applyRole(session: AgentSession & DeskActor, role: StaffRole): void {
    (session as { role: StaffRole }).role = role;
    for (const [conversationId, watch] of [...this.watches]) {
      if (!watch.explicit || mayAct(session, 'watch', this.options.desk.conversation(conversationId)))
        continue;
      this.stopWatching(conversationId);
      this.sendError('forbidden', `your role is now ${role}: you may no longer watch ${conversationId}`);
    }
  }

  private expire(): void {
    if (this.closed) return;
    if (Date.now() < this.expiresAtMs) {
      this.expiryTimer = setTimeout(
        () => this.expire(),
        Math.min(this.expiresAtMs - Date.now(), 2 ** 31 - 1),
      );
      this.expiryTimer.unref();
      return;
    }
    this.end(4001, 'session expired', 'this session has expired; sign in again');
  }

  /** Ends the socket for an account reason, with an error frame the console can show first. */
  private end(code: number, reason: string, message: string): void {
    this.sendError(code === 4001 ? 'unauthenticated' : 'forbidden', message);
    this.closed = true;
    this.socket.close(code, reason);
  }

  private updateSelf(session: DeskActor, frame: Extract<AgentFrame, { type: 'presence' | 'profile' }>): void {
    if (!this.options.desk.agent(session.userId)) {
      this.reject('forbidden', 'only staff who take conversations have a presence and a routing profile');
      return;
    }
    const update: AgentUpdate =
      frame.type === 'presence'
        ? { presence: frame.presence }
        : {
            ...(frame.capacity === undefined ? {} : { capacity: frame.capacity }),
            ...(frame.skills === undefined ? {} : { skills: frame.skills }),
            ...(frame.teams === undefined ? {} : { teams: frame.teams }),
          };
    this.options.desk.updateAgent(session.userId, update);
  }

  /** Only the agent who holds the conversation (the one who may reply) may say they are typing in it. */
  private relayTyping(session: DeskActor, conversationId: string, active: boolean): void {
    if (!mayAct(session, 'reply', this.options.desk.conversation(conversationId))) {
      // A stop that raced the conversation leaving the agent has nothing left to stop.
      if (active) this.reject('forbidden', 'you may signal typing only in a conversation you hold');
      else this.typing.pass(conversationId, false);
      return;
    }
    if (this.typing.pass(conversationId, active))
      this.options.desk.typing(session.userId, conversationId, active);
  }

  private async command(session: DeskActor, frame: CommandFrame): Promise<void> {
    const { conversationId, clientMessageId } = frame;
    const desk = this.options.desk;
    // A reply ends the typing for the viewer (the SDK stops it on the message): the next key starts afresh.
    if (frame.type === 'reply') this.typing.pass(conversationId, false);
    // Before the holding check: a reply the agent sent just before the conversation left them is still theirs.
    if (
      frame.type === 'reply' &&
      clientMessageId !== undefined &&
      this.acknowledgeResentReply(session, frame)
    )
      return;
    if (!mayAct(session, frame.type satisfies DeskAction, desk.conversation(conversationId))) {
      this.reject('forbidden', `you may not ${frame.type} this conversation`, clientMessageId);
      return;
    }
    let committed: SequencedEvent[];
    try {
      committed = await this.run(session.userId, frame);
    } catch (error) {
      if (!(error instanceof LivedeskError)) throw error;
      this.sendError(ERROR_CODES[error.code] ?? 'internal', error.message, clientMessageId);
      return;
    }
    if (clientMessageId === undefined) return;
    if (committed.some((item) => item.sequence === undefined && isRecorded(item.event))) {
      this.sendError('internal', 'the change could not be stored; try again', clientMessageId);
      return;
    }
    const main = committed.find((item) => item.event.type === 'agent-message') ?? committed.at(-1);
    this.send(
      main?.sequence === undefined
        ? { type: 'ack', clientMessageId }
        : { type: 'ack', clientMessageId, sequence: main.sequence },
    );
  }

  /**
   * A reply this agent's conversation already stored (the console missed the ack and sent it again, on this
   * socket or a new one): the original ack, the same sequence, nothing stored twice.
   */
  private acknowledgeResentReply(
    session: DeskActor,
    frame: Extract<CommandFrame, { type: 'reply' }>,
  ): boolean {
    const { conversationId, clientMessageId } = frame;
    if (clientMessageId === undefined) return false;
    const stored = this.options.desk.storedReply(session.userId, conversationId, clientMessageId);
    if (!stored) return false;
    void stored.then((sequence) =>
      sequence === undefined
        ? this.sendError('internal', 'the reply could not be stored; send it again', clientMessageId)
        : this.send({ type: 'ack', clientMessageId, sequence }),
    );
    return true;
  }

  private run(actorId: string, frame: CommandFrame): Promise<SequencedEvent[]> {
    const desk = this.options.desk;
    const { conversationId } = frame;
    switch (frame.type) {
      case 'accept':
        return desk.accept(actorId, conversationId);
      case 'decline':
        return desk.decline(actorId, conversationId);
      case 'reply':
        return desk.reply(actorId, conversationId, {
          text: frame.text,
          entryIds: frame.entryIds,
          clientMessageId: frame.clientMessageId,
        });
      case 'transfer':
        return desk.transfer(actorId, conversationId, { to: frame.to, note: frame.note });
      case 'escalate':
        return desk.escalate(actorId, conversationId, frame.note);
      case 'hand-back':
        return desk.handBack(actorId, conversationId);
      case 'close':
        return desk.close(actorId, conversationId);
      case 'requeue':
        return desk.requeue(actorId, conversationId);
    }
  }

  /** An explicit watch: what the log has after `lastSequence`, then live events. */
  private async watch(session: DeskActor, conversationId: string, lastSequence: number): Promise<void> {
    if (!mayAct(session, 'watch', this.options.desk.conversation(conversationId))) {
      this.reject('forbidden', 'you may watch only the conversations you hold');
      return;
    }
    const channel = await this.options.directory.load(conversationId);
    if (!channel) {
      this.sendError('not_found', `no conversation ${conversationId}`);
      return;
    }
    // The account may have changed (a demotion, a revocation) while the log was loading.
    if (this.closed || !mayAct(session, 'watch', this.options.desk.conversation(conversationId))) {
      if (!this.closed) this.reject('forbidden', 'you may watch only the conversations you hold');
      return;
    }
    this.stopWatching(conversationId);
    const watch: Watch = { unsubscribe: () => undefined, explicit: true };
    this.watches.set(conversationId, watch);
    const unsubscribe = await followConversation({
      channel,
      replayAfter: lastSequence,
      read: (id, after) => this.options.directory.read(id, after),
      send: (item) => this.sendEvent(conversationId, item),
    });
    if (this.watches.get(conversationId) === watch && !this.closed) watch.unsubscribe = unsubscribe;
    else unsubscribe();
  }

  /** The desk gave this agent the conversation: relay its live events. */
  private follow(conversationId: string): void {
    if (this.watches.has(conversationId) || this.closed) return;
    const channel = this.options.directory.get(conversationId);
    if (!channel) return;
    this.watches.set(conversationId, {
      unsubscribe: channel.subscribe((item) => this.sendEvent(conversationId, item)),
      explicit: false,
    });
  }

  /** The desk took the conversation away; a supervisor's own watch stays. */
  private unfollow(conversationId: string): void {
    const watch = this.watches.get(conversationId);
    const session = this.session;
    if (!watch || !session) return;
    if (watch.explicit && roleAllows(session.role, ['supervisor'])) return;
    this.stopWatching(conversationId);
  }

  private stopWatching(conversationId: string): void {
    this.watches.get(conversationId)?.unsubscribe();
    this.watches.delete(conversationId);
  }

  /** Staff see what the viewer wrote with personal data masked (server/privacy/mask-for-staff.ts). */
  private sendEvent(conversationId: string, item: SequencedEvent): void {
    const masked = maskEventForStaff(item.event);
    const { pii } = masked;
    const links = masked.event.type === 'media-message' ? this.options.mediaLinks?.(masked.event) : undefined;
    const event = links ? { ...masked.event, ...links } : masked.event;
    const masks = pii.length === 0 ? {} : { pii };
    this.send(
      item.sequence === undefined
        ? { type: 'event', conversationId, event, ...masks }
        : { type: 'event', conversationId, sequence: item.sequence, event, ...masks },
    );
  }

  /** An error frame, and a strike: a socket that keeps sending bad frames is closed. */
  private reject(code: AgentErrorCode, message: string, clientMessageId?: string): void {
    this.sendError(code, message, clientMessageId);
    if (!this.strikes.take('socket')) this.socket.close(1008, 'too many invalid frames');
  }

  /** Sign-in refused: the socket is of no use, so it is closed after the error. */
  private refuse(code: AgentErrorCode, message: string): void {
    this.sendError(code, message);
    this.socket.close(1008, code);
  }

  private sendError(code: AgentErrorCode, message: string, clientMessageId?: string): void {
    this.send(
      clientMessageId === undefined
        ? { type: 'error', code, message }
        : { type: 'error', code, message, clientMessageId },
    );
  }

  private send(frame: AgentServerFrame): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return;
    // A packet restored from an older log may hold viewer text masked less than today: masked again here.
    if (frame.type === 'assignment')
      frame = {
        ...frame,
        conversation: { ...frame.conversation, packet: maskPacketForStaff(frame.conversation.packet) },
      };
    if (this.socket.bufferedAmount > this.options.limits.maxBufferedBytes) {
      this.socket.close(1008, 'client too slow');
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  private dispose(): void {
    this.closed = true;
    clearTimeout(this.expiryTimer);
    for (const conversationId of [...this.watches.keys()]) this.stopWatching(conversationId);
    const session = this.session;
    // A console that went away mid-sentence is not typing any more.
    for (const conversationId of this.typing.stopAll())
      if (session && mayAct(session, 'reply', this.options.desk.conversation(conversationId)))
        this.options.desk.typing(session.userId, conversationId, false);
    if (session) this.options.desk.agentDisconnected(session);
  }
}
