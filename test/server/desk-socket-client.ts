import WebSocket from 'ws';
import type { z } from 'zod';

interface Waiter<Frame> {
  from: number;
  matches: (frame: Frame) => boolean;
  resolve: (index: number) => void;
  reject: (error: Error) => void;
}

/**
 * A real `ws` client that validates every frame it gets against the server's schema and lets a test wait
 * for the next frame it expects. Shared by the viewer and agent test clients.
 */
export class SocketTestClient<Frame extends { type: string }> {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  protected readonly socket: WebSocket;
  private waiters: Waiter<Frame>[] = [];
  private readonly listeners = new Set<(frame: Frame) => void>();

  protected constructor(socket: WebSocket, schema: z.ZodType<Frame>) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const frame = schema.parse(JSON.parse(data.toString('utf8')));
      this.frames.push(frame);
      for (const listener of this.listeners) listener(frame);
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

  protected static open(url: string): Promise<WebSocket> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
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

  /** Calls `listener` with every frame from now on, as it arrives. */
  onFrame(listener: (frame: Frame) => void): void {
    this.listeners.add(listener);
  }

  /** The index the next frame will have: pass it as `from` to wait only for later frames. */
  mark(): number {
    return this.frames.length;
  }

  /** The first frame at or after `from` that matches, now or when it comes; resolves to its index. */
  waitForIndex(matches: (frame: Frame) => boolean, from = 0): Promise<number> {
    const found = this.frames.findIndex((frame, index) => index >= from && matches(frame));
    if (found >= 0) return Promise.resolve(found);
    return new Promise((resolve, reject) => this.waiters.push({ from, matches, resolve, reject }));
  }

  async waitFor<T extends Frame>(matches: (frame: Frame) => frame is T, from?: number): Promise<T>;
  async waitFor(matches: (frame: Frame) => boolean, from?: number): Promise<Frame>;
  async waitFor(matches: (frame: Frame) => boolean, from = 0): Promise<Frame> {
    return this.frames[await this.waitForIndex(matches, from)]!;
  }

  async waitForType<T extends Frame['type']>(
    type: T,
    options: { from?: number; where?: (frame: Extract<Frame, { type: T }>) => boolean } = {},
  ): Promise<Extract<Frame, { type: T }>> {
    const index = await this.waitForIndex(
      (frame) => frame.type === type && (options.where?.(frame as Extract<Frame, { type: T }>) ?? true),
      options.from,
    );
    return this.frames[index] as Extract<Frame, { type: T }>;
  }

  /** Round-trips a ping: every frame sent before it has been handled once the pong is here. */
  async roundTrip(): Promise<number> {
    const from = this.mark();
    this.send({ type: 'ping' });
    return this.waitForIndex((frame) => frame.type === 'pong', from);
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
