/**
 * What an agent socket passes on of its console's typing frames: a change (typing starts, or stops after it
 * started), and a repeated `active` no more often than `minIntervalMs` per conversation, so a console that
 * sends one per key press cannot flood the viewer's socket.
 */
export class TypingThrottle {
  private readonly typing = new Map<string, number>();
  private readonly minIntervalMs: number;
  private readonly nowMs: () => number;

  constructor(options: { minIntervalMs: number; nowMs: () => number }) {
    this.minIntervalMs = options.minIntervalMs;
    this.nowMs = options.nowMs;
  }

  /** Whether this frame goes on to the viewer. */
  pass(conversationId: string, active: boolean): boolean {
    const lastMs = this.typing.get(conversationId);
    if (!active) return this.typing.delete(conversationId);
    const nowMs = this.nowMs();
    if (lastMs !== undefined && nowMs - lastMs < this.minIntervalMs) return false;
    this.typing.set(conversationId, nowMs);
    return true;
  }

  /** The conversations this socket last said it was typing in (stopped for the viewer when it closes). */
  stopAll(): string[] {
    const active = [...this.typing.keys()];
    this.typing.clear();
    return active;
  }
}
