import type { Duplex } from 'node:stream';
import WebSocket, { type RawData } from 'ws';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import { LocaleSchema } from '../../knowledge/entry.js';
import type { Principal } from '../auth/principal.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { DisputeService } from '../disputes/dispute-service.js';
import type { ConversationChannel, SequencedEvent } from './conversation-channel.js';
import { followConversation } from './follow-conversation.js';
import { takeFrame } from './frame-intake.js';
import type { WorkPacer } from '../pacing/work-pacer.js';
import type { RevokedIdentityWatch } from './revoked-identity-watch.js';
import type { ConnectedClient } from './socket-gateway.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import { toViewerEvent, type ViewerEventContext } from './viewer-event.js';
import { ViewerVoice } from '../voice/viewer-voice.js';
import type { VoiceServerFrame } from '../voice/voice-frames.js';
import type { VoiceServices } from '../voice/voice-services.js';
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
  /**
   * Characters given to the matcher (a message's, up to `maxCharsPerMessage`), per viewer and per client
   * address: matching is CPU work, and one client must not be able to buy all of it (issue 12).
   */
  matchChars?: { perViewer: RateLimiter; perAddress: RateLimiter; maxCharsPerMessage: number } | undefined;
  /** New conversations (a resumed one is free), per viewer and per client address. */
  newConversations?: { perViewer: RateLimiter; perAddress: RateLimiter } | undefined;
}

export interface ViewerConnectionOptions {
  socket: WebSocket;
  directory: ConversationDirectory;
  auth: { verify(token: string): Promise<Principal | undefined> };
  /**
   * For a platform-verified viewer's token: why it is no longer good (the platform key that verified the
   * identity was revoked), or undefined. The join is refused with `unauthenticated`, on which clients open a
   * new session. Absent: not checked.
   */
  revokedIdentity?: ((token: string) => Promise<string | undefined>) | undefined;
  /**
   * Ends a joined verified viewer's socket when its platform key is revoked later, with the same
   * `unauthenticated` error as the join refusal: the client reconnects, is refused, and starts a new session.
   */
  identityWatch?: RevokedIdentityWatch | undefined;
  limits: ViewerConnectionLimits;
  /** The peer's address and the gateway's admission deadline (server/realtime/socket-gateway.ts). */
  client?: ConnectedClient | undefined;
  /**
   * Handles frames (parsing, and a message's synchronous work in its conversation) in slices with the
   * event loop served between them, so a burst from many sockets cannot hold it
   * (server/pacing/work-pacer.ts). Absent: in the socket's own callback.
   */
  pacer?: WorkPacer | undefined;
  /**
   * Whether this node can store what viewers send (its shared stores answer). While false, messages,
   * final transcripts and ratings are refused with `unavailable` and change nothing. Absent: always.
   */
  accepting?: (() => boolean) | undefined;
  /** Called once a socket has joined (the desk sends a waiting viewer their queue position). */
  onJoined?: ((channel: ConversationChannel) => void) | undefined;
  /** Called when a socket that `onJoined` announced closes (the desk notices a viewer who left). */
  onLeft?: ((channel: ConversationChannel) => void) | undefined;
  /** What the viewer may learn of the staff (the name of the agent who took the conversation). */
  eventContext?: ViewerEventContext | undefined;
  /** Takes submitted dispute forms (server/disputes/); absent: `dispute-submit` is refused. */
  disputes?: Pick<DisputeService, 'submit'> | undefined;
  /** Streamed voice (server/voice/); absent: no speech to text here, and `voice-start` is refused. */
  voice?: VoiceServices | undefined;
}

type ViewerPrincipal = Extract<Principal, { kind: 'viewer' }>;

/** States in which a viewer message starts an AI turn (a closed conversation reopens to the AI). */
const AI_ANSWERS: ReadonlySet<string> = new Set(['ai', 'closed']);

interface Joined {
  channel: ConversationChannel;
  unsubscribe: () => void;
}

