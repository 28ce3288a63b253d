import { LivedeskError } from '../../knowledge/errors.js';
import type { HandoffPacket } from '../handoff/handoff-packet.js';
import {
  applyAgentUpdate,
  createAgent,
  freeSlots,
  viewAgent,
  type Agent,
  type AgentProfile,
  type AgentUpdate,
  type AgentView,
} from './agent.js';
import type { DeskConfig } from './desk-config.js';
import { viewConversation, type DeskConversation, type DeskConversationView } from './desk-conversation.js';
import type { DeskEvent, ReleaseReason, RequeueReason, TransferTarget } from './desk-events.js';
import { mayTake, poolKey } from './eligibility.js';
import { HandleTimeEwma } from './handle-time-ewma.js';
import { pickAgent } from './pick-agent.js';
import { higherLane, laneForPacket } from './queue-lane.js';
import { buildQueueSnapshot, type QueueSnapshot } from './queue-snapshot.js';
import { WaitingQueue } from './waiting-queue.js';

export interface DeskOptions {
  config: DeskConfig;
  clock: () => Date;
}

export interface TransferOptions {
  /** Who asked (agent or supervisor id), for the record. */
  by: string;
  /** What the next agent should know; kept with the packet. */
  note: string;
}

/**
 * Routing and queue for human agents: pure, in-memory, one per server.
 *
 * Every command is one synchronous state change that returns the events it caused, in order. JavaScript
 * runs a synchronous call to the end before anything else, so a capacity check and the reservation it
 * allows can never be split by another handoff: concurrent callers cannot overbook an agent. After each
 * command the desk is settled: no waiting conversation has a free agent who may take it.
 */
export class Desk {
  private readonly config: DeskConfig;
  private readonly clock: () => Date;
  private readonly agents = new Map<string, Agent>();
  private readonly conversations = new Map<string, DeskConversation>();
  private readonly queue: WaitingQueue<DeskConversation>;
  private readonly handleTime: HandleTimeEwma;
  private nextSequence = 0;
  private lastRoundRobinAgentId: string | undefined;

  constructor(options: DeskOptions) {
    this.config = options.config;
    this.clock = options.clock;
    const laneOrder = options.config.laneOrder;
    this.queue = new WaitingQueue((lane) => (options.config.priorityLanes ? laneOrder.indexOf(lane) : 0));
    this.handleTime = new HandleTimeEwma(options.config.handleTime);
  }

  // Agents

  /** Adds an agent or replaces a known agent's profile (their conversations stay with them). */
  upsertAgent(profile: AgentProfile): DeskEvent[] {
    const known = this.agents.get(profile.id);
    if (known === undefined) {
      const agent = createAgent(profile);
      this.agents.set(agent.id, agent);
      return [this.agentUpdated(agent), ...this.drain()];
    }
    const { id: _id, ...update } = profile;
    return this.updateAgent(profile.id, update);
  }

  /** Changes presence, capacity, skills or teams. Going offline gives their conversations back. */
  updateAgent(agentId: string, update: AgentUpdate): DeskEvent[] {
    const agent = this.requireAgent(agentId);
    const wasOffline = agent.presence === 'offline';
    applyAgentUpdate(agent, update);
    const events: DeskEvent[] = [this.agentUpdated(agent)];
    if (agent.presence === 'offline' && !wasOffline) events.push(...this.giveBack(agent));
    return [...events, ...this.drain()];
  }

  setPresence(agentId: string, presence: AgentProfile['presence']): DeskEvent[] {
    return this.updateAgent(agentId, { presence });
  }

  /** Takes the agent off the desk, as going offline does first. */
  removeAgent(agentId: string): DeskEvent[] {
    const events = this.setPresence(agentId, 'offline');
    this.agents.delete(agentId);
    if (this.lastRoundRobinAgentId === agentId) this.lastRoundRobinAgentId = undefined;
    return events;
  }

  agent(agentId: string): AgentView | undefined {
    const agent = this.agents.get(agentId);
    return agent && viewAgent(agent);
  }

  listAgents(): AgentView[] {
    return [...this.agents.values()].map(viewAgent);
  }

