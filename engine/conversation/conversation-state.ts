/**
 * Who owns a conversation. The AI speaks only in `ai`; once a person is involved it stays silent until
 * an agent hands the conversation back.
 */
export type ConversationState = 'ai' | 'pending_human' | 'human' | 'closed';

export type TransitionCommand =
  | { type: 'escalate'; reasons: string[] }
  | { type: 'assign'; agentId: string }
  | { type: 'requeue'; reason: string }
  | { type: 'hand-back'; agentId: string }
  | { type: 'close'; by: string }
  | { type: 'reopen' };

export type TransitionResult =
  | { ok: true; from: ConversationState; to: ConversationState }
  | { ok: false; from: ConversationState; message: string };

const TARGET: Record<
  TransitionCommand['type'],
  { from: readonly ConversationState[]; to: ConversationState }
> = {
  escalate: { from: ['ai'], to: 'pending_human' },
  assign: { from: ['pending_human'], to: 'human' },
  // An agent who goes offline or transfers puts the conversation back in the queue.
  requeue: { from: ['human', 'pending_human'], to: 'pending_human' },
  'hand-back': { from: ['human', 'pending_human'], to: 'ai' },
  close: { from: ['ai', 'pending_human', 'human'], to: 'closed' },
  reopen: { from: ['closed'], to: 'ai' },
};

/** The one place that decides which moves are legal: deterministic, no side effects. */
export function transition(state: ConversationState, command: TransitionCommand): TransitionResult {
  const rule = TARGET[command.type];
  if (!rule.from.includes(state)) {
    return { ok: false, from: state, message: `cannot ${command.type} a conversation in state ${state}` };
  }
  return { ok: true, from: state, to: rule.to };
}

/** Whether the AI may answer the viewer in this state. */
export function aiMaySpeak(state: ConversationState): boolean {
  return state === 'ai';
}
