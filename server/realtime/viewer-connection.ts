import WebSocket, { type RawData } from 'ws';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import { LocaleSchema } from '../../knowledge/entry.js';
import type { Principal } from '../auth/principal.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { ConversationChannel, SequencedEvent } from './conversation-channel.js';
import { followConversation } from './follow-conversation.js';
import { takeFrame } from './frame-intake.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import { toViewerEvent } from './viewer-event.js';
import {
  parseViewerFrame,
  type JoinFrame,
  type ViewerErrorCode,
  type ViewerFrame,
  type ViewerServerFrame,
} from './viewer-frames.js';

export interface ViewerConnectionLimits {
  /** Viewer turns (messages, final transcripts) per viewer, shared by all their sockets. */
  messages: RateLimiter;
  /** All frames on one socket. */
  frameRate: RateLimit;
  /** Invalid frames one socket may send (refilling slowly) before it is closed. */
  invalidFrames: RateLimit;
  /** A client that lets this much pile up unread is disconnected. */
  maxBufferedBytes: number;
  nowMs: () => number;
}

export interface ViewerConnectionOptions {
  socket: WebSocket;
  directory: ConversationDirectory;
  auth: { verify(token: string): Principal | undefined };
  limits: ViewerConnectionLimits;
  /** Called once a socket has joined (the desk sends a waiting viewer their queue position). */
  onJoined?: ((channel: ConversationChannel) => void) | undefined;
  /** Called when a socket that `onJoined` announced closes (the desk notices a viewer who left). */
  onLeft?: ((channel: ConversationChannel) => void) | undefined;
}

type ViewerPrincipal = Extract<Principal, { kind: 'viewer' }>;

interface Joined {
  channel: ConversationChannel;
  unsubscribe: () => void;
}

