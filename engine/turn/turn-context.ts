import type { Locale } from '../../knowledge/entry.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { MatchOptions } from '../../knowledge/matching/matcher.js';
import type { TranscriptLine, ViewerProfile } from '../conversation/transcript.js';
import type { CannedReplies } from '../conversation/canned-replies.js';
import type { AiAttempt } from '../handoff/handoff-packet.js';
import type { EscalationPolicyConfig } from '../policy/escalation-policy-config.js';
import type { SignalReport } from '../policy/signal-report.js';
import type { TurnJudge } from '../signals/judge/turn-judge.js';
import type { QuestionLimits } from './bounded-question.js';
import type {
  AnswerComposer,
  ComposerImage,
  ComposerTool,
  ConversationSummarizer,
  LanguageIdentifier,
  LiveContext,
  TraditionalChineseConverter,
} from '../ports.js';

/** The knowledge base as a turn sees it (KnowledgeBase implements it). */
export interface KnowledgeAnswerer {
  ask(text: string, options: MatchOptions): Promise<MatchDecision>;
}

export interface SignalInput {
  text: string;
  /** Earlier viewer messages, oldest first. */
  history: readonly string[];
  profile: ViewerProfile;
  /** Anger of the earlier turns as scored then, oldest first: the trend needs no re-scoring. */
  previousAngerScores?: readonly number[] | undefined;
}

/** What a turn runs on; built once per conversation service. */
export interface TurnDependencies {
  knowledge: KnowledgeAnswerer;
  /** Absent when no LLM is configured: entries are answered as written. */
  composer?: AnswerComposer | undefined;
  summarizer?: ConversationSummarizer | undefined;
  detectSignals: (input: SignalInput) => SignalReport;
  /**
   * Reads the same signals elsewhere (the server's match threads), so many turns at once cost the event
   * loop nothing for them; when it fails, `detectSignals` reads them here. Absent: here.
   */
  readSignals?: ((input: SignalInput, signal: AbortSignal) => Promise<SignalReport>) | undefined;
  /** The optional LLM judge, started beside the matcher; absent: the offline signals alone. */
  judge?: TurnJudge | undefined;
  maskPii: (text: string) => string;
  policy: EscalationPolicyConfig;
  replies: CannedReplies;
  clock: () => Date;
  /** Names each viewer message's language; absent: the profile's locale, else the matcher's guess. */
  languageIdentifier?: LanguageIdentifier | undefined;
  /** Writes the viewer's answers in Traditional when they write Traditional; absent: sent as written. */
  traditionalChinese?: TraditionalChineseConverter | undefined;
  /** How much of the viewer's words a turn matches and reads; absent: DEFAULT_QUESTION_LIMITS. */
  questionLimits?: QuestionLimits | undefined;
  /**
   * Runs the turn's synchronous decision (the signals) when the server has room for it, so many turns at
   * once do not hold its event loop; work whose turn was interrupted meanwhile is dropped. Absent: at once.
   */
  pace?: (<T>(work: () => T, signal: AbortSignal) => Promise<Awaited<T>>) | undefined;
  /**
   * Fills an answer that names commerce tools (`{{order.id}}`: knowledge/answer-template.ts) by running
   * them, or gives its fallback when a tool fails or the viewer is not identified. Absent: such answers
   * are sent as their fallback. Aborting `signal` (barge-in) must stop the calls at once.
   */
  fillAnswer?:
    ((answer: string, context: AnswerFillContext, signal: AbortSignal) => Promise<string>) | undefined;
  /** The look-ups the LLM composer may call for this viewer (function calling); absent: none. */
  composerTools?: ((context: AnswerFillContext) => readonly ComposerTool[]) | undefined;
}

/** What a template answer's tools may read: never the viewer's words. */
export interface AnswerFillContext {
  conversationId: string;
  profile: ViewerProfile;
  liveContext: LiveContext;
}

/** A read-only snapshot of the conversation at the moment the turn starts. */
export interface TurnContext {
  conversationId: string;
  turnId: string;
  question: string;
  profile: ViewerProfile;
  liveContext: LiveContext;
  /** Everything said so far, the question's own messages included. */
  transcript: readonly TranscriptLine[];
  /** What was said before the question's first message: the history a composer sees. */
  historyBeforeQuestion: readonly TranscriptLine[];
  /** The viewer's earlier messages, oldest first, without those the question is made of. */
  earlierViewerMessages: readonly string[];
  angerByTurn: readonly number[];
  unansweredTurns: number;
  attempts: readonly AiAttempt[];
  /**
   * The conversation's language: the question's last message's, else the language before it (the
   * profile's UI language to start with); undefined leaves it to the matcher's reading of the question.
   */
  locale?: Locale | undefined;
  /** Images the question came with (a viewer's screenshot, for a model that reads images). */
  images?: readonly ComposerImage[] | undefined;
}