  // Conversations

  /**
   * Queues a handed-off conversation and offers it at once if a free agent may take it. `enqueuedAt`
   * (default now) lets a restarting server put conversations back at their original place; restore them
   * oldest first.
   */
  handoff(packet: HandoffPacket, options: { enqueuedAt?: Date | undefined } = {}): DeskEvent[] {
    if (this.conversations.has(packet.conversationId)) {
      throw new LivedeskError('conflict', `conversation ${packet.conversationId} is already on the desk`);
    }
    const conversation: DeskConversation = {
      conversationId: packet.conversationId,
      packet,
      lane: laneForPacket(packet, this.config),
      team: packet.team,
      enqueuedAtMs: options.enqueuedAt?.getTime() ?? this.nowMs(),
      sequence: this.nextSequence++,
      status: 'queued',
      agentId: undefined,
      pinnedAgentId: undefined,
      excludedAgentIds: new Set(),
      acceptedAtMs: undefined,
      transfers: [],
    };
    this.conversations.set(conversation.conversationId, conversation);
    this.queue.insert(conversation);
    return [this.queued(conversation), ...this.drain()];
  }

  /**
   * Offers the first waiting conversation (lane, then longest waiting) that a free agent may take, and
   * reserves the slot; `undefined` when there is none. Commands already call it until the desk is
   * settled; it is public for callers that drive routing themselves.
   */
  assignNext(): DeskEvent | undefined {
    const free = [...this.agents.values()].filter((agent) => freeSlots(agent) > 0);
    if (free.length === 0) return undefined;
    const rotation = [...this.agents.keys()];
    const blockedPools = new Set<string>();
    for (const conversation of this.queue.ordered()) {
      const pool = conversation.excludedAgentIds.size === 0 ? poolKey(conversation, this.config) : undefined;
      if (pool !== undefined && blockedPools.has(pool)) continue;
      const candidates = free.filter((agent) => mayTake(agent, conversation, this.config));
      const agent = pickAgent({
        candidates,
        selection: this.config.selection,
        rotation,
        lastAgentId: this.lastRoundRobinAgentId,
      });
      if (agent === undefined) {
        if (pool !== undefined) blockedPools.add(pool);
        continue;
      }
      return this.offer(conversation, agent);
    }
    return undefined;
  }

  /** The agent takes the conversation offered to them; its handle time starts now. */
  accept(agentId: string, conversationId: string): DeskEvent[] {
    const conversation = this.requireOfferedTo(agentId, conversationId);
    const agent = this.requireAgent(agentId);
    agent.offeredConversationIds.delete(conversationId);
    agent.activeConversationIds.add(conversationId);
    conversation.status = 'active';
    conversation.acceptedAtMs = this.nowMs();
    return [{ type: 'conversation-accepted', conversationId, agentId, at: this.nowIso() }];
  }

  /** The agent turns the offer down: it goes back to its place and is never offered to them again. */
  decline(agentId: string, conversationId: string): DeskEvent[] {
    const conversation = this.requireOfferedTo(agentId, conversationId);
    this.detach(conversation);
    conversation.excludedAgentIds.add(agentId);
    return [this.requeue(conversation, 'declined', agentId), ...this.drain()];
  }

  /**
   * The conversation leaves the desk (closed, handed back to the AI, or abandoned by the viewer); the
   * slot it held goes to the next waiting conversation. Closing or handing back an accepted conversation
   * feeds its handle time into the estimate.
   */
  release(conversationId: string, reason: ReleaseReason): DeskEvent[] {
    const conversation = this.requireConversation(conversationId);
    const agentId = conversation.agentId;
    let handleMs: number | undefined;
    if (
      conversation.status === 'active' &&
      conversation.acceptedAtMs !== undefined &&
      reason !== 'abandoned'
    ) {
      handleMs = this.nowMs() - conversation.acceptedAtMs;
      this.handleTime.record(handleMs);
    }
    this.detach(conversation);
    this.conversations.delete(conversationId);
    const released: DeskEvent = {
      type: 'conversation-released',
      conversationId,
      reason,
      at: this.nowIso(),
      ...(agentId === undefined ? {} : { agentId }),
      ...(handleMs === undefined ? {} : { handleMs }),
    };
    return [released, ...this.drain()];
  }

