/** How often "still typing" goes out while the agent keeps typing. */
export const TYPING_REPEAT_MS = 2500;
/** A pause this long ends "typing" for the viewer. */
export const TYPING_IDLE_MS = 4000;

export interface TypingSignalOptions {
  /** Sends a `typing` frame; false when it could not go out (not connected): it is then tried again. */
  send: (conversationId: string, active: boolean) => boolean;
  repeatMs?: number;
  idleMs?: number;
  nowMs?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Turns the agent's key presses into few `typing` frames: one when typing starts, one more every
 * `repeatMs` while keys are pressed (the viewer's "typing" lapses without them), and a stop after
 * `idleMs` without a key, or at once when the reply is sent, emptied or the agent turns to another
 * conversation.
 */
export class TypingSignal {
  private readonly options: TypingSignalOptions;
  private readonly repeatMs: number;
  private readonly idleMs: number;
  private readonly nowMs: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private conversationId: string | undefined;
  private lastSentMs = -Infinity;
  private idleTimer: unknown;

  constructor(options: TypingSignalOptions) {
    this.options = options;
    this.repeatMs = options.repeatMs ?? TYPING_REPEAT_MS;
    this.idleMs = options.idleMs ?? TYPING_IDLE_MS;
    this.nowMs = options.nowMs ?? (() => Date.now());
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as number));
  }

  /** A key press in the reply box of this conversation. */
  keyPressed(conversationId: string): void {
    if (this.conversationId !== conversationId) this.stop();
    const nowMs = this.nowMs();
    if (this.conversationId === undefined || nowMs - this.lastSentMs >= this.repeatMs) {
      if (this.options.send(conversationId, true)) {
        this.conversationId = conversationId;
        this.lastSentMs = nowMs;
      }
    }
    this.clearTimer(this.idleTimer);
    this.idleTimer = this.setTimer(() => this.stop(), this.idleMs);
  }

  /** The agent stopped: sent the reply, emptied the box, paused, or turned away. */
  stop(): void {
    this.clearTimer(this.idleTimer);
    this.idleTimer = undefined;
    const conversationId = this.conversationId;
    this.conversationId = undefined;
    this.lastSentMs = -Infinity;
    if (conversationId !== undefined) this.options.send(conversationId, false);
  }
}
