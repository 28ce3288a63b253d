import type { Scheduler } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { AgentUpdate, AgentView } from '../../engine/desk/agent.js';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import type { DeskEvent, RequeueReason, TransferTarget } from '../../engine/desk/desk-events.js';
import type { Desk, HandoffOptions } from '../../engine/desk/desk.js';
import { isTeamOpen, nextOpening, type BusinessHours } from '../../engine/desk/business-hours.js';
import type { QueueSnapshot } from '../../engine/desk/queue-snapshot.js';
import type { HandoffPacket } from '../../engine/handoff/handoff-packet.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { AgentReleaseReason } from '../realtime/agent-frames.js';
import type { ConversationChannel, SequencedEvent } from '../realtime/conversation-channel.js';
import type { AgentSession, AgentSessions } from './agent-sessions.js';
import { createCoalescedTask, type CoalescedTask } from './coalesced-task.js';
import type { ConversationDirectory } from './conversation-directory.js';
import { OfflineGrace } from './offline-grace.js';
import type { MessageTranslation, ReplyTranslationDetails } from '../translation/message-translation.js';
import { leftQueueLine, outOfHoursLine, queueLanguage, welcomeLine } from './queue-wording.js';
import { ViewerQueueStatus, viewerQueuePlace } from './viewer-queue-status.js';

/** What routing needs of a staff member (their account's skills, teams and capacity). */
export interface RoutingProfile {
  name: string;
  capacity: number;
  skills: readonly string[];
  teams: readonly string[];
}

/** The auto-replier's side of the desk (server/desk/auto-replier.ts). */
export interface ConversationObserver {
  observe(
    conversationId: string,
    event: ConversationEvent,
    conversation: ConversationChannel['conversation'],
    /** Where the event was stored; undefined for live-only events or a failed append. */
    sequence?: number,
  ): void;
  close(): void;
}

export interface DeskServiceOptions {
  desk: Desk;
  directory: ConversationDirectory;
  sessions: AgentSessions;
  /** An agent whose last socket closed goes offline after this long. */
  agentOfflineGraceMs: number;
  /** Queue positions and the console's snapshot are recomputed at least this often. */
  queueRefreshMs: number;
  /** Snapshots go out at most this often however busy the desk is. Default 200 ms (5/s). */
  minBroadcastIntervalMs?: number;
  schedule?: Scheduler;
  nowMs?: () => number;
  /** Fed every event as it goes out (keyword auto-replies). */
  observer?: ConversationObserver | undefined;
  /** The wall clock business hours are read on; the desk's own clock. */
  clock?: (() => Date) | undefined;
  /** How often time-driven changes are looked for (offers lapsing, owed replies, SLAs, viewers gone). Default 1 s. */
  tickIntervalMs?: number;
  /** When each team answers; without it every team is always open. */
  businessHours?: BusinessHours | undefined;
  /**
   * Opens a ticket for a viewer who asks for a person while their team is closed and nobody of it is
   * online, so the question is answered when the team is back; resolves to the ticket's id.
   */
  openTicket?: ((conversationId: string) => Promise<string | undefined>) | undefined;
  /** Translates agent replies into the viewer's language (server/translation/); absent: sent as written. */
  translation?: Pick<MessageTranslation, 'reply'> | undefined;
}

/** The text a viewer's transition carries when the desk moves their conversation back to the queue. */
const REQUEUE_REASON: Record<RequeueReason, string> = {
  'agent-offline': 'the agent went offline',
  'agent-away': 'the agent went away',
  declined: 'the agent declined',
  'offer-expired': 'the offer lapsed',
  reassigned: 'reassigned by a supervisor',
  unresponsive: 'the agent did not answer in time',
};

const defaultScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * The live desk: one engine `Desk` wired to the conversations and the consoles. A committed handoff
 * puts the conversation in the queue; every desk event is recorded on its conversation and moves its
 * state (accepted → with a person, requeued or transferred → waiting, closed → asks for a rating);
 * agents and supervisors are told of assignments, viewers of their place in the queue.
 *
 * Commands resolve once the target conversation's resulting events are committed. Permissions are the
 * caller's job (desk-permissions.ts); engine errors (`not_found`, `conflict`) propagate.
 */
export class DeskService {
  private readonly desk: Desk;
  private readonly directory: ConversationDirectory;
  private readonly sessions: AgentSessions;
  private readonly observer: ConversationObserver | undefined;
  private readonly schedule: Scheduler;
  private readonly grace: OfflineGrace;
  private readonly viewerQueue: ViewerQueueStatus;
  private readonly broadcast: CoalescedTask;
  private readonly queueRefreshMs: number;
  private readonly tickIntervalMs: number;
  private readonly businessHours: BusinessHours | undefined;
  private readonly clock: () => Date;
  private readonly openTicket: DeskServiceOptions['openTicket'];
  private readonly translation: DeskServiceOptions['translation'];
  private readonly stopObserving: () => void;
  /** Open viewer sockets per conversation: the desk releases a waiting viewer who left. */
  private readonly viewerSockets = new Map<string, number>();
  private cancelRefresh: (() => void) | undefined;
  private cancelTick: (() => void) | undefined;
  private closed = false;

  constructor(options: DeskServiceOptions) {
    this.desk = options.desk;
    this.directory = options.directory;
    this.sessions = options.sessions;
    this.observer = options.observer;
    this.schedule = options.schedule ?? defaultScheduler;
    this.queueRefreshMs = options.queueRefreshMs;
    this.tickIntervalMs = options.tickIntervalMs ?? 1000;
    this.businessHours = options.businessHours;
    this.clock = options.clock ?? (() => new Date());
    this.openTicket = options.openTicket;
    this.translation = options.translation;
    this.grace = new OfflineGrace({ graceMs: options.agentOfflineGraceMs, schedule: this.schedule });
    const abandonAfterMs = this.desk.settings.abandonAfterMs;
    this.viewerQueue = new ViewerQueueStatus(options.directory, {
      placeKeptMs: abandonAfterMs > 0 ? abandonAfterMs : null,
    });
    this.broadcast = createCoalescedTask(() => this.publishQueue(), {
      minIntervalMs: options.minBroadcastIntervalMs ?? 200,
      schedule: this.schedule,
      nowMs: options.nowMs ?? (() => performance.now()),
    });
    this.stopObserving = this.directory.observe((conversationId, item) => this.onEvent(conversationId, item));
    this.scheduleRefresh();
    this.scheduleTick();
  }

  // Reading

  snapshot(): QueueSnapshot {
    return this.desk.snapshot();
  }

  conversation(conversationId: string): DeskConversationView | undefined {
    return this.desk.conversation(conversationId);
  }

  agent(agentId: string): AgentView | undefined {
    return this.desk.agent(agentId);
  }

  listAgents(): AgentView[] {
    return this.desk.listAgents();
  }

  /** What the agent holds (offered and accepted), for a console that reconnects. */
  heldBy(agentId: string): DeskConversationView[] {
    const agent = this.desk.agent(agentId);
    if (!agent) return [];
    return [...agent.offeredConversationIds, ...agent.activeConversationIds].flatMap((conversationId) => {
      const view = this.desk.conversation(conversationId);
      return view ? [view] : [];
    });
  }

  // Conversations

