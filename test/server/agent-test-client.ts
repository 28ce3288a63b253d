import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { AgentServerFrameSchema, type AgentServerFrame } from '../../server/realtime/agent-frames.js';
import { SocketTestClient } from './desk-socket-client.js';

type EventFrame = Extract<AgentServerFrame, { type: 'event' }>;

/** An agent console's socket on `/ws/agent`. */
export class AgentTestClient extends SocketTestClient<AgentServerFrame> {
  private nextId = 0;

  static async connect(url: string): Promise<AgentTestClient> {
    return new AgentTestClient(await SocketTestClient.open(url), AgentServerFrameSchema);
  }

  /** Signs in and resolves to the `authenticated` frame. */
  async authenticate(token: string): Promise<Extract<AgentServerFrame, { type: 'authenticated' }>> {
    const from = this.mark();
    this.send({ type: 'auth', token });
    return this.waitForType('authenticated', { from });
  }

  /** Sends a command with a fresh `clientMessageId` and resolves to its `ack` or `error`. */
  async command(
    frame: Record<string, unknown> & { type: string },
  ): Promise<Extract<AgentServerFrame, { type: 'ack' | 'error' }>> {
    this.nextId += 1;
    const clientMessageId = `m${this.nextId}`;
    const from = this.mark();
    this.send({ ...frame, clientMessageId });
    return (await this.waitFor(
      (candidate) =>
        (candidate.type === 'ack' || candidate.type === 'error') &&
        candidate.clientMessageId === clientMessageId,
      from,
    )) as Extract<AgentServerFrame, { type: 'ack' | 'error' }>;
  }

  async waitForConversationEvent<T extends ConversationEvent['type']>(
    conversationId: string,
    type: T,
    options: { from?: number; where?: (event: Extract<ConversationEvent, { type: T }>) => boolean } = {},
  ): Promise<{ sequence?: number | undefined; event: Extract<ConversationEvent, { type: T }> }> {
    const frame = (await this.waitFor(
      (candidate) =>
        candidate.type === 'event' &&
        candidate.conversationId === conversationId &&
        candidate.event.type === type &&
        (options.where?.(candidate.event as Extract<ConversationEvent, { type: T }>) ?? true),
      options.from,
    )) as EventFrame;
    return { sequence: frame.sequence, event: frame.event as Extract<ConversationEvent, { type: T }> };
  }
}
