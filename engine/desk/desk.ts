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
import {
  isFlagged,
  offerExpiresAt,
  viewConversation,
  type DeskConversation,
  type DeskConversationView,
} from './desk-conversation.js';
import type { DeskEvent, ReleaseReason, RequeueReason, TransferTarget } from './desk-events.js';
import { mayTake, poolKey } from './eligibility.js';
import { HandleTimeEwma } from './handle-time-ewma.js';
import { laneReasonsForPacket, withLaneReason } from './lane-reasons.js';
import { pickAgent } from './pick-agent.js';
import { higherLane, laneForPacket } from './queue-lane.js';
import { buildQueueSnapshot, type QueueSnapshot } from './queue-snapshot.js';
import { slaStatus, type SlaStatus } from './response-sla.js';
import { WaitingQueue } from './waiting-queue.js';

export interface DeskOptions {
  config: DeskConfig;
  clock: () => Date;
}

/** Where a conversation stood before a restart (or where a live handoff starts). */
export interface HandoffOptions {
  /** Its place in line; default now. Restore conversations oldest first. */
  enqueuedAt?: Date | undefined;
  /** When a person first answered it, if one did before the restart. */
  respondedAt?: Date | undefined;
  /** The viewer's oldest message no person has answered; default `enqueuedAt` until someone answers. */
  awaitingReplySince?: Date | undefined;
  /** An agent escalated it to a supervisor: it keeps the higher lane. */
  escalated?: boolean | undefined;
  /** No viewer socket is open since then (undefined: the viewer is here). */
  viewerAwaySince?: Date | undefined;
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
    // Within a lane VIPs go first; without lanes the queue is strictly oldest first.
    this.queue = new WaitingQueue((conversation) =>
      options.config.priorityLanes
        ? laneOrder.indexOf(conversation.lane) * 2 + (conversation.packet.viewer.tier === 'vip' ? 0 : 1)
        : 0,
    );
    this.handleTime = new HandleTimeEwma(options.config.handleTime);
  }

  /** The settings the desk runs with (read-only). */
  get settings(): Readonly<DeskConfig> {
    return this.config;
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

  /**
   * Changes presence, capacity, skills or teams. Going Away gives back what is only offered; going
   * offline gives everything back; coming online starts a fresh count of missed offers.
   */
  updateAgent(agentId: string, update: AgentUpdate): DeskEvent[] {
    const agent = this.requireAgent(agentId);
    const before = agent.presence;
    applyAgentUpdate(agent, update);
    const events: DeskEvent[] = [this.agentUpdated(agent)];
    if (agent.presence === 'online' && before !== 'online') agent.missedOffers = 0;
    if (agent.presence === 'offline' && before !== 'offline') events.push(...this.giveBack(agent));
    if (agent.presence === 'away' && before === 'online')
      events.push(...this.giveBackOffers(agent, 'agent-away'));
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
  handoff(packet: HandoffPacket, options: HandoffOptions = {}): DeskEvent[] {
    if (this.conversations.has(packet.conversationId)) {
      throw new LivedeskError('conflict', `conversation ${packet.conversationId} is already on the desk`);
    }
    const enqueuedAtMs = options.enqueuedAt?.getTime() ?? this.nowMs();
    const respondedAtMs = options.respondedAt?.getTime();
    let lane = laneForPacket(packet, this.config);
    let laneReasons = laneReasonsForPacket(packet, this.config.complaintTeams);
    if (options.escalated) {
      lane = higherLane(lane, 'high', this.config.laneOrder);
      laneReasons = withLaneReason(laneReasons, 'escalated');
    }
    const conversation: DeskConversation = {
      conversationId: packet.conversationId,
      packet,
      lane,
      laneReasons,
      team: packet.team,
      enqueuedAtMs,
      sequence: this.nextSequence++,
      status: 'queued',
      agentId: undefined,
      pinnedAgentId: undefined,
      excludedAgentIds: new Set(),
      passedOverAgentIds: new Set(),
      overflow: false,
      offeredAtMs: undefined,
      acceptedAtMs: undefined,
      transfers: [],
      respondedAtMs,
      awaitingReplySinceMs:
        options.awaitingReplySince?.getTime() ?? (respondedAtMs === undefined ? enqueuedAtMs : undefined),
      viewerAwaySinceMs: options.viewerAwaySince?.getTime(),
      flaggedForMs: undefined,
      breachedDueAtMs: undefined,
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
      // Someone who let it lapse gets it again only when nobody else can take it.
      const fresh = candidates.filter((agent) => !conversation.passedOverAgentIds.has(agent.id));
      const agent = pickAgent({
        candidates: fresh.length > 0 ? fresh : candidates,
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
    agent.missedOffers = 0;
    conversation.status = 'active';
    conversation.offeredAtMs = undefined;
    conversation.acceptedAtMs = this.nowMs();
    return [{ type: 'conversation-accepted', conversationId, agentId, at: this.nowIso() }];
  }

  /**
   * The agent turns the offer down: it goes back to its place, is offered at once to the next eligible
   * agent, and never to them again.
   */
  decline(agentId: string, conversationId: string): DeskEvent[] {
    const conversation = this.requireOfferedTo(agentId, conversationId);
    this.requireAgent(agentId).missedOffers = 0;
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
      if (this.config.complaintTeams.includes(target.team))
        conversation.laneReasons = withLaneReason(conversation.laneReasons, 'complaints-team');
      conversation.overflow = false;
      if (fromAgentId !== undefined) conversation.excludedAgentIds.add(fromAgentId);
    }
    if (escalation) {
      conversation.lane = higherLane(conversation.lane, 'high', this.config.laneOrder);
      conversation.laneReasons = withLaneReason(conversation.laneReasons, 'escalated');
    }
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
    if (!conversation) return undefined;
    return viewConversation(conversation, {
      sla: this.slaOf(conversation, this.nowMs()),
      offerTimeoutMs: this.config.offerTimeoutMs,
    });
  }

  /** The console's list: positions, waits, estimates, long-wait flags, SLAs, agents' loads. */
  snapshot(): QueueSnapshot {
    const nowMs = this.nowMs();
    return buildQueueSnapshot({
      nowMs,
      queued: this.queue.ordered(),
      held: this.conversations.values(),
      agents: this.agents.values(),
      averageHandleMs: this.handleTime.averageMs,
      config: this.config,
      slaOf: (conversation) => this.slaOf(conversation, nowMs),
    });
  }

  // What the desk hears of the conversations it holds

  /** A viewer socket opened (`true`) or the last one closed (`false`); unknown conversations are ignored. */
  viewerPresence(conversationId: string, present: boolean): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return;
    if (present) conversation.viewerAwaySinceMs = undefined;
    else conversation.viewerAwaySinceMs ??= this.nowMs();
  }

  /**
   * The viewer wrote: a person owes them a reply from now, unless one was owed already. False when the
   * conversation is not on the desk.
   */
  viewerMessaged(conversationId: string): boolean {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return false;
    conversation.awaitingReplySinceMs ??= this.nowMs();
    conversation.viewerAwaySinceMs = undefined;
    return true;
  }

  /** A person wrote to the viewer: nothing is owed until the viewer writes again. False when not on the desk. */
  agentReplied(conversationId: string): boolean {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return false;
    conversation.respondedAtMs ??= this.nowMs();
    conversation.awaitingReplySinceMs = undefined;
    conversation.flaggedForMs = undefined;
    return true;
  }

  /**
   * What time alone changes, as of the clock now: offers that lapsed go to the next agent (and an agent
   * who keeps letting them lapse is set Away), agents who owe a reply are flagged then relieved, missed
   * response targets are recorded, viewers gone too long leave the queue, and conversations whose team
   * never came online overflow to anyone. Call it every second or so.
   */
  tick(): DeskEvent[] {
    const nowMs = this.nowMs();
    const events: DeskEvent[] = [];
    for (const conversation of [...this.conversations.values()]) {
      if (!this.conversations.has(conversation.conversationId)) continue;
      events.push(...this.checkDeadlines(conversation, nowMs));
    }
    return [...events, ...this.drain()];
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
    conversation.offeredAtMs = this.nowMs();
    agent.offeredConversationIds.add(conversation.conversationId);
    agent.lastOfferedAtMs = this.nowMs();
    this.lastRoundRobinAgentId = agent.id;
    const expiresAt = offerExpiresAt(conversation, this.config.offerTimeoutMs);
    return {
      type: 'conversation-assigned',
      conversationId: conversation.conversationId,
      agentId: agent.id,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      at: this.nowIso(),
    };
  }

  private slaOf(conversation: DeskConversation, nowMs: number): SlaStatus {
    return slaStatus(conversation, conversation.lane, this.config.sla, nowMs);
  }

  private checkDeadlines(conversation: DeskConversation, nowMs: number): DeskEvent[] {
    const events: DeskEvent[] = [];
    const sla = this.slaOf(conversation, nowMs);
    if (
      sla.breached &&
      sla.kind !== null &&
      sla.dueAtMs !== null &&
      conversation.breachedDueAtMs !== sla.dueAtMs
    ) {
      conversation.breachedDueAtMs = sla.dueAtMs;
      events.push({
        type: 'sla-breached',
        conversationId: conversation.conversationId,
        reason: sla.kind,
        dueAt: new Date(sla.dueAtMs).toISOString(),
        ...(conversation.agentId === undefined ? {} : { agentId: conversation.agentId }),
        at: this.nowIso(),
      });
    }
    const waitingForPerson = conversation.status !== 'active';
    const awaySince = conversation.viewerAwaySinceMs;
    if (
      waitingForPerson &&
      this.config.abandonAfterMs > 0 &&
      awaySince !== undefined &&
      nowMs - awaySince >= this.config.abandonAfterMs
    ) {
      return [...events, ...this.release(conversation.conversationId, 'abandoned')];
    }
    switch (conversation.status) {
      case 'offered':
        if (nowMs - (conversation.offeredAtMs ?? nowMs) >= this.config.offerTimeoutMs)
          events.push(...this.expireOffer(conversation));
        break;
      case 'active':
        events.push(...this.checkOwedReply(conversation, nowMs));
        break;
      case 'queued':
        if (this.shouldOverflow(conversation, nowMs)) {
          conversation.overflow = true;
          conversation.laneReasons = withLaneReason(conversation.laneReasons, 'overflow');
          events.push({
            type: 'conversation-overflowed',
            conversationId: conversation.conversationId,
            team: conversation.team,
            at: this.nowIso(),
          });
        }
        break;
      case 'needs-reassignment':
        break;
    }
    return events;
  }

  /** The offer lapsed: next agent; an agent who keeps letting offers lapse is set Away. */
  private expireOffer(conversation: DeskConversation): DeskEvent[] {
    const agent = this.requireAgent(conversation.agentId ?? '');
    this.detach(conversation);
    conversation.passedOverAgentIds.add(agent.id);
    agent.missedOffers += 1;
    const events: DeskEvent[] = [this.requeue(conversation, 'offer-expired', agent.id)];
    if (agent.missedOffers >= this.config.maxMissedOffers && agent.presence === 'online') {
      events.push({
        type: 'agent-set-away',
        agentId: agent.id,
        reason: 'missed-offers',
        missedOffers: agent.missedOffers,
        at: this.nowIso(),
      });
      agent.presence = 'away';
      events.push(this.agentUpdated(agent), ...this.giveBackOffers(agent, 'agent-away'));
    }
    return events;
  }

  /** The agent holding it owes the viewer a reply: flag it, then hand it to someone else. */
  private checkOwedReply(conversation: DeskConversation, nowMs: number): DeskEvent[] {
    const owedSinceMs = conversation.awaitingReplySinceMs;
    const agentId = conversation.agentId;
    if (owedSinceMs === undefined || agentId === undefined) return [];
    const sinceMs = Math.max(owedSinceMs, conversation.acceptedAtMs ?? owedSinceMs);
    const { flagAfterMs, reassignAfterMs } = this.config.unanswered;
    if (reassignAfterMs > 0 && nowMs - sinceMs >= reassignAfterMs) {
      this.detach(conversation);
      conversation.passedOverAgentIds.add(agentId);
      return [this.requeue(conversation, 'unresponsive', agentId)];
    }
    if (flagAfterMs > 0 && nowMs - sinceMs >= flagAfterMs && !isFlagged(conversation)) {
      conversation.flaggedForMs = owedSinceMs;
      return [
        {
          type: 'conversation-flagged',
          conversationId: conversation.conversationId,
          agentId,
          reason: 'no-reply',
          waitingSince: new Date(sinceMs).toISOString(),
          at: this.nowIso(),
        },
      ];
    }
    return [];
  }

  private shouldOverflow(conversation: DeskConversation, nowMs: number): boolean {
    if (
      conversation.overflow ||
      !this.config.matchSkills ||
      this.config.teamOverflowMs === 0 ||
      conversation.pinnedAgentId !== undefined ||
      nowMs - conversation.enqueuedAtMs < this.config.teamOverflowMs
    )
      return false;
    // Only when nobody who may take it is even online: busy team members will free up.
    return ![...this.agents.values()].some(
      (agent) => agent.presence === 'online' && mayTake(agent, conversation, this.config),
    );
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
    conversation.offeredAtMs = undefined;
    conversation.acceptedAtMs = undefined;
    conversation.flaggedForMs = undefined;
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

  /** Offers the agent has not answered go back to their place in the queue. */
  private giveBackOffers(agent: Agent, reason: RequeueReason): DeskEvent[] {
    return [...agent.offeredConversationIds].map((conversationId) => {
      const conversation = this.requireConversation(conversationId);
      this.detach(conversation);
      return this.requeue(conversation, reason, agent.id);
    });
  }

  /** An agent went offline: offers go back to their place, accepted ones by policy, pins are dropped. */
  private giveBack(agent: Agent): DeskEvent[] {
    const events: DeskEvent[] = this.giveBackOffers(agent, 'agent-offline');
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
      reasons: [...conversation.laneReasons],
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
