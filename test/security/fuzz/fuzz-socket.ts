import WebSocket from 'ws';
import type { z } from 'zod';

export interface ServerFrame {
  type: string;
  code?: string;
  clientMessageId?: string;
  sequence?: number;
  conversationId?: string;
  [key: string]: unknown;
}

export type Outcome = { kind: 'frame'; index: number } | { kind: 'closed' } | { kind: 'timeout' };

/**
 * A raw `ws` client for fuzzing: sends any bytes (text, binary, invalid UTF-8, oversized) and records
 * what the server sends, parsed, plus any frame that breaks the channel's own server-frame schema.
 */
export class FuzzSocket {
  readonly frames: ServerFrame[] = [];
  /** Server frames that are not JSON or do not match the channel's schema. */
  readonly malformed: string[] = [];
  closeCode: number | undefined;
  closeReason = '';
  readonly closed: Promise<void>;
  private readonly socket: WebSocket;
  private waiters: (() => void)[] = [];

  private constructor(socket: WebSocket, schema: z.ZodType) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      try {
        const frame = JSON.parse(text) as ServerFrame;
        if (!schema.safeParse(frame).success) this.malformed.push(text.slice(0, 300));
        this.frames.push(frame);
      } catch {
        this.malformed.push(text.slice(0, 300));
      }
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString('utf8');
        this.wake();
        resolve();
      });
    });
  }

  /** Opens a socket; an upgrade refused with 4xx (per-address limits) resolves to its status. */
  static open(url: string, schema: z.ZodType): Promise<FuzzSocket | { refused: number }> {
    const socket = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new FuzzSocket(socket, schema)));
      socket.once('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        socket.terminate();
        if (status >= 400 && status < 500) resolve({ refused: status });
        else reject(new Error(`upgrade answered ${status}`));
      });
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  sendText(text: string): void {
    if (this.isOpen) this.socket.send(text);
  }

  sendBytes(bytes: Buffer, binary: boolean): void {
    if (this.isOpen) this.socket.send(bytes, { binary });
  }

  /** The first frame at or after `from` that matches, the close, or the timeout, whichever comes first. */
  async waitFor(matches: (frame: ServerFrame) => boolean, from: number, timeoutMs: number): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex((frame, at) => at >= from && matches(frame));
      if (index >= 0) return { kind: 'frame', index };
      if (this.closeCode !== undefined) return { kind: 'closed' };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'timeout' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN)
      this.socket.close(1000);
    const cutOff = setTimeout(() => this.socket.terminate(), 2_000);
    await this.closed;
    clearTimeout(cutOff);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

/** Close codes a server may answer a bad frame with: policy, too big, and the application's own. */
export function isRefusalCloseCode(code: number): boolean {
  return code === 1008 || code === 1009 || (code >= 4000 && code <= 4999);
}