  /**
   * Puts a handed-off conversation in the queue. A restored one (`restored`) keeps its place, its
   * response clock and its lane; a live one greets the viewer with their place and wait. Out of hours,
   * with nobody of its team online, a live handoff opens a ticket instead and the AI carries on.
   */
  enqueue(packet: HandoffPacket, options: { restored?: HandoffOptions }): void {
    const channel = this.directory.get(packet.conversationId);
    if (!channel || this.closed) return;
    if (this.desk.conversation(packet.conversationId)) {
      console.error('handoff for a conversation already on the desk', {
        conversationId: packet.conversationId,
      });
      return;
    }
    if (!options.restored && this.outOfHours(packet.team)) {
      void this.answerOutOfHours(channel, packet.team);
      return;
    }
    const events = this.desk.handoff(packet, options.restored ?? {});
    if ((this.viewerSockets.get(packet.conversationId) ?? 0) === 0)
      this.desk.viewerPresence(packet.conversationId, false);
    this.apply(events, undefined);
    if (!options.restored) this.welcome(channel);
  }

  /** A viewer socket joined: a waiting viewer learns their place at once. */
  viewerJoined(channel: ConversationChannel): void {
    const conversationId = channel.conversationId;
    this.viewerSockets.set(conversationId, (this.viewerSockets.get(conversationId) ?? 0) + 1);
    this.desk.viewerPresence(conversationId, true);
    const place = viewerQueuePlace(this.desk.snapshot(), conversationId);
    if (place) this.viewerQueue.send(conversationId, place);
  }

  /** A viewer socket closed: when it was their last, the desk starts counting towards abandonment. */
  viewerLeft(channel: ConversationChannel): void {
    const conversationId = channel.conversationId;
    const open = (this.viewerSockets.get(conversationId) ?? 1) - 1;
    if (open > 0) {
      this.viewerSockets.set(conversationId, open);
      return;
    }
    this.viewerSockets.delete(conversationId);
    this.desk.viewerPresence(conversationId, false);
  }

  accept(agentId: string, conversationId: string): Promise<SequencedEvent[]> {
    return this.command(conversationId, agentId, () => this.desk.accept(agentId, conversationId));
  }

  decline(agentId: string, conversationId: string): Promise<SequencedEvent[]> {
    return this.command(conversationId, agentId, () => this.desk.decline(agentId, conversationId));
  }

  /**
   * An agent's reply. With a `clientMessageId` the conversation remembers it (and rebuilds the memory from
   * its log), so `storedReply` recognises a resend instead of storing it twice.
   */
  reply(
    agentId: string,
    conversationId: string,
    message: { text: string; entryIds?: readonly string[] | undefined; clientMessageId?: string | undefined },
  ): Promise<SequencedEvent[]> {
    const { clientMessageId } = message;
    const channel = this.directory.get(conversationId);
    const send = (translated: ReplyTranslationDetails) =>
      this.command(conversationId, agentId, (live) => {
        const details = { entryIds: message.entryIds, clientMessageId, ...translated };
        if (!live.conversation.agentMessage(agentId, message.text, details))
          throw new LivedeskError('conflict', 'the conversation is not with a person');
        return [];
      });
    // Only a reply that is translated (or follows one) waits; the others are stored at once, as before.
    const translating =
      channel && channel.conversation.state === 'human'
        ? this.translation?.reply(conversationId, channel.conversation, message.text)
        : undefined;
    const committed = translating ? translating.then(send) : send({});
    if (clientMessageId !== undefined && channel) {
      channel.rememberReply(
        agentId,
        clientMessageId,
        committed.then(
          (items) => items.find((item) => item.event.type === 'agent-message')?.sequence,
          () => undefined,
        ),
      );
    }
    return committed;
  }

  /**
   * The agent is typing in the conversation (or stopped): the viewer is told, nothing is stored. False
   * when the conversation is not live here or not with a person. Who may send it is the caller's check.
   */
  typing(agentId: string, conversationId: string, active: boolean): boolean {
    return this.directory.get(conversationId)?.conversation.agentTyping(agentId, active) ?? false;
  }

  /**
   * The sequence this agent's reply with `clientMessageId` was stored at (a promise while it is being
   * stored), or undefined when the conversation has not stored one: the resend is then a new reply.
   */
  storedReply(
    agentId: string,
    conversationId: string,
    clientMessageId: string,
  ): Promise<number | undefined> | undefined {
    return this.directory.get(conversationId)?.storedReply(agentId, clientMessageId);
  }

