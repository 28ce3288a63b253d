import WebSocket, { type RawData } from 'ws';
import type { ConversationChannel, SequencedEvent } from './conversation-channel.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import type { ViewerChannels } from './viewer-channels.js';
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

interface Joined {
  channel: ConversationChannel;
  unsubscribe: () => void;
}

/** One viewer socket: validates every frame, joins a conversation, and relays its events. */
export class ViewerConnection {
  private readonly socket: WebSocket;
  private readonly channels: ViewerChannels;
  private readonly limits: ViewerConnectionLimits;
  private readonly frames: RateLimiter;
  private readonly strikes: RateLimiter;
  private joined: Joined | undefined;
  private closed = false;
  /** Frames are handled one at a time, in the order they came (a join reads the log). */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: { socket: WebSocket; channels: ViewerChannels; limits: ViewerConnectionLimits }) {
    this.socket = options.socket;
    this.channels = options.channels;
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
        console.error('viewer frame failed', { conversationId: this.joined?.channel.conversation.id, error });
        this.sendError('internal', 'the frame could not be handled');
      });
  }

  /** Frames that arrived before the socket closed are still handled: an accepted message is never lost. */
  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    if (!this.frames.take('socket')) {
      this.reject('rate_limited', 'too many frames; slow down');
      return;
    }
    if (isBinary) {
      this.reject('invalid_frame', 'binary frames are not accepted; send JSON text');
      return;
    }
    const parsed = parseViewerFrame(rawText(data));
    if (!parsed.ok) {
      this.reject(parsed.code, parsed.message);
      return;
    }
    await this.dispatch(parsed.frame);
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
        if (!channel || !this.allowTurn(channel)) return;
        channel.conversation.viewerMessage(frame.text.trim());
        return;
      }
      case 'voice-transcript': {
        const channel = this.requireJoined();
        if (!channel) return;
        if (frame.final && frame.text.trim() !== '' && !this.allowTurn(channel)) return;
        channel.conversation.voiceTranscript({
          text: frame.text,
          final: frame.final,
          durationMs: frame.durationMs,
        });
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
    const outcome = await this.channels.join(frame);
    if (!outcome.ok) {
      this.reject(outcome.code, outcome.message);
      return;
    }
    const { channel } = outcome;
    if (this.closed) {
      // Gone while joining: frames already received still reach the conversation; nothing is sent.
      this.joined = { channel, unsubscribe: () => undefined };
      return;
    }
    const held: SequencedEvent[] = [];
    let live = false;
    const unsubscribe = channel.subscribe((item) => (live ? this.sendEvent(item) : held.push(item)));
    this.joined = { channel, unsubscribe };
    this.send({ type: 'joined', conversationId: channel.conversation.id, state: channel.conversation.state });
    let sentUpTo = frame.lastSequence ?? 0;
    if (outcome.resumed) {
      for (const stored of await this.channels.read(channel.conversation.id, sentUpTo)) {
        this.sendEvent({ sequence: stored.sequence, event: stored.event });
        sentUpTo = stored.sequence;
      }
    }
    for (const item of held) {
      if (item.sequence === undefined || item.sequence > sentUpTo) this.sendEvent(item);
    }
    live = true;
  }

  private requireJoined(): ConversationChannel | undefined {
    if (this.joined) return this.joined.channel;
    this.reject('not_joined', 'send a join frame first');
    return undefined;
  }

  private allowTurn(channel: ConversationChannel): boolean {
    if (this.limits.messages.take(channel.viewerId)) return true;
    this.sendError('rate_limited', 'too many messages; this one was dropped');
    return false;
  }

  /** An error frame, and a strike: a socket that keeps sending bad frames is closed. */
  private reject(code: ViewerErrorCode, message: string): void {
    this.sendError(code, message);
    if (!this.strikes.take('socket')) this.socket.close(1008, 'too many invalid frames');
  }

  private sendError(code: ViewerErrorCode, message: string): void {
    this.send({ type: 'error', code, message });
  }

  private sendEvent(item: SequencedEvent): void {
    this.send(
      item.sequence === undefined
        ? { type: 'event', event: item.event }
        : { type: 'event', sequence: item.sequence, event: item.event },
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
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
