import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { DeskLabel } from '../../engine/signals/learning/desk-label.js';
import { reachedEscalations } from '../../engine/signals/learning/reached-escalations.js';
import type { SignalLabelStore } from '../../engine/signals/learning/signal-label-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { ObservedEventLog } from '../realtime/observed-event-log.js';

/** The desk's own labels for the signals: every AI escalation an agent accepted, and agents' marks on them. */
export interface DeskLabels {
  /** Keeps a label for each escalation of the conversation that reached an agent (again: no change). */
  recordFrom(conversationId: string): Promise<void>;
  /** The conversation's newest label, as the console shows it; undefined when none reached an agent. */
  forConversation(conversationId: string): Promise<DeskLabel | undefined>;
  /** "Should not have been escalated", once per conversation and agent; `not_found` without a label. */
  mark(input: { conversationId: string; agentId: string; note: string }): Promise<DeskLabel>;
  /** Takes the agent's own mark back; `not_found` without a label. */
  unmark(input: { conversationId: string; agentId: string }): Promise<DeskLabel>;
  list(): Promise<DeskLabel[]>;
}

export interface DeskLabelsOptions {
  store: SignalLabelStore;
  log: Pick<ConversationEventLog<ConversationEvent>, 'read'>;
  /** Masks the viewer's words as the handoff transcript is masked. */
  maskPii: (text: string) => string;
  clock: () => Date;
}

export function createDeskLabels(options: DeskLabelsOptions): DeskLabels {
  const { store, log, clock } = options;
  const recordFrom = async (conversationId: string): Promise<void> => {
    const events = (await log.read(conversationId)).map((stored) => stored.event);
    for (const label of reachedEscalations(conversationId, events, options.maskPii))
      await store.record(label);
  };
  // The console may ask before the accept's own recording has finished: it is recorded here then.
  const labelOf = async (conversationId: string): Promise<DeskLabel> => {
    await recordFrom(conversationId);
    const label = await store.latestFor(conversationId);
    if (!label)
      throw new LivedeskError(
        'not_found',
        'no AI escalation of this conversation that named a signal has reached an agent',
      );
    return label;
  };
  return {
    recordFrom,
    async forConversation(conversationId) {
      await recordFrom(conversationId);
      return store.latestFor(conversationId);
    },
    async mark({ conversationId, agentId, note }) {
      const label = await labelOf(conversationId);
      await store.mark({ conversationId, turnId: label.turnId, agentId, note, at: clock().toISOString() });
      return labelOf(conversationId);
    },
    async unmark({ conversationId, agentId }) {
      await labelOf(conversationId);
      await store.unmark(conversationId, agentId);
      return labelOf(conversationId);
    },
    list: () => store.list(),
  };
}

/** Records a label whenever an agent accepts a conversation: that is when an escalation reaches a person. */
export function recordLabelsOnAccept(
  events: Pick<ObservedEventLog<ConversationEvent>, 'observe'>,
  labels: Pick<DeskLabels, 'recordFrom'>,
  onError: (error: unknown, context: { conversationId: string }) => void = (error, context) =>
    console.error('desk label not recorded', { ...context, error }),
): () => void {
  return events.observe((outcome) => {
    const { event } = outcome;
    if (outcome.sequence === undefined || event.type !== 'desk') return;
    if (event.event.type !== 'conversation-accepted') return;
    labels
      .recordFrom(outcome.conversationId)
      .catch((error: unknown) => onError(error, { conversationId: outcome.conversationId }));
  });
}