  transfer(
    actorId: string,
    conversationId: string,
    transfer: { to: TransferTarget; note: string },
  ): Promise<SequencedEvent[]> {
    return this.command(conversationId, actorId, () =>
      this.desk.transfer(conversationId, transfer.to, { by: actorId, note: transfer.note }),
    );
  }

  escalate(actorId: string, conversationId: string, note: string): Promise<SequencedEvent[]> {
    return this.command(conversationId, actorId, () =>
      this.desk.escalateToSupervisor(conversationId, { by: actorId, note }),
    );
  }

  handBack(actorId: string, conversationId: string): Promise<SequencedEvent[]> {
    return this.command(conversationId, actorId, () => this.desk.release(conversationId, 'handed-back'));
  }

  close(actorId: string, conversationId: string): Promise<SequencedEvent[]> {
    return this.command(conversationId, actorId, () => this.desk.release(conversationId, 'closed'));
  }

  requeue(actorId: string, conversationId: string): Promise<SequencedEvent[]> {
    return this.command(conversationId, actorId, () => this.desk.requeueConversation(conversationId));
  }

  // Agents

  /**
   * A console socket signed in. With a routing profile the user is on the desk: new (or back from
   * offline) they come online; a reload within the grace period changes nothing. Returns their desk
   * record, null for staff who take no conversations.
   */
  agentConnected(session: AgentSession, profile: RoutingProfile | undefined): AgentView | null {
    this.sessions.add(session);
    this.grace.cancel(session.userId);
    if (!profile) return null;
    const known = this.desk.agent(session.userId);
    if (!known || known.presence === 'offline') {
      this.apply(
        this.desk.upsertAgent({
          id: session.userId,
          name: profile.name,
          presence: 'online',
          capacity: profile.capacity,
          skills: [...profile.skills],
          teams: [...profile.teams],
        }),
        undefined,
      );
    }
    return this.desk.agent(session.userId) ?? null;
  }

  /** A console socket closed; the agent goes offline when their last one has been gone for the grace. */
  agentDisconnected(session: AgentSession): void {
    const open = this.sessions.remove(session);
    const agent = this.desk.agent(session.userId);
    if (open > 0 || !agent || agent.presence === 'offline' || this.closed) return;
    this.grace.start(session.userId, () => {
      if (this.sessions.count(session.userId) === 0)
        this.updateAgent(session.userId, { presence: 'offline' });
    });
  }

  /** Presence, capacity, skills or teams (the agent's own console, or a supervisor). */
  updateAgent(agentId: string, update: AgentUpdate): AgentView {
    this.apply(this.desk.updateAgent(agentId, update), undefined);
    const agent = this.desk.agent(agentId);
    if (!agent) throw new LivedeskError('not_found', `no agent ${agentId} on the desk`);
    return agent;
  }

  /** Runs the desk's time-driven checks now (the timer does this every `tickIntervalMs`). */
  tick(): void {
    if (this.closed) return;
    this.apply(this.desk.tick(), undefined);
  }

  /** Stops timers and observers; the desk itself is dropped with the process. */
  stop(): void {
    this.closed = true;
    this.stopObserving();
    this.broadcast.cancel();
    this.cancelRefresh?.();
    this.cancelTick?.();
    this.grace.close();
    this.observer?.close();
  }

  // Internals

