import type { AgentClientFrame } from './agent-frames-client.js';

export type ReplyFrame = Extract<AgentClientFrame, { type: 'reply' }> & { clientMessageId: string };

/**
 * Replies sent but not yet acknowledged, kept whole: when the socket drops before the ack, the new socket
 * sends them again under the same `clientMessageId`, and the server stores each once (a reply it already
 * has is answered with its original ack).
 */
export class UnacknowledgedReplies {
  private readonly frames = new Map<string, ReplyFrame>();

  add(frame: ReplyFrame): void {
    this.frames.set(frame.clientMessageId, frame);
  }

  /** The server answered (ack or error): nothing left to resend for this id. */
  settle(clientMessageId: string): void {
    this.frames.delete(clientMessageId);
  }

  /** What to send again after signing in on a new socket, in the order first sent. */
  toResend(): ReplyFrame[] {
    return [...this.frames.values()];
  }

  clear(): void {
    this.frames.clear();
  }
}