  /**
   * Moves the conversation (waiting or held) to an agent or a team, with a note kept alongside the
   * packet. It keeps its original enqueue time. A team transfer never goes back to the agent who
   * transferred it; an agent transfer waits for that agent (pinned) while they are full or away.
   */
  transfer(
    conversationId: string,
    target: TransferTarget,
    options: TransferOptions & { escalation?: boolean },
  ): DeskEvent[] {
    const conversation = this.requireConversation(conversationId);
    const fromAgentId = conversation.agentId;
    if ('agentId' in target) {
      const agent = this.requireAgent(target.agentId);
      if (agent.presence === 'offline') throw new LivedeskError('conflict', `agent ${agent.id} is offline`);
      if (fromAgentId === agent.id)
        throw new LivedeskError('conflict', `conversation ${conversationId} is already with ${agent.id}`);
    }
    const escalation = options.escalation ?? false;
    const at = this.nowIso();
    this.detach(conversation);
    if ('agentId' in target) {
      conversation.pinnedAgentId = target.agentId;
      conversation.excludedAgentIds.delete(target.agentId);
    } else {
      conversation.pinnedAgentId = undefined;
      conversation.team = target.team;
      // A transfer to a complaints team moves it up as a handoff to that team would have.
      const laneThere = laneForPacket({ ...conversation.packet, team: target.team }, this.config);
      conversation.lane = higherLane(conversation.lane, laneThere, this.config.laneOrder);
      if (fromAgentId !== undefined) conversation.excludedAgentIds.add(fromAgentId);
    }
    if (escalation) conversation.lane = higherLane(conversation.lane, 'high', this.config.laneOrder);
    conversation.transfers.push({
      by: options.by,
      note: options.note,
      to: target,
      fromAgentId,
      escalation,
      at,
    });
    conversation.status = 'queued';
    this.queue.insert(conversation);
    const transferred: DeskEvent = {
      type: 'conversation-transferred',
      conversationId,
      to: target,
      by: options.by,
      note: options.note,
      escalation,
      at,
      ...(fromAgentId === undefined ? {} : { fromAgentId }),
    };
    return [transferred, this.queued(conversation), ...this.drain()];
  }

  /** One call: to the supervisor team, in at least the `high` lane. */
  escalateToSupervisor(conversationId: string, options: TransferOptions): DeskEvent[] {
    return this.transfer(
      conversationId,
      { team: this.config.supervisorTeam },
      { ...options, escalation: true },
    );
  }

  /** Puts a held conversation (e.g. one that needs reassignment) back at its original place in the queue. */
  requeueConversation(conversationId: string): DeskEvent[] {
    const conversation = this.requireConversation(conversationId);
    if (conversation.status === 'queued') return [];
    const previousAgentId = conversation.agentId;
    this.detach(conversation);
    return [this.requeue(conversation, 'reassigned', previousAgentId), ...this.drain()];
  }

  conversation(conversationId: string): DeskConversationView | undefined {
    const conversation = this.conversations.get(conversationId);
    return conversation && viewConversation(conversation);
  }

  /** The console's list: positions, waits, estimates, long-wait flags, agents' loads. */
  snapshot(): QueueSnapshot {
    return buildQueueSnapshot({
      nowMs: this.nowMs(),
      queued: this.queue.ordered(),
      held: this.conversations.values(),
      agents: this.agents.values(),
      averageHandleMs: this.handleTime.averageMs,
      config: this.config,
    });
  }

  // Internals

  private drain(): DeskEvent[] {
    const events: DeskEvent[] = [];
    for (let event = this.assignNext(); event !== undefined; event = this.assignNext()) events.push(event);
    return events;
  }