  /** Runs inside the channel's delivery loop: a failure here must not stop the other subscribers. */
  private onEvent(conversationId: string, item: SequencedEvent): void {
    if (this.closed) return;
    const { event } = item;
    try {
      if (event.type === 'handoff') this.enqueue(event.packet, {});
      // Who owes whom a reply moves the SLA countdowns the consoles show.
      const clockMoved =
        (event.type === 'viewer-message' && this.desk.viewerMessaged(conversationId)) ||
        (event.type === 'agent-message' && this.desk.agentReplied(conversationId));
      if (clockMoved) this.broadcast.request();
      const conversation = this.directory.get(conversationId)?.conversation;
      if (conversation) this.observer?.observe(conversationId, event, conversation, item.sequence);
    } catch (error) {
      console.error('desk could not handle a conversation event', {
        conversationId,
        type: event.type,
        error,
      });
    }
  }

  /** Runs a desk command and resolves when its effects on the conversation are committed. */
  private async command(
    conversationId: string,
    actorId: string,
    run: (channel: ConversationChannel) => DeskEvent[],
  ): Promise<SequencedEvent[]> {
    const channel = this.directory.get(conversationId);
    if (!channel) throw new LivedeskError('not_found', `no live conversation ${conversationId}`);
    return channel.commit(() => this.apply(run(channel), actorId));
  }

  /** Records each desk event on its conversation and carries out what it means there and for the consoles. */
  private apply(events: readonly DeskEvent[], actorId: string | undefined): void {
    for (const event of events) {
      if (event.type === 'agent-updated') continue;
      if (event.type === 'agent-set-away') {
        this.sessions.toUser(event.agentId, {
          type: 'notice',
          code: 'auto-away',
          missedOffers: event.missedOffers,
        });
        continue;
      }
      const conversation = this.directory.get(event.conversationId)?.conversation;
      conversation?.recordDesk(event);
      switch (event.type) {
        case 'conversation-queued':
        case 'sla-breached':
        case 'conversation-overflowed':
          break;
        case 'conversation-assigned':
          this.sessions.follow(event.agentId, event.conversationId);
          this.tellAssignment(event.conversationId, event.agentId, 'offered');
          break;
        case 'conversation-accepted':
          conversation?.assign(event.agentId);
          this.sessions.follow(event.agentId, event.conversationId);
          this.tellAssignment(event.conversationId, event.agentId, 'active');
          break;
        case 'conversation-requeued':
          if (conversation?.state === 'human') conversation.requeue(REQUEUE_REASON[event.reason]);
          if (event.previousAgentId !== undefined) {
            this.tellReleased(event.previousAgentId, event.conversationId, event.reason);
            if (event.reason === 'offer-expired')
              this.sessions.toUser(event.previousAgentId, {
                type: 'notice',
                code: 'offer-expired',
                conversationId: event.conversationId,
              });
          }
          break;
        case 'conversation-needs-reassignment':
          if (conversation?.state === 'human') conversation.requeue('the agent went offline');
          this.tellReleased(event.previousAgentId, event.conversationId, 'agent-offline');
          this.tellAssignment(event.conversationId, undefined, 'needs-reassignment');
          break;
        case 'conversation-transferred':
          if (conversation?.state === 'human')
            conversation.requeue(event.escalation ? 'escalated to a supervisor' : 'transferred');
          if (event.fromAgentId !== undefined)
            this.tellReleased(event.fromAgentId, event.conversationId, 'transferred');
          break;
        case 'conversation-flagged':
          this.sessions.toUserAndSupervisors(event.agentId, {
            type: 'notice',
            code: 'no-reply',
            conversationId: event.conversationId,
          });
          break;
        case 'conversation-released': {
          const by = actorId ?? event.agentId ?? 'desk';
          if (event.agentId !== undefined)
            this.tellReleased(event.agentId, event.conversationId, event.reason);
          if (event.reason === 'closed' && conversation?.close(by)) conversation.requestSatisfaction();
          if (event.reason === 'handed-back') conversation?.handBack(by);
          if (event.reason === 'abandoned' && conversation) {
            conversation.systemMessage({
              kind: 'notice',
              text: conversation.inViewerScript(leftQueueLine(queueLanguage(conversation.language))),
            });
            conversation.close('desk', 'the viewer left the queue');
          }
          break;
        }
      }
    }
    if (events.length > 0) this.broadcast.request();
  }