/** One viewer socket: validates every frame, joins a conversation with a viewer token, relays its events. */
export class ViewerConnection {
  private readonly socket: WebSocket;
  /** Frames sent in this tick are held together (corkUntilTickEnds). */
  private corked = false;
  private readonly directory: ConversationDirectory;
  private readonly options: ViewerConnectionOptions;
  private readonly limits: ViewerConnectionLimits;
  private readonly frames: RateLimiter;
  private readonly strikes: RateLimiter;
  private joined: Joined | undefined;
  /** Announced through `onJoined`; its close is announced through `onLeft`. */
  private announced: ConversationChannel | undefined;
  private closed = false;
  /** Stops watching this socket's verified identity (`identityWatch`). */
  private unwatchIdentity: () => void = () => undefined;
  /** Frames are handled one at a time, in the order they came (a join reads the log). */
  private queue: Promise<void> = Promise.resolve();
  private readonly inbox: { data: RawData; isBinary: boolean }[] = [];
  private readonly voice: ViewerVoice;

  constructor(options: ViewerConnectionOptions) {
    this.options = options;
    this.socket = options.socket;
    this.directory = options.directory;
    this.limits = options.limits;
    this.frames = new RateLimiter(options.limits.frameRate, options.limits.nowMs);
    this.strikes = new RateLimiter(options.limits.invalidFrames, options.limits.nowMs);
    this.voice = new ViewerVoice({
      services: options.voice,
      nowMs: options.limits.nowMs,
      send: (frame, pcm) => this.sendVoice(frame, pcm),
      drained: (signal) => this.drained(signal),
      refuse: ({ code, message }) => this.sendError(code, message),
      onFinalTranscript: (channel, transcript) => this.voiceTurn(channel, transcript),
    });
    this.socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    this.socket.on('close', () => this.dispose());
  }

  /**
   * Frames wait in the inbox and are handled one after another, in order, each in the pacer's slice under
   * the client's address: a flood from one address then delays another address's frame by about one frame,
   * and the loop polls sockets between slices. (Handled in the pacer's work, not after an awaited turn in
   * it: what follows an await runs outside the slice, and a hundred sockets resuming at once would hold the
   * loop for a hundred frames.) A frame that awaits (a join reads the log) holds back the frames after it.
   */
  private receive(data: RawData, isBinary: boolean): void {
    // Voice audio with nothing waiting ahead of it is taken at once, outside the pacer: a piece costs a copy
    // and a message to the VAD thread (at most 100 pieces a second per socket), and a turn in the pacer's
    // queue, behind every frame from the same address, stood between a viewer's first word and the pause.
    if (isBinary && this.inbox.length === 0) {
      // Outside the drain's catch: a failure here must not become the process's uncaught exception.
      try {
        this.takeAudio(data);
      } catch (error) {
        console.error('viewer audio failed', { conversationId: this.joined?.channel.conversationId, error });
        this.sendError('internal', 'the audio could not be handled');
      }
      return;
    }
    this.inbox.push({ data, isBinary });
    // A drain is scheduled or running, and takes this frame too.
    if (this.inbox.length > 1) return;
    const pacer = this.options.pacer;
    const key = this.options.client?.ip;
    const drain = async (): Promise<void> => {
      while (this.inbox.length > 0) {
        const next = this.inbox[0]!;
        const handle = () => this.handle(next.data, next.isBinary);
        try {
          await (pacer ? pacer.run(handle, { key }) : handle());
        } catch (error) {
          console.error('viewer frame failed', {
            conversationId: this.joined?.channel.conversationId,
            error,
          });
          this.sendError('internal', 'the frame could not be handled');
        } finally {
          this.inbox.shift();
        }
      }
    };
    this.queue = this.queue.then(drain);
  }

