import type { EntryFlow } from '../../knowledge/entry.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { SequencedEvent } from '../realtime/conversation-channel.js';

interface TurnNotes {
  turnId: string;
  question: string;
  flow?: EntryFlow | undefined;
  handedOff: boolean;
}

export interface DisputeFlowObserverOptions {
  flowOf: (entryId: string) => EntryFlow | undefined;
  /**
   * The matcher, for a turn that escalated without answering (minors' spending is a sensitive matter: a
   * person is called at once), to learn whether its question is about a flow all the same.
   */
  ask: (question: string) => Promise<MatchDecision>;
  offer: (conversationId: string, flow: EntryFlow) => Promise<void>;
  onError: (error: unknown, conversationId: string) => void;
  /** Open turns remembered at most (oldest forgotten first): a turn that never ends must not stay forever. */
  maxTurns?: number | undefined;
}

const MAX_TURNS = 10_000;

/**
 * Watches every conversation's events and, when a turn ends that answered with (or escalated over) an
 * entry that starts a flow, offers the flow's form after the answer.
 */
export function disputeFlowObserver(
  options: DisputeFlowObserverOptions,
): (conversationId: string, item: SequencedEvent) => void {
  const turns = new Map<string, TurnNotes>();
  const maxTurns = options.maxTurns ?? MAX_TURNS;
  const run = (conversationId: string, work: () => Promise<void>) => {
    // After the delivery loop that called us: offering commits on the same conversation.
    setImmediate(() => {
      work().catch((error: unknown) => options.onError(error, conversationId));
    });
  };
  return (conversationId, { event }) => {
    switch (event.type) {
      case 'turn-start': {
        // Deleted first so the map's order is the order turns began in: the oldest goes when it is full.
        turns.delete(conversationId);
        turns.set(conversationId, { turnId: event.turnId, question: event.question, handedOff: false });
        if (turns.size > maxTurns) {
          const oldest = turns.keys().next().value;
          if (oldest !== undefined) turns.delete(oldest);
        }
        return;
      }
      case 'state-change':
        if (event.to === 'closed') turns.delete(conversationId);
        return;
      case 'answer-source': {
        const notes = turns.get(conversationId);
        if (notes?.turnId !== event.turnId) return;
        notes.flow = event.entryIds
          .map((entryId) => options.flowOf(entryId))
          .find((flow) => flow !== undefined);
        return;
      }
      case 'handoff': {
        const notes = turns.get(conversationId);
        if (notes?.turnId === event.turnId) notes.handedOff = true;
        return;
      }
      case 'turn-end': {
        const notes = turns.get(conversationId);
        if (notes?.turnId !== event.turnId) return;
        turns.delete(conversationId);
        if (event.reason !== 'done') return;
        if (notes.flow !== undefined) {
          const flow = notes.flow;
          run(conversationId, () => options.offer(conversationId, flow));
        } else if (notes.handedOff) {
          run(conversationId, async () => {
            const flow = (await options.ask(notes.question)).best?.entry.flow;
            if (flow !== undefined) await options.offer(conversationId, flow);
          });
        }
        return;
      }
      default:
        return;
    }
  };
}