  private outOfHours(team: string): boolean {
    if (!this.businessHours || isTeamOpen(this.businessHours, team, this.clock().getTime())) return false;
    // Someone of the team working late can still take it.
    return !this.desk
      .listAgents()
      .some(
        (agent) => agent.presence === 'online' && (agent.teams.includes(team) || agent.skills.includes(team)),
      );
  }

  /** The team is closed: a ticket holds the question, the viewer learns when someone answers. */
  private async answerOutOfHours(channel: ConversationChannel, team: string): Promise<void> {
    const hours = this.businessHours;
    const conversation = channel.conversation;
    let ticketId: string | undefined;
    try {
      ticketId = await this.openTicket?.(channel.conversationId);
    } catch (error) {
      console.error('could not open an out-of-hours ticket', {
        conversationId: channel.conversationId,
        error,
      });
    }
    if (this.closed || conversation.state !== 'pending_human') return;
    const nowMs = this.clock().getTime();
    conversation.handBack(
      'desk',
      conversation.inViewerScript(
        outOfHoursLine(
          { opensAt: nextOpening(hours, team, nowMs), timeZone: hours?.timeZone ?? 'UTC', ticketId, nowMs },
          queueLanguage(conversation.language),
        ),
      ),
    );
  }

  /** The one line a viewer gets on a handoff, from the same place the banner shows. */
  private welcome(channel: ConversationChannel): void {
    const place = viewerQueuePlace(this.desk.snapshot(), channel.conversationId);
    if (!place) return;
    const conversation = channel.conversation;
    const abandonAfterMs = this.desk.settings.abandonAfterMs;
    conversation.systemMessage({
      kind: 'welcome',
      text: conversation.inViewerScript(
        welcomeLine(
          { ...place, placeKeptMs: abandonAfterMs > 0 ? abandonAfterMs : null },
          queueLanguage(conversation.language),
        ),
      ),
    });
    this.viewerQueue.send(channel.conversationId, place);
  }

  private tellAssignment(
    conversationId: string,
    agentId: string | undefined,
    status: 'offered' | 'active' | 'needs-reassignment',
  ): void {
    const conversation = this.desk.conversation(conversationId);
    if (!conversation) return;
    this.sessions.toUserAndSupervisors(agentId, { type: 'assignment', conversationId, status, conversation });
  }

  /**
   * Tells the agent at once; stops relaying the conversation to them only once what the release caused
   * there (the close, the hand-back) has reached them, unless it came straight back to them meanwhile.
   */
  private tellReleased(agentId: string, conversationId: string, reason: AgentReleaseReason): void {
    this.sessions.toUser(agentId, { type: 'released', conversationId, reason });
    const channel = this.directory.get(conversationId);
    const unfollow = (): void => {
      if (this.desk.conversation(conversationId)?.agentId === agentId) return;
      this.sessions.unfollow(agentId, conversationId);
    };
    if (!channel) {
      unfollow();
      return;
    }
    // After this synchronous command has pushed all its events onto the channel.
    void Promise.resolve()
      .then(() => channel.whenSent())
      .then(unfollow);
  }

  private publishQueue(): void {
    const snapshot = this.desk.snapshot();
    this.sessions.toAll({ type: 'queue', snapshot });
    this.viewerQueue.update(snapshot);
  }

  private scheduleTick(): void {
    this.cancelTick = this.schedule(() => {
      if (this.closed) return;
      try {
        this.tick();
      } catch (error) {
        console.error('desk tick failed', { error });
      }
      this.scheduleTick();
    }, this.tickIntervalMs);
  }

  private scheduleRefresh(): void {
    this.cancelRefresh = this.schedule(() => {
      if (this.closed) return;
      this.broadcast.request();
      this.scheduleRefresh();
    }, this.queueRefreshMs);
  }
}
