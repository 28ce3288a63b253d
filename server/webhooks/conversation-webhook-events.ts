import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { HandoffPacket } from '../../engine/handoff/handoff-packet.js';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import type { AppendOutcome } from '../realtime/observed-event-log.js';
import type { WebhookEmitter } from './webhook-emitter.js';
import type { WebhookEvent } from './webhook-event.js';

/** Turns waiting for their outcome whose question is remembered (a gap names the question); oldest go first. */
const MAX_OPEN_TURNS = 5_000;

/**
 * Watches the conversation log's committed appends (never a failed one, so nothing is sent for work that was
 * not stored) and emits the webhook events they stand for. Payloads carry ids, reasons and masked text only:
 * no display name, no raw viewer words.
 */
export function conversationWebhookObserver(
  emitter: WebhookEmitter,
  options: { clock?: (() => Date) | undefined } = {},
): (outcome: AppendOutcome<ConversationEvent>) => void {
  const clock = options.clock ?? (() => new Date());
  const questions = new Map<string, string>();
  const key = (conversationId: string, turnId: string) => `${conversationId}\u0000${turnId}`;
  const send = (event: WebhookEvent | undefined) => {
    if (event) emitter.emit(event);
  };

  return ({ conversationId, event, sequence }) => {
    if (sequence === undefined) return;
    switch (event.type) {
      case 'turn-start':
        questions.set(key(conversationId, event.turnId), event.question);
        if (questions.size > MAX_OPEN_TURNS) questions.delete(questions.keys().next().value!);
        return;
      case 'turn-end':
        questions.delete(key(conversationId, event.turnId));
        return;
      case 'decline':
        send(
          gap(
            conversationId,
            event.turnId,
            'no-answer',
            questions.get(key(conversationId, event.turnId)),
            clock(),
          ),
        );
        return;
      case 'handoff':
        send(escalated(conversationId, event.turnId, event.packet));
        if (event.packet.reasons.includes('low_confidence'))
          send(
            gap(
              conversationId,
              event.turnId,
              'low-confidence',
              questions.get(key(conversationId, event.turnId)),
              clock(),
            ),
          );
        return;
      case 'desk':
        if (event.event.type === 'conversation-accepted')
          send({
            type: 'conversation.assigned',
            occurredAt: event.event.at,
            data: { conversationId, agentId: event.event.agentId },
          });
        return;
      case 'state-change':
        if (event.to === 'closed')
          send({
            type: 'conversation.closed',
            occurredAt: event.at,
            data: { conversationId, from: event.from, reason: maskPiiText(event.reason) },
          });
        return;
      case 'satisfaction':
        send({
          type: 'conversation.satisfaction',
          occurredAt: event.at,
          data: {
            conversationId,
            score: event.score,
            ...(event.comment ? { comment: maskPiiText(event.comment) } : {}),
          },
        });
        return;
      default:
        return;
    }
  };
}

function escalated(conversationId: string, turnId: string, packet: HandoffPacket): WebhookEvent {
  const { viewer, liveContext } = packet;
  return {
    type: 'conversation.escalated',
    occurredAt: packet.createdAt,
    data: {
      conversationId,
      turnId,
      reasons: packet.reasons,
      priority: packet.priority,
      team: packet.team,
      viewer: {
        viewerId: viewer.viewerId,
        tier: viewer.tier,
        locale: viewer.locale,
        ...(viewer.verified
          ? { platformId: viewer.verified.platformId, userId: viewer.verified.userId }
          : {}),
      },
      ...(liveContext.roomId ? { roomId: liveContext.roomId } : {}),
      ...(liveContext.scenario ? { scenario: liveContext.scenario } : {}),
    },
  };
}

function gap(
  conversationId: string,
  turnId: string,
  kind: 'no-answer' | 'low-confidence',
  question: string | undefined,
  at: Date,
): WebhookEvent {
  return {
    type: 'knowledge.gap_found',
    occurredAt: at.toISOString(),
    data: {
      conversationId,
      turnId,
      kind,
      ...(question === undefined ? {} : { question: maskPiiText(question) }),
    },
  };
}