/** One viewer socket: validates every frame, joins a conversation with a viewer token, relays its events. */
export class ViewerConnection {
  private readonly socket: WebSocket;
  private readonly directory: ConversationDirectory;
  private readonly options: ViewerConnectionOptions;
  private readonly limits: ViewerConnectionLimits;
  private readonly frames: RateLimiter;
  private readonly strikes: RateLimiter;
  private joined: Joined | undefined;
  /** Announced through `onJoined`; its close is announced through `onLeft`. */
  private announced: ConversationChannel | undefined;
  private closed = false;
  /** Frames are handled one at a time, in the order they came (a join reads the log). */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: ViewerConnectionOptions) {
    this.options = options;
    this.socket = options.socket;
    this.directory = options.directory;
    this.limits = options.limits;
    this.frames = new RateLimiter(options.limits.frameRate, options.limits.nowMs);
    this.strikes = new RateLimiter(options.limits.invalidFrames, options.limits.nowMs);
    this.socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    this.socket.on('close', () => this.dispose());
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.queue = this.queue
      .then(() => this.handle(data, isBinary))
      .catch((error: unknown) => {
        console.error('viewer frame failed', { conversationId: this.joined?.channel.conversationId, error });
        this.sendError('internal', 'the frame could not be handled');
      });
  }

  /** Frames that arrived before the socket closed are still handled: an accepted message is never lost. */
  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    const intake = takeFrame(data, isBinary, { frames: this.frames, parse: parseViewerFrame });
    if (!intake.ok) {
      this.reject(intake.code, intake.message);
      return;
    }
    await this.dispatch(intake.frame);
  }

  private async dispatch(frame: ViewerFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'join':
        await this.join(frame);
        return;
      case 'message': {
        const channel = this.requireJoined();
        if (!channel || !this.allowTurn(channel, frame.clientMessageId)) return;
        const text = frame.text.trim();
        this.acknowledge(channel, () => channel.conversation.viewerMessage(text), frame.clientMessageId);
        return;
      }
      case 'voice-transcript': {
        const channel = this.requireJoined();
        if (!channel) return;
        const turn = frame.final && frame.text.trim() !== '';
        if (turn && !this.allowTurn(channel, frame.clientMessageId)) return;
        this.acknowledge(
          channel,
          () =>
            channel.conversation.voiceTranscript({
              text: frame.text,
              final: frame.final,
              durationMs: frame.durationMs,
            }),
          frame.clientMessageId,
        );
        return;
      }
      case 'playback': {
        const channel = this.requireJoined();
        if (!channel) return;
        channel.conversation.playback({
          state: frame.state,
          uninterruptible: frame.uninterruptible,
          playedChars: frame.playedChars,
        });
        return;
      }
      case 'rate': {
        const channel = this.requireJoined();
        if (!channel) return;
        let rated = false;
        const committed = channel.commit(() => {
          rated = channel.conversation.rate({ score: frame.score, comment: frame.comment || undefined });
        });
        if (!rated) {
          this.sendError('conflict', 'no satisfaction survey is open', frame.clientMessageId);
          return;
        }
        this.acknowledgeWhenCommitted(committed, 'satisfaction', frame.clientMessageId);
        return;
      }
    }
  }

  /**
   * Subscribes first, holding live events back, then sends what the log has after `lastSequence`,
   * then the held events it did not already send: nothing missed, nothing twice.
   */
  private async join(frame: JoinFrame): Promise<void> {
    if (this.joined) {
      this.reject('already_joined', 'this socket is already in a conversation');
      return;
    }
    const principal = this.options.auth.verify(frame.token);
    if (principal?.kind !== 'viewer') {
      this.reject('unauthenticated', 'a valid viewer token is required (POST /api/viewer/session)');
      return;
    }
    const outcome = await this.findConversation(frame, principal);
    if (!outcome.ok) {
      this.reject('forbidden', outcome.message);
      return;
    }
    const { channel, resumed } = outcome;
    if (this.closed) {
      // Gone while joining: frames already received still reach the conversation; nothing is sent.
      this.joined = { channel, unsubscribe: () => undefined };
      return;
    }
    const joined: Joined = { channel, unsubscribe: () => undefined };
    this.joined = joined;
    this.send({ type: 'joined', conversationId: channel.conversationId, state: channel.conversation.state });
    joined.unsubscribe = await followConversation({
      channel,
      replayAfter: resumed ? (frame.lastSequence ?? 0) : undefined,
      read: (conversationId, after) => this.directory.read(conversationId, after),
      send: (item) => this.sendEvent(item),
    });
    if (this.closed) joined.unsubscribe();
    else {
      this.announced = channel;
      this.options.onJoined?.(channel);
    }
  }

  private async findConversation(
    frame: JoinFrame,
    principal: ViewerPrincipal,
  ): Promise<{ ok: true; channel: ConversationChannel; resumed: boolean } | { ok: false; message: string }> {
    if (frame.conversationId !== undefined) {
      const known = await this.directory.load(frame.conversationId);
      if (known) {
        const owner = known.owner;
        if (owner.viewerId !== principal.viewerId || (owner.roomId ?? principal.roomId) !== principal.roomId)
          return { ok: false, message: 'this conversation belongs to another viewer' };
        return { ok: true, channel: known, resumed: true };
      }
    }
    // An id nobody knows is not taken over: the viewer gets a fresh conversation.
    const locale = LocaleSchema.safeParse(frame.locale ?? principal.locale);
    const displayName = frame.displayName ?? principal.displayName;
    const profile: ViewerProfile = {
      viewerId: principal.viewerId,
      tier: principal.tier,
      ...(locale.success ? { locale: locale.data } : {}),
      ...(displayName ? { displayName } : {}),
    };
    const channel = this.directory.open({ profile, liveContext: { roomId: principal.roomId } });
    return { ok: true, channel, resumed: false };
  }

  /** Runs the viewer's change; with a `clientMessageId`, acks it once its viewer message is committed. */
  private acknowledge(channel: ConversationChannel, change: () => void, clientMessageId?: string): void {
    const committed = channel.commit(change);
    this.acknowledgeWhenCommitted(committed, 'viewer-message', clientMessageId);
  }

  private acknowledgeWhenCommitted(
    committed: Promise<SequencedEvent[]>,
    type: 'viewer-message' | 'satisfaction',
    clientMessageId: string | undefined,
  ): void {
    if (clientMessageId === undefined) return;
    void committed.then((items) => {
      const item = items.find((candidate) => candidate.event.type === type);
      if (item && item.sequence === undefined) {
        this.sendError('internal', 'the message could not be stored; send it again', clientMessageId);
        return;
      }
      // No event of that type (a voice fragment that did not become a message): nothing to store.
      this.send(
        item?.sequence === undefined
          ? { type: 'ack', clientMessageId }
          : { type: 'ack', clientMessageId, sequence: item.sequence },
      );
    });
  }

  private requireJoined(): ConversationChannel | undefined {
    if (this.joined) return this.joined.channel;
    this.reject('not_joined', 'send a join frame first');
    return undefined;
  }

  private allowTurn(channel: ConversationChannel, clientMessageId: string | undefined): boolean {
    if (this.limits.messages.take(channel.owner.viewerId)) return true;
    this.sendError('rate_limited', 'too many messages; this one was dropped', clientMessageId);
    return false;
  }

  /** An error frame, and a strike: a socket that keeps sending bad frames is closed. */
  private reject(code: ViewerErrorCode, message: string): void {
    this.sendError(code, message);
    if (!this.strikes.take('socket')) this.socket.close(1008, 'too many invalid frames');
  }

  private sendError(code: ViewerErrorCode, message: string, clientMessageId?: string): void {
    this.send(
      clientMessageId === undefined
        ? { type: 'error', code, message }
        : { type: 'error', code, message, clientMessageId },
    );
  }

  private sendEvent(item: SequencedEvent): void {
    const event = toViewerEvent(item.event);
    if (!event) return;
    this.send(
      item.sequence === undefined
        ? { type: 'event', event }
        : { type: 'event', sequence: item.sequence, event },
    );
  }

  private send(frame: ViewerServerFrame): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.socket.close(1008, 'client too slow');
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  private dispose(): void {
    this.closed = true;
    this.joined?.unsubscribe();
    if (this.announced) this.options.onLeft?.(this.announced);
    this.announced = undefined;
  }
}
