import type { AiAttempt, HandoffPacket } from '../handoff/handoff-packet.js';
import type { LiveContext, StoredConversationEvent } from '../ports.js';
import type { ConversationEvent } from './conversation-events.js';
import type { ConversationState } from './conversation-state.js';
import type { TranscriptLine, ViewerProfile } from './transcript.js';
import { firstUnansweredViewerLine } from './unanswered-viewer-lines.js';

/** The satisfaction survey of the latest close: a reopen starts a fresh one. */
export type SatisfactionStatus = 'none' | 'requested' | 'rated';

/** Everything a `Conversation` needs to carry on from its log as if the process had never stopped. */
export interface RestoredConversation {
  conversationId: string;
  profile: ViewerProfile;
  liveContext: LiveContext;
  state: ConversationState;
  transcript: TranscriptLine[];
  /** What the AI tried, per finished turn, oldest first: the handoff packet and summary use it. */
  attempts: AiAttempt[];
  /** Anger per finished turn, oldest first: the policy reads the trend from it. */
  angerByTurn: number[];
  /** Finished turns in a row that the AI could not answer. */
  unansweredTurns: number;
  /** The transcript's length at the latest handoff: later viewer words were meant for a person. */
  handoffLine: number;
  /** Signals (repetition) read the viewer's words from this transcript line: a hand-back starts afresh. */
  signalHistoryStart: number;
  handoffPacket?: HandoffPacket | undefined;
  satisfaction: SatisfactionStatus;
  /**
   * A turn started but never ended: the process died while it ran. It counts as interrupted with nothing
   * known delivered, because streamed text is not stored and the viewer may have seen any part of it; so
   * it adds no assistant line and no attempt. Whoever resumes the conversation records its `turn-end`.
   */
  unfinishedTurnId?: string | undefined;
  /** The sequence of the last stored event read. */
  lastSequence: number;
}

interface TurnRecord {
  question: string;
  channel: 'text' | 'voice';
  entryIds: string[];
}

/**
 * Replays a conversation's stored events, oldest first, into the state the live conversation had.
 * Undefined when the events hold no `conversation-opened` (nothing to say who the viewer is).
 */
export function restoreConversationState(
  events: readonly StoredConversationEvent<ConversationEvent>[],
): RestoredConversation | undefined {
  const opened = events.find((stored) => stored.event.type === 'conversation-opened');
  if (!opened || opened.event.type !== 'conversation-opened') return undefined;
  const restored: RestoredConversation = {
    conversationId: opened.conversationId,
    profile: opened.event.profile,
    liveContext: opened.event.liveContext,
    state: 'ai',
    transcript: [],
    attempts: [],
    angerByTurn: [],
    unansweredTurns: 0,
    handoffLine: 0,
    signalHistoryStart: 0,
    satisfaction: 'none',
    lastSequence: 0,
  };
  const turns = new Map<string, TurnRecord>();
  // A turn answers in the channel of the message that started it, the latest one before its start.
  let viewerChannel: TurnRecord['channel'] = 'text';
  const turnOf = (turnId: string): TurnRecord => {
    const known = turns.get(turnId);
    if (known) return known;
    const created: TurnRecord = { question: '', channel: viewerChannel, entryIds: [] };
    turns.set(turnId, created);
    return created;
  };

  for (const { sequence, at, event } of events) {
    restored.lastSequence = Math.max(restored.lastSequence, sequence);
    switch (event.type) {
      case 'viewer-message':
        viewerChannel = event.channel;
        restored.transcript.push({
          at: event.at,
          speaker: 'viewer',
          text: event.text,
          channel: event.channel,
        });
        break;
      case 'turn-start':
        turns.set(event.turnId, { question: event.question, channel: viewerChannel, entryIds: [] });
        restored.unfinishedTurnId = event.turnId;
        break;
      case 'answer-source':
        turnOf(event.turnId).entryIds = event.entryIds;
        break;
      case 'turn-outcome':
        restored.angerByTurn.push(event.anger);
        restored.unansweredTurns = event.answered ? 0 : restored.unansweredTurns + 1;
        restored.attempts.push({
          turnId: event.turnId,
          question: turnOf(event.turnId).question,
          entryIds: event.entryIds,
          confidence: event.confidence,
          said: event.said,
        });
        break;
      case 'turn-end': {
        if (restored.unfinishedTurnId === event.turnId) restored.unfinishedTurnId = undefined;
        if (event.delivered === '') break;
        const turn = turnOf(event.turnId);
        restored.transcript.push({
          at,
          speaker: 'assistant',
          text: event.delivered,
          turnId: event.turnId,
          channel: turn.channel,
          ...(event.reason === 'interrupted' ? { interrupted: true } : {}),
          ...(turn.entryIds.length > 0 ? { entryIds: turn.entryIds } : {}),
        });
        break;
      }
      case 'answer-cut': {
        const line = restored.transcript.findLast(
          (candidate) => candidate.speaker === 'assistant' && candidate.turnId === event.turnId,
        );
        if (line) {
          line.text = event.heard;
          line.interrupted = true;
        }
        break;
      }
      case 'agent-message':
        restored.transcript.push({
          at: event.at,
          speaker: 'agent',
          text: event.text,
          agentId: event.agentId,
          ...(event.entryIds && event.entryIds.length > 0 ? { entryIds: event.entryIds } : {}),
        });
        break;
      case 'system-message':
        restored.transcript.push({ at: event.at, speaker: 'system', text: event.text });
        break;
      case 'handoff':
        restored.handoffPacket = event.packet;
        restored.handoffLine = restored.transcript.length;
        break;
      case 'state-change':
        // Only a viewer writing to a closed conversation reopens it, and a reopen starts a fresh survey.
        if (event.from === 'closed') restored.satisfaction = 'none';
        if (event.to === 'ai' && (event.from === 'human' || event.from === 'pending_human'))
          handedBack(restored);
        restored.state = event.to;
        break;
      case 'satisfaction-request':
        restored.satisfaction = 'requested';
        break;
      case 'satisfaction':
        restored.satisfaction = 'rated';
        break;
      case 'live-context':
        restored.liveContext = event.liveContext;
        break;
      case 'dispute-update':
        restored.transcript.push({ at: event.at, speaker: 'system', text: event.viewerText });
        break;
      case 'dispute-form':
      // A media message (issue 17) is no line of the transcript: a voice clip's words follow as a viewer message.
      case 'media-message':
      case 'message-translation':
      case 'platform-event':
      case 'conversation-opened':
      case 'text-delta':
      case 'clarify':
      case 'decline':
      case 'speech-stop':
      case 'speech-resume':
      case 'queue-status':
      case 'agent-typing':
      case 'desk':
        break;
      default:
        return assertNever(event);
    }
  }
  return restored;
}

/** As `Conversation.handBack` does: the policy's memory starts again where the person left off. */
function handedBack(restored: RestoredConversation): void {
  restored.angerByTurn = [];
  restored.unansweredTurns = 0;
  restored.signalHistoryStart =
    firstUnansweredViewerLine(restored.transcript, restored.handoffLine) ?? restored.transcript.length;
}

function assertNever(event: never): never {
  throw new Error(`unhandled conversation event ${JSON.stringify(event)}`);
}
