import type { ConversationEvent } from '../../conversation/conversation-events.js';
import type { HandoffPacket } from '../../handoff/handoff-packet.js';
import { LearnedSignalSchema } from '../learned/signal-model.js';
import type { NewDeskLabel } from './desk-label.js';

/** How the escalation policy words a sensitive category in a packet's details (engine/policy). */
const SENSITIVE_DETAIL = /^sensitive: ([a-z_]+) \(/;

/**
 * The signals a model can learn that an escalation named: anger, a request for a person, and each sensitive
 * category. Threats, churn, repetition and low confidence are no classifier's to learn, so they are left out.
 */
export function escalationSignals(packet: Pick<HandoffPacket, 'reasons' | 'details'>): string[] {
  const signals = new Set<string>();
  if (packet.reasons.includes('anger')) signals.add('anger');
  if (packet.reasons.includes('human_request')) signals.add('human_request');
  if (packet.reasons.includes('sensitive')) {
    for (const detail of packet.details) {
      const category = SENSITIVE_DETAIL.exec(detail)?.[1];
      if (category !== undefined) signals.add(`sensitive:${category}`);
    }
  }
  return [...signals].filter((signal) => LearnedSignalSchema.safeParse(signal).success);
}

/**
 * Every AI escalation of one conversation that an agent accepted, read from its events in log order, as
 * desk labels: the words of the turn that escalated (masked with `maskPii`, as the handoff transcript is),
 * the signals it named, and the first agent who accepted it. An escalation that named no learnable signal
 * (low confidence alone) teaches the signals nothing and is left out.
 */
export function reachedEscalations(
  conversationId: string,
  events: readonly ConversationEvent[],
  maskPii: (text: string) => string,
): NewDeskLabel[] {
  const questions = new Map<string, string>();
  const labels: NewDeskLabel[] = [];
  let waiting: { turnId: string; signals: string[] } | undefined;
  for (const event of events) {
    if (event.type === 'turn-start') questions.set(event.turnId, event.question);
    else if (event.type === 'handoff')
      waiting = { turnId: event.turnId, signals: escalationSignals(event.packet) };
    else if (event.type === 'desk' && event.event.type === 'conversation-accepted' && waiting) {
      const question = questions.get(waiting.turnId);
      if (question !== undefined && waiting.signals.length > 0)
        labels.push({
          conversationId,
          turnId: waiting.turnId,
          text: maskPii(question),
          signals: waiting.signals,
          reachedAgentId: event.event.agentId,
          reachedAt: event.event.at,
        });
      // Later accepts (a transfer, a requeue) are the same escalation reaching someone else.
      waiting = undefined;
    }
  }
  return labels;
}
