export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ReconnectingSocketOptions {
  /** A path on this origin, like `/ws/viewer`. */
  path: string;
  /** Called on every (re)connection; the place to send `join` or `auth`. */
  onOpen: () => void;
  onMessage: (data: string) => void;
  /** Binary messages (streamed voice: the spoken answer's audio); without it they are ignored. */
  onBinary?: (data: ArrayBuffer) => void;
  onStateChange: (state: SocketState) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Keeps proxies from closing an idle socket. */
  pingIntervalMs?: number;
  pingFrame?: unknown;
}

/**
 * A WebSocket that comes back: exponential backoff with jitter after a drop, a ping now and then, and
 * no reconnection once closed on purpose.
 */
export class ReconnectingSocket {
  private socket: WebSocket | undefined;
  private attempts = 0;
  private stopped = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private readonly options: ReconnectingSocketOptions;

  constructor(options: ReconnectingSocketOptions) {
    this.options = options;
  }

  connect(): void {
    this.stopped = false;
    this.open();
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if connected; false when it could not be sent. */
  send(frame: unknown): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a binary message (microphone audio) if connected; false when it could not be sent. */
  sendBinary(data: ArrayBuffer): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(data);
    return true;
  }

  /** Drops the current connection and makes a new one (after a new token, say). */
  reconnect(): void {
    this.socket?.close(4000, 'reconnecting');
  }

  close(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    this.socket?.close(1000, 'page closed');
    this.options.onStateChange('closed');
  }

  private open(): void {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}${this.options.path}`);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.options.onStateChange(this.attempts === 0 ? 'connecting' : 'reconnecting');
    socket.addEventListener('open', () => {
      this.attempts = 0;
      this.options.onStateChange('open');
      this.options.onOpen();
      window.clearInterval(this.pingTimer);
      this.pingTimer = window.setInterval(
        () => this.send(this.options.pingFrame ?? { type: 'ping' }),
        this.options.pingIntervalMs ?? 25_000,
      );
    });
    socket.addEventListener('message', (message) => {
      if (typeof message.data === 'string') this.options.onMessage(message.data);
      else if (message.data instanceof ArrayBuffer) this.options.onBinary?.(message.data);
    });
    socket.addEventListener('close', () => {
      window.clearInterval(this.pingTimer);
      if (this.socket !== socket || this.stopped) return;
      this.attempts += 1;
      this.options.onStateChange('reconnecting');
      const base = Math.min(
        this.options.maxDelayMs ?? 10_000,
        (this.options.initialDelayMs ?? 300) * 2 ** (this.attempts - 1),
      );
      this.retryTimer = window.setTimeout(() => this.open(), base / 2 + Math.random() * (base / 2));
    });
  }
}