  /** Frames that arrived before the socket closed are still handled: an accepted message is never lost. */
  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    // Binary messages are voice audio, with limits of their own (server/voice/viewer-voice.ts).
    if (isBinary) {
      this.takeAudio(data);
      return;
    }
    const intake = takeFrame(data, isBinary, { frames: this.frames, parse: parseViewerFrame });
    if (!intake.ok) {
      this.reject(intake.code, intake.message);
      return;
    }
    await this.dispatch(intake.frame);
  }

  private takeAudio(data: RawData): void {
    const refused = this.voice.audio(audioBytes(data));
    if (refused)
      this.reject(refused.code === 'invalid_frame' ? 'invalid_frame' : 'rate_limited', refused.message);
  }

  private async dispatch(frame: ViewerFrame): Promise<void> {
    if (this.refusedWhileUnavailable(frame)) return;
    switch (frame.type) {
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'join':
        await this.join(frame);
        return;
      case 'message': {
        const channel = this.requireJoined();
        if (!channel || this.acknowledgeResend(channel, frame.clientMessageId)) return;
        const text = frame.text.trim();
        if (!this.allowTurn(channel, frame.clientMessageId, text)) return;
        this.acknowledge(
          channel,
          () => channel.conversation.viewerMessage(text, 'text', frame.clientMessageId),
          frame.clientMessageId,
        );
        return;
      }
      case 'voice-transcript': {
        const channel = this.requireJoined();
        if (!channel) return;
        const turn = frame.final && frame.text.trim() !== '';
        if (turn && this.acknowledgeResend(channel, frame.clientMessageId)) return;
        if (turn && !this.allowTurn(channel, frame.clientMessageId, frame.text)) return;
        this.acknowledge(
          channel,
          () =>
            channel.conversation.voiceTranscript({
              text: frame.text,
              final: frame.final,
              durationMs: frame.durationMs,
              clientMessageId: frame.clientMessageId,
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
      case 'voice-start': {
        const channel = this.requireJoined();
        if (channel) this.voice.start(frame, channel);
        return;
      }
      case 'voice-stop':
        // The last segment is still recognised, without holding the frames that follow.
        void this.voice.stop();
        return;
      case 'dispute-submit': {
        const channel = this.requireJoined();
        if (!channel) return;
        const disputes = this.options.disputes;
        if (!disputes) {
          this.sendError('forbidden', 'disputes are not taken here', frame.clientMessageId);
          return;
        }
        const { formId, clientMessageId, values } = frame;
        const result = await disputes.submit(channel, { formId, clientId: clientMessageId, values });
        if (!result.ok) this.sendError(result.code, result.message, clientMessageId);
        else
          this.send(
            result.sequence === undefined
              ? { type: 'ack', clientMessageId }
              : { type: 'ack', clientMessageId, sequence: result.sequence },
          );
        return;
      }
    }
  }

  /** Refuses what would be stored while the stores cannot take it, rather than acknowledging it unstored. */
  private refusedWhileUnavailable(frame: ViewerFrame): boolean {
    const stores =
      frame.type === 'message' ||
      frame.type === 'rate' ||
      frame.type === 'dispute-submit' ||
      (frame.type === 'voice-transcript' && frame.final);
    if (!stores || (this.options.accepting?.() ?? true)) return false;
    this.sendError(
      'unavailable',
      'Livedesk cannot store messages right now; send it again in a moment',
      frame.clientMessageId,
    );
    return true;
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
    const principal = await this.options.auth.verify(frame.token);
    if (principal?.kind !== 'viewer') {
      this.reject('unauthenticated', 'a valid viewer token is required (POST /api/viewer/session)');
      return;
    }
    const revoked = principal.verified ? await this.options.revokedIdentity?.(frame.token) : undefined;
    if (revoked !== undefined) {
      this.reject('unauthenticated', revoked);
      return;
    }
    const outcome = await this.findConversation(frame, principal);
    if (!outcome.ok) {
      this.reject(outcome.code, outcome.message);
      return;
    }
    this.options.client?.admitted();
    const { channel, resumed } = outcome;
    if (this.closed) {
      // Gone while joining: frames already received still reach the conversation; nothing is sent.
      this.joined = { channel, unsubscribe: () => undefined };
      return;
    }
    const joined: Joined = { channel, unsubscribe: () => undefined };
    this.joined = joined;
    if (principal.verified && this.options.identityWatch)
      this.unwatchIdentity = this.options.identityWatch.watch(frame.token, (reason) => {
        this.sendError('unauthenticated', reason);
        this.socket.close(1008, 'identity revoked');
      });
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
  ): Promise<
    | { ok: true; channel: ConversationChannel; resumed: boolean }
    | { ok: false; code: ViewerErrorCode; message: string }
  > {
    if (frame.conversationId !== undefined) {
      const known = await this.directory.load(frame.conversationId);
      if (known) {
        const owner = known.owner;
        // A platform-verified viewer's conversations follow them into other rooms (and onto other devices).
        const sameRoom =
          principal.verified !== undefined || (owner.roomId ?? principal.roomId) === principal.roomId;
        if (owner.viewerId !== principal.viewerId || !sameRoom)
          return { ok: false, code: 'forbidden', message: 'this conversation belongs to another viewer' };
        return { ok: true, channel: known, resumed: true };
      }
    }
    // An id nobody knows is not taken over: the viewer gets a fresh conversation, within the limits.
    if (!this.mayOpenConversation(principal.viewerId))
      return {
        ok: false,
        code: 'rate_limited',
        message: 'too many new conversations; resume one with its conversationId, or try again later',
      };
    const locale = LocaleSchema.safeParse(frame.locale ?? principal.locale);
    // A name the platform vouches for (in the token) wins; a name the viewer picked, in an anonymous
    // session or the join frame, is kept and marked as such.
    const tokenName = principal.displayName;
    const displayName = tokenName ?? frame.displayName;
    const selfNamed =
      tokenName === undefined ? frame.displayName !== undefined : principal.selfNamed === true;
    const profile: ViewerProfile = {
      viewerId: principal.viewerId,
      tier: principal.tier,
      ...(locale.success ? { locale: locale.data } : {}),
      ...(displayName ? { displayName } : {}),
      ...(selfNamed ? { selfNamed: true } : {}),
      ...(principal.verified === undefined ? {} : { verified: principal.verified }),
    };
    const channel = this.directory.open({ profile, liveContext: { roomId: principal.roomId } });
    return { ok: true, channel, resumed: false };
  }

  private mayOpenConversation(viewerId: string): boolean {
    const limits = this.limits.newConversations;
    if (!limits) return true;
    const address = this.options.client?.ip ?? 'unknown';
    if (!limits.perViewer.allows(viewerId) || !limits.perAddress.allows(address)) return false;
    limits.perViewer.take(viewerId);
    limits.perAddress.take(address);
    return true;
  }

  /** Runs the viewer's change; with a `clientMessageId`, acks it once its viewer message is committed. */
  private acknowledge(channel: ConversationChannel, change: () => void, clientMessageId?: string): void {
    const committed = channel.commit(change);
    if (clientMessageId !== undefined)
      channel.rememberMessage(
        clientMessageId,
        committed.then(
          (items) => items.find((item) => item.event.type === 'viewer-message')?.sequence,
          () => undefined,
        ),
      );
    this.acknowledgeWhenCommitted(committed, 'viewer-message', clientMessageId);
  }

  /**
   * A message this conversation already stored (the client did not get its ack and sent it again, on this
   * socket or another): the original ack again, the same sequence, nothing stored twice.
   */
  private acknowledgeResend(channel: ConversationChannel, clientMessageId: string | undefined): boolean {
    if (clientMessageId === undefined) return false;
    const stored = channel.storedMessage(clientMessageId);
    if (!stored) return false;
    void stored.then((sequence) =>
      sequence === undefined
        ? this.sendError('internal', 'the message could not be stored; send it again', clientMessageId)
        : this.send({ type: 'ack', clientMessageId, sequence }),
    );
    return true;
  }

  private acknowledgeWhenCommitted(
    committed: Promise<SequencedEvent[]>,
    type: 'viewer-message' | 'satisfaction',
    clientMessageId: string | undefined,
  ): void {
    if (clientMessageId === undefined) return;
    void committed.then(
      (items) => {
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
      },
      () => this.sendError('conflict', 'the conversation is gone; nothing was stored', clientMessageId),
    );
  }

  private requireJoined(): ConversationChannel | undefined {
    if (this.joined) return this.joined.channel;
    this.reject('not_joined', 'send a join frame first');
    return undefined;
  }

  private allowTurn(
    channel: ConversationChannel,
    clientMessageId: string | undefined,
    text: string,
  ): boolean {
    const viewerId = channel.owner.viewerId;
    if (!this.limits.messages.take(viewerId)) {
      this.sendError('rate_limited', 'too many messages; this one was dropped', clientMessageId);
      return false;
    }
    const budget = this.limits.matchChars;
    // With a person on the conversation nothing is matched, so nothing is charged.
    if (!budget || !AI_ANSWERS.has(channel.conversation.state)) return true;
    const cost = Math.min(text.length, budget.maxCharsPerMessage);
    const address = this.options.client?.ip ?? 'unknown';
    if (!budget.perViewer.allows(viewerId, cost) || !budget.perAddress.allows(address, cost)) {
      this.sendError(
        'rate_limited',
        'slow down: messages are coming faster than they can be read; send this one again in a few seconds',
        clientMessageId,
      );
      return false;
    }
    budget.perViewer.take(viewerId, cost);
    budget.perAddress.take(address, cost);
    return true;
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

  /**
   * A voice segment's final words: a voice turn, with the same limits as a typed one. Resolves to what it
   * committed (the voice message, when the words became one); undefined when refused.
   */
  private voiceTurn(
    channel: ConversationChannel,
    transcript: { text: string; durationMs: number },
  ): Promise<SequencedEvent[]> | undefined {
    if (this.closed) return undefined;
    if ((this.options.accepting?.() ?? true) === false) {
      this.sendError('unavailable', 'Livedesk cannot store messages right now; say it again in a moment');
      return undefined;
    }
    if (!this.allowTurn(channel, undefined, transcript.text)) return undefined;
    return channel.commit(() =>
      channel.conversation.voiceTranscript({
        text: transcript.text,
        final: true,
        durationMs: transcript.durationMs,
      }),
    );
  }

  private sendVoice(frame: VoiceServerFrame, pcm?: Uint8Array): void {
    this.send(frame);
    if (pcm && !this.closed && this.socket.readyState === WebSocket.OPEN)
      this.socket.send(pcm, { binary: true });
  }

  /** Spoken audio waits while a quarter of the allowed backlog is unread, rather than closing the socket. */
  private async drained(signal?: AbortSignal): Promise<void> {
    const room = this.limits.maxBufferedBytes / 4;
    while (
      !this.closed &&
      signal?.aborted !== true &&
      this.socket.readyState === WebSocket.OPEN &&
      this.socket.bufferedAmount > room
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private sendEvent(item: SequencedEvent): void {
    this.voice.observe(item.event);
    const event = toViewerEvent(item.event, this.options.eventContext);
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
    this.corkUntilTickEnds();
    this.socket.send(JSON.stringify(frame));
  }

  /**
   * A turn's frames (its events, the ack, the answer) mostly leave in one tick. ws writes each frame with a
   * syscall of its own; held in the TCP socket until the tick ends they leave in one, which was a fifth of
   * the event loop's time under a spike of FAQ questions.
   */
  private corkUntilTickEnds(): void {
    // ws keeps the TCP socket in `_socket`; absent (a test double), frames go out one by one as before.
    const raw = (this.socket as unknown as { _socket?: Duplex })._socket;
    if (this.corked || !raw || raw.destroyed) return;
    this.corked = true;
    raw.cork();
    process.nextTick(() => {
      this.corked = false;
      raw.uncork();
    });
  }

  private dispose(): void {
    this.closed = true;
    this.voice.close();
    this.unwatchIdentity();
    this.joined?.unsubscribe();
    if (this.announced) this.options.onLeft?.(this.announced);
    this.announced = undefined;
  }
}

function audioBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
