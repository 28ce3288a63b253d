import WebSocket from 'ws';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { ViewerServerFrameSchema, type ViewerServerFrame } from '../../server/realtime/viewer-frames.js';

type EventFrame = Extract<ViewerServerFrame, { type: 'event' }>;
type EventOf<T extends ConversationEvent['type']> = Extract<ConversationEvent, { type: T }>;

interface Waiter {
  from: number;
  matches: (frame: ViewerServerFrame) => boolean;
  resolve: (index: number) => void;
  reject: (error: Error) => void;
}

/** A real `ws` client that validates every frame it gets and lets a test wait for the next one it expects. */
export class ViewerTestClient {
  readonly frames: ViewerServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly socket: WebSocket;
  private waiters: Waiter[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      this.frames.push(ViewerServerFrameSchema.parse(JSON.parse(data.toString('utf8'))));
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        for (const waiter of this.waiters)
          waiter.reject(new Error(`socket closed (${code}) while waiting for a frame`));
        this.waiters = [];
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
  }

  static connect(url: string): Promise<ViewerTestClient> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new ViewerTestClient(socket)));
      socket.once('unexpected-response', (_, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The index the next frame will have: pass it as `from` to wait only for later frames. */
  mark(): number {
    return this.frames.length;
  }

  /** The first frame at or after `from` that matches, now or when it comes; resolves to its index. */
  waitForIndex(matches: (frame: ViewerServerFrame) => boolean, from = 0): Promise<number> {
    const found = this.frames.findIndex((frame, index) => index >= from && matches(frame));
    if (found >= 0) return Promise.resolve(found);
    return new Promise((resolve, reject) => this.waiters.push({ from, matches, resolve, reject }));
  }

  async waitFor(matches: (frame: ViewerServerFrame) => boolean, from = 0): Promise<ViewerServerFrame> {
    return this.frames[await this.waitForIndex(matches, from)]!;
  }

  async waitForEvent<T extends ConversationEvent['type']>(
    type: T,
    options: { from?: number; where?: (event: EventOf<T>) => boolean } = {},
  ): Promise<{ sequence?: number | undefined; event: EventOf<T>; index: number }> {
    const index = await this.waitForIndex(
      (frame) =>
        frame.type === 'event' &&
        frame.event.type === type &&
        (options.where?.(frame.event as EventOf<T>) ?? true),
      options.from,
    );
    const frame = this.frames[index] as EventFrame;
    return { sequence: frame.sequence, event: frame.event as EventOf<T>, index };
  }

  async waitForError(code: string, from = 0): Promise<Extract<ViewerServerFrame, { type: 'error' }>> {
    return (await this.waitFor((frame) => frame.type === 'error' && frame.code === code, from)) as Extract<
      ViewerServerFrame,
      { type: 'error' }
    >;
  }

  /** Round-trips a ping: every frame sent before it has been handled once the pong is here. */
  async roundTrip(): Promise<number> {
    const from = this.mark();
    this.send({ type: 'ping' });
    return this.waitForIndex((frame) => frame.type === 'pong', from);
  }

  events(from = 0, to = this.frames.length): EventFrame[] {
    return this.frames.slice(from, to).filter((frame): frame is EventFrame => frame.type === 'event');
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(1000);
    return this.closed;
  }

  private wake(): void {
    const index = this.frames.length - 1;
    const frame = this.frames[index]!;
    this.waiters = this.waiters.filter((waiter) => {
      if (index < waiter.from || !waiter.matches(frame)) return true;
      waiter.resolve(index);
      return false;
    });
  }
}