  private offer(conversation: DeskConversation, agent: Agent): DeskEvent {
    this.queue.remove(conversation.conversationId);
    conversation.status = 'offered';
    conversation.agentId = agent.id;
    conversation.pinnedAgentId = undefined;
    agent.offeredConversationIds.add(conversation.conversationId);
    agent.lastOfferedAtMs = this.nowMs();
    this.lastRoundRobinAgentId = agent.id;
    return {
      type: 'conversation-assigned',
      conversationId: conversation.conversationId,
      agentId: agent.id,
      at: this.nowIso(),
    };
  }

  /** Takes the conversation out of the queue or off its agent; the caller decides where it goes. */
  private detach(conversation: DeskConversation): void {
    if (conversation.status === 'queued') this.queue.remove(conversation.conversationId);
    if (conversation.agentId !== undefined) {
      const agent = this.agents.get(conversation.agentId);
      agent?.offeredConversationIds.delete(conversation.conversationId);
      agent?.activeConversationIds.delete(conversation.conversationId);
    }
    conversation.agentId = undefined;
    conversation.acceptedAtMs = undefined;
  }

  private requeue(
    conversation: DeskConversation,
    reason: RequeueReason,
    previousAgentId: string | undefined,
  ): DeskEvent {
    conversation.status = 'queued';
    if (!this.queue.has(conversation.conversationId)) this.queue.insert(conversation);
    return {
      type: 'conversation-requeued',
      conversationId: conversation.conversationId,
      reason,
      at: this.nowIso(),
      ...(previousAgentId === undefined ? {} : { previousAgentId }),
    };
  }

  /** An agent went offline: offers go back to their place, accepted ones by policy, pins are dropped. */
  private giveBack(agent: Agent): DeskEvent[] {
    const events: DeskEvent[] = [];
    for (const conversationId of [...agent.offeredConversationIds]) {
      const conversation = this.requireConversation(conversationId);
      this.detach(conversation);
      events.push(this.requeue(conversation, 'agent-offline', agent.id));
    }
    for (const conversationId of [...agent.activeConversationIds]) {
      const conversation = this.requireConversation(conversationId);
      this.detach(conversation);
      if (this.config.onAgentOffline === 'requeue') {
        events.push(this.requeue(conversation, 'agent-offline', agent.id));
      } else {
        conversation.status = 'needs-reassignment';
        events.push({
          type: 'conversation-needs-reassignment',
          conversationId,
          previousAgentId: agent.id,
          at: this.nowIso(),
        });
      }
    }
    for (const conversation of [...this.queue.ordered()]) {
      if (conversation.pinnedAgentId !== agent.id) continue;
      // Re-insert: its service order does not change, but its pool does.
      this.queue.remove(conversation.conversationId);
      conversation.pinnedAgentId = undefined;
      events.push(this.requeue(conversation, 'agent-offline', agent.id));
    }
    return events;
  }

  private queued(conversation: DeskConversation): DeskEvent {
    return {
      type: 'conversation-queued',
      conversationId: conversation.conversationId,
      lane: conversation.lane,
      team: conversation.team,
      at: this.nowIso(),
    };
  }

  private agentUpdated(agent: Agent): DeskEvent {
    return {
      type: 'agent-updated',
      agentId: agent.id,
      presence: agent.presence,
      capacity: agent.capacity,
      at: this.nowIso(),
    };
  }

  private requireAgent(agentId: string): Agent {
    const agent = this.agents.get(agentId);
    if (agent === undefined) throw new LivedeskError('not_found', `no agent ${agentId} on the desk`);
    return agent;
  }

  private requireConversation(conversationId: string): DeskConversation {
    const conversation = this.conversations.get(conversationId);
    if (conversation === undefined)
      throw new LivedeskError('not_found', `no conversation ${conversationId} on the desk`);
    return conversation;
  }

  private requireOfferedTo(agentId: string, conversationId: string): DeskConversation {
    const conversation = this.requireConversation(conversationId);
    if (conversation.status !== 'offered' || conversation.agentId !== agentId) {
      throw new LivedeskError('conflict', `conversation ${conversationId} is not offered to ${agentId}`);
    }
    return conversation;
  }

  private nowMs(): number {
    return this.clock().getTime();
  }

  private nowIso(): string {
    return this.clock().toISOString();
  }
}
