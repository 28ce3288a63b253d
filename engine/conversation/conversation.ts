import { isAbortError } from '../../knowledge/errors.js';
import type { DisputeOffer, DisputeUpdate } from '../disputes/dispute-events.js';
import { extractiveSummary } from '../handoff/extractive-summary.js';
import type { HandoffPacket } from '../handoff/handoff-packet.js';
import type { AiAttempt } from '../handoff/handoff-packet.js';
import type { ComposerImage, LiveContext } from '../ports.js';
import { runTurn } from '../turn/run-turn.js';
import type { TurnDependencies } from '../turn/turn-context.js';
import type { TurnEvent } from '../turn/turn-events.js';
import { stripHoldMarkers } from '../turn/held-segments.js';
import {
  boundedHistory,
  boundedQuestion,
  DEFAULT_QUESTION_LIMITS,
  type QuestionLimits,
} from '../turn/bounded-question.js';
import { classifySpeech } from '../voice/classify-speech.js';
import type { VoiceConfig } from '../voice/voice-config.js';
import type { DeskEvent } from '../desk/desk-events.js';
import { ConversationLanguage } from '../language/conversation-language.js';
import { repliesInLanguage } from '../language/replies-in-language.js';
import { inViewerScript } from '../language/traditional-chinese.js';
import type { Locale } from '../../knowledge/entry.js';
import type {
  ConversationEvent,
  MessageTranslation,
  SystemMessageKind,
  TurnEndReason,
} from './conversation-events.js';
import {
  aiMaySpeak,
  transition,
  type ConversationState,
  type TransitionCommand,
} from './conversation-state.js';
import type { RestoredConversation, SatisfactionStatus } from './restore-conversation.js';
import type { TranscriptLine, ViewerProfile } from './transcript.js';
import { firstUnansweredViewerLine } from './unanswered-viewer-lines.js';

/** What a media message carries besides its id and time (the `media-message` event's other fields). */
export type MediaMessage = Omit<
  Extract<ConversationEvent, { type: 'media-message' }>,
  'type' | 'messageId' | 'at'
>;

/** Runs `callback` after `delayMs`; returns a cancel function. Injected so tests control time. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

interface ConversationRuntimeOptions {
  conversationId: string;
  dependencies: TurnDependencies;
  voice: VoiceConfig;
  emit: (event: ConversationEvent) => void;
  newId: () => string;
  schedule?: Scheduler;
}

/** A new conversation names its viewer; a restored one takes everything from its log. */
export type ConversationOptions = ConversationRuntimeOptions &
  (
    | {
        profile: ViewerProfile;
        liveContext?: LiveContext;
        initialState?: ConversationState;
        restored?: undefined;
      }
    | {
        /** What the event log says of this conversation (restoreConversationState): it carries on from there. */
        restored: RestoredConversation;
        profile?: undefined;
        liveContext?: undefined;
        initialState?: undefined;
      }
  );

interface ActiveTurn {
  id: string;
  question: string;
  /** Viewer messages the question is made of: more than one after a barge-in. */
  messageCount: number;
  /** The newest of those messages (at most `QuestionLimits.maxMessages`), the question's source. */
  messages: string[];
  /** Index in the transcript of the question's first message. */
  firstLine: number;
  channel: 'text' | 'voice';
  controller: AbortController;
  /** Everything sent to the client for this turn. */
  sent: string;
  /** Images the question came with, for a composer that reads them. */
  images?: readonly ComposerImage[] | undefined;
  /** Characters the client reports having spoken (voice only). */
  playedChars?: number;
  entryIds: string[];
}

type Channel = 'text' | 'voice';

/** Characters of a message its language is read from: plenty to tell languages and scripts apart. */
const LANGUAGE_SAMPLE_CHARS = 200;

const defaultScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

/**
 * One viewer's conversation: who owns it, what was said, and the turn in flight. A new message while
 * an answer is being written or spoken aborts it at once; only the current turn's events pass the gate
 * in `deliver`, so nothing stale reaches the viewer.
 */
export class Conversation {
  readonly id: string;
  readonly profile: ViewerProfile;
  private stateValue: ConversationState;
  private liveContext: LiveContext;
  private readonly dependencies: TurnDependencies;
  private readonly voice: VoiceConfig;
  private readonly emit: (event: ConversationEvent) => void;
  private readonly newId: () => string;
  private readonly schedule: Scheduler;
  private readonly transcriptLines: TranscriptLine[];
  private readonly attempts: AiAttempt[];
  private angerByTurn: number[];
  private unansweredTurns: number;
  /** The transcript's length at the latest handoff. */
  private handoffLine: number;
  /** Repetition reads the viewer's words from this line on: a hand-back starts afresh. */
  private signalHistoryStart: number;
  private active: ActiveTurn | undefined;
  /** The latest turn, finished or not: its audio may still be playing after its text is all sent. */
  private latest: { turn: ActiveTurn; line?: TranscriptLine | undefined } | undefined;
  private speaking = false;
  private speakingUninterruptible = false;
  private speechStopped = false;
  /** The pause came from the viewer's sound (voice activity), not from words: words decide what follows. */
  private stoppedBySound = false;
  private cancelFalseInterruption: (() => void) | undefined;
  /** A final transcript heard during an uninterruptible segment waits for the segment to end. */
  private deferredSpeech: string | undefined;
  private lastPacket: HandoffPacket | undefined;
  /** The satisfaction survey of the latest close: a reopen starts a fresh one. */
  private satisfaction: SatisfactionStatus;
  private running: Promise<void> = Promise.resolve();
  /** The language answers are written in: the viewer's latest identified one (engine/language/). */
  private readonly languageState: ConversationLanguage;

  constructor(options: ConversationOptions) {
    this.id = options.conversationId;
    this.dependencies = options.dependencies;
    this.voice = options.voice;
    this.emit = options.emit;
    this.newId = options.newId;
    this.schedule = options.schedule ?? defaultScheduler;
    const restored = options.restored;
    if (restored) {
      this.profile = restored.profile;
      this.liveContext = restored.liveContext;
      this.stateValue = restored.state;
      // Copies: a voice barge-in shortens the latest line in place.
      this.transcriptLines = restored.transcript.map((line) => ({ ...line }));
      this.attempts = restored.attempts.map((attempt) => ({ ...attempt }));
      this.angerByTurn = [...restored.angerByTurn];
      this.unansweredTurns = restored.unansweredTurns;
      this.handoffLine = restored.handoffLine;
      this.signalHistoryStart = restored.signalHistoryStart;
      this.lastPacket = restored.handoffPacket;
      this.satisfaction = restored.satisfaction;
      this.languageState = new ConversationLanguage({
        identifier: this.dependencies.languageIdentifier,
        profileLocale: restored.profile.locale,
        viewerMessages: restored.transcript
          .filter((line) => line.speaker === 'viewer')
          .map((line) => line.text),
      });
      return;
    }
    this.profile = options.profile;
    this.liveContext = options.liveContext ?? {};
    this.stateValue = options.initialState ?? 'ai';
    this.transcriptLines = [];
    this.attempts = [];
    this.angerByTurn = [];
    this.unansweredTurns = 0;
    this.handoffLine = 0;
    this.signalHistoryStart = 0;
    this.satisfaction = 'none';
    this.languageState = new ConversationLanguage({
      identifier: this.dependencies.languageIdentifier,
      profileLocale: options.profile.locale,
    });
  }

  private get questionLimits(): QuestionLimits {
    return this.dependencies.questionLimits ?? DEFAULT_QUESTION_LIMITS;
  }

  /** The language the viewer is answered in (their latest message's); undefined until anything says. */
  get language(): Locale | undefined {
    return this.languageState.current;
  }

  /** The product's own words (the desk's queue lines) in the viewer's script: Traditional for Traditional. */
  inViewerScript(text: string): string {
    return inViewerScript({
      text,
      viewerLanguage: this.language,
      converter: this.dependencies.traditionalChinese,
    });
  }

  /** Whether an answer is being written (or a voice answer may still be playing). */
  get busy(): boolean {
    return (
      this.active !== undefined || this.speaking || this.speechStopped || this.deferredSpeech !== undefined
    );
  }

  get state(): ConversationState {
    return this.stateValue;
  }

  get transcript(): readonly TranscriptLine[] {
    return this.transcriptLines;
  }

  get handoffPacket(): HandoffPacket | undefined {
    return this.lastPacket;
  }

  /** Interrupts the turn in flight, if any (server shutdown); its end is emitted as interrupted. */
  stopTurn(): void {
    this.interrupt();
  }

  /** Resolves when the turn in flight (if any) has finished. */
  idle(): Promise<void> {
    return this.running;
  }

  /** A typed message, or a final voice transcript; `clientMessageId` is kept with it in the log. */
  viewerMessage(text: string, channel: Channel = 'text', clientMessageId?: string): void {
    const at = this.now();
    // The cut-off answer was delivered before these words: the transcript keeps the log's order.
    const interrupted = this.interrupt();
    this.transcriptLines.push({ at, speaker: 'viewer', text, channel });
    // The language is read from the message's beginning: a long message costs no more than a short one.
    this.languageState.heard(text.slice(0, LANGUAGE_SAMPLE_CHARS));
    this.emit({ type: 'viewer-message', text, channel, at, ...(clientMessageId ? { clientMessageId } : {}) });
    if (this.stateValue === 'closed' && this.apply({ type: 'reopen' }, 'the viewer wrote again'))
      this.satisfaction = 'none';
    if (!aiMaySpeak(this.stateValue)) return;
    // The interrupted question is answered together with the new words, within the question's limits,
    // so messages sent back to back never make one ever-growing question that is matched again each time.
    const messages = [...(interrupted?.messages ?? []), text].slice(-this.questionLimits.maxMessages);
    const messageCount = (interrupted?.messageCount ?? 0) + 1;
    const firstLine = interrupted?.firstLine ?? this.transcriptLines.length - 1;
    this.startTurn({ messages, channel, messageCount, firstLine });
  }

  /** Speech recognition results while the viewer talks. */
  voiceTranscript(transcript: {
    text: string;
    final: boolean;
    durationMs?: number | undefined;
    clientMessageId?: string | undefined;
  }): void {
    const assistantTalking = this.speaking || this.speechStopped;
    if (!assistantTalking) {
      if (transcript.final && transcript.text.trim() !== '')
        this.viewerMessage(transcript.text, 'voice', transcript.clientMessageId);
      return;
    }
    const kind = classifySpeech(transcript.text, transcript.durationMs, this.voice);
    if (kind !== 'interruption') {
      // Heard, and only a backchannel or a cough: the answer paused by the sound carries on now.
      if (transcript.final && this.stoppedBySound) this.resumeSpeech();
      return;
    }
    if (this.speakingUninterruptible) {
      if (transcript.final) this.deferredSpeech = transcript.text;
      return;
    }
    if (transcript.final) {
      this.clearFalseInterruption();
      this.stopFinishedSpeech();
      this.viewerMessage(transcript.text, 'voice', transcript.clientMessageId);
      return;
    }
    if (this.speechStopped || !this.latest) return;
    this.speechStopped = true;
    const turnId = this.latest.turn.id;
    this.emit({ type: 'speech-stop', turnId });
    this.cancelFalseInterruption = this.schedule(() => {
      // No final words followed: a cough or a false start. The answer carries on.
      this.cancelFalseInterruption = undefined;
      if (!this.speechStopped) return;
      this.speechStopped = false;
      this.emit({ type: 'speech-resume', turnId });
    }, this.voice.falseInterruptionTimeoutMs);
  }

  /**
   * Voice activity heard in the viewer's audio (a VAD), before any words: speech starting while the
   * assistant talks pauses it at once (`speech-stop`); what the recogniser then hears decides through
   * `voiceTranscript` (words interrupt, a backchannel resumes). A `misfire` (too short to be speech)
   * resumes at once; after `end` the answer resumes unless a final transcript follows in time.
   */
  viewerVoiceActivity(activity: 'start' | 'end' | 'misfire'): void {
    if (activity === 'start') {
      const latest = this.latest;
      if (!this.speaking || this.speakingUninterruptible || this.speechStopped || !latest) return;
      this.clearFalseInterruption();
      this.speechStopped = true;
      this.stoppedBySound = true;
      this.emit({ type: 'speech-stop', turnId: latest.turn.id });
      return;
    }
    if (!this.stoppedBySound || !this.speechStopped) return;
    if (activity === 'misfire') {
      this.resumeSpeech();
      return;
    }
    this.clearFalseInterruption();
    this.cancelFalseInterruption = this.schedule(() => {
      this.cancelFalseInterruption = undefined;
      this.resumeSpeech();
    }, this.voice.falseInterruptionTimeoutMs);
  }

  private resumeSpeech(): void {
    this.clearFalseInterruption();
    this.stoppedBySound = false;
    if (!this.speechStopped || !this.latest) return;
    this.speechStopped = false;
    this.emit({ type: 'speech-resume', turnId: this.latest.turn.id });
  }

  /** The client's text-to-speech state. */
  playback(update: {
    state: 'speaking' | 'done';
    uninterruptible?: boolean | undefined;
    playedChars?: number | undefined;
  }): void {
    if (this.latest && update.playedChars !== undefined) this.latest.turn.playedChars = update.playedChars;
    this.speaking = update.state === 'speaking';
    this.speakingUninterruptible = this.speaking && update.uninterruptible === true;
    if (update.state === 'done') {
      this.speechStopped = false;
      this.stoppedBySound = false;
      this.clearFalseInterruption();
    }
    if (!this.speakingUninterruptible && this.deferredSpeech !== undefined) {
      const text = this.deferredSpeech;
      this.deferredSpeech = undefined;
      this.stopFinishedSpeech();
      this.viewerMessage(text, 'voice');
    }
  }

  /** Hands the conversation to people (from the desk or an agent's "escalate"). */
  escalate(reason: string): boolean {
    if (transition(this.stateValue, { type: 'escalate', reasons: [reason] }).ok) this.interrupt();
    return this.apply({ type: 'escalate', reasons: [reason] }, reason);
  }

  assign(agentId: string): boolean {
    return this.apply({ type: 'assign', agentId }, `assigned to ${agentId}`);
  }

  requeue(reason: string): boolean {
    return this.apply({ type: 'requeue', reason }, reason);
  }

  /**
   * A person gives the conversation back to the AI: the viewer is told (`notice`, else the canned
   * hand-back words), whatever they wrote that no
   * person answered is answered now, and the signals start afresh (the person dealt with what came
   * before, so it is no repetition, and no unanswered turn).
   */
  handBack(agentId: string, notice?: string): boolean {
    if (!this.apply({ type: 'hand-back', agentId }, `handed back by ${agentId}`)) return false;
    const pendingFrom = firstUnansweredViewerLine(this.transcriptLines, this.handoffLine);
    this.signalHistoryStart = pendingFrom ?? this.transcriptLines.length;
    this.angerByTurn = [];
    this.unansweredTurns = 0;
    const replies = repliesInLanguage({
      replies: this.dependencies.replies,
      language: this.language ?? 'zh',
      converter: this.dependencies.traditionalChinese,
    });
    this.systemMessage({ kind: 'notice', text: notice ?? replies.handedBack });
    if (pendingFrom === undefined) return true;
    const pending = this.transcriptLines.slice(pendingFrom).filter((line) => line.speaker === 'viewer');
    this.startTurn({
      messages: pending.slice(-this.questionLimits.maxMessages).map((line) => line.text),
      channel: pending.at(-1)?.channel ?? 'text',
      messageCount: pending.length,
      firstLine: pendingFrom,
    });
    return true;
  }

  close(by: string, reason = `closed by ${by}`): boolean {
    if (transition(this.stateValue, { type: 'close', by }).ok) this.interrupt();
    return this.apply({ type: 'close', by }, reason);
  }

  /**
   * `entryIds`: knowledge entries the reply was written from (the console's knowledge search);
   * `clientMessageId` is kept with it in the log, so a resend is recognised.
   */
  agentMessage(
    agentId: string,
    text: string,
    details: {
      entryIds?: readonly string[] | undefined;
      clientMessageId?: string | undefined;
      translation?: MessageTranslation | undefined;
      untranslatedTo?: string | undefined;
    } = {},
  ): boolean {
    if (this.stateValue !== 'human') return false;
    const at = this.now();
    const { entryIds, clientMessageId, translation, untranslatedTo } = details;
    const used = entryIds && entryIds.length > 0 ? [...entryIds] : undefined;
    this.transcriptLines.push({ at, speaker: 'agent', text, agentId, ...(used ? { entryIds: used } : {}) });
    this.emit({
      type: 'agent-message',
      agentId,
      text,
      at,
      ...(used ? { entryIds: used } : {}),
      ...(clientMessageId ? { clientMessageId } : {}),
      ...(translation ? { translation } : {}),
      ...(untranslatedTo ? { untranslatedTo } : {}),
    });
    return true;
  }

  /**
   * An image, sticker, voice clip or file (issue 17), recorded as it was stored. It starts no turn by itself:
   * what the AI does with a viewer's (hear it, look at it, or hand it to a person) is decided by the server,
   * which may need a recogniser or a vision model first. An agent's is refused, like a reply, unless a person
   * has the conversation; a viewer's reopens a closed conversation, like their words do. Returns the
   * message id, or undefined when refused.
   */
  mediaMessage(message: MediaMessage): string | undefined {
    if (message.by === 'agent' && this.stateValue !== 'human') return undefined;
    const messageId = this.newId();
    this.emit({ type: 'media-message', messageId, ...message, at: this.now() });
    // A spoken turn's recording follows the turn, which reopened a closed conversation if it needed to.
    if (message.by === 'viewer' && message.spokenTurn === undefined && this.stateValue === 'closed') {
      if (this.apply({ type: 'reopen' }, 'the viewer wrote again')) this.satisfaction = 'none';
    }
    return messageId;
  }

  /**
   * A viewer's image, for a model that reads images: answered like the words it came with (`text`, the
   * viewer's message around it, already in the transcript), the image going to the composer with them. A
   * turn in flight is interrupted, as a new message would. False when the AI may not speak now.
   */
  askAboutImage(request: { text: string; images: readonly ComposerImage[] }): boolean {
    if (!aiMaySpeak(this.stateValue) || request.text.trim() === '') return false;
    const interrupted = this.interrupt();
    const line = this.transcriptLines.findLastIndex(
      (candidate) => candidate.speaker === 'viewer' && candidate.text === request.text,
    );
    this.startTurn({
      messages: [request.text],
      channel: 'text',
      messageCount: 1,
      firstLine: interrupted?.firstLine ?? (line >= 0 ? line : this.transcriptLines.length),
      images: request.images,
    });
    return true;
  }

  /** The viewer message stored at `sequence`, translated for the agents (recorded only; no turn). */
  messageTranslation(sequence: number, translation: MessageTranslation): void {
    this.emit({ type: 'message-translation', sequence, ...translation, at: this.now() });
  }

  /** Words from the product itself (queue welcome, auto-reply, notice); they never start an AI turn. */
  systemMessage(message: { kind: SystemMessageKind; text: string; ruleId?: string | undefined }): void {
    const at = this.now();
    this.transcriptLines.push({ at, speaker: 'system', text: message.text });
    this.emit({ type: 'system-message', ...message, at });
  }

  /**
   * The platform's update of where the viewer is watching (product in view, streamer, stream state): merged
   * into the context later turns, handoffs and tools read, and recorded whole. The room stays the one joined.
   */
  updateLiveContext(update: Omit<LiveContext, 'roomId'>): LiveContext {
    const { roomId } = this.liveContext;
    this.liveContext = { ...this.liveContext, ...update, ...(roomId === undefined ? {} : { roomId }) };
    this.emit({ type: 'live-context', liveContext: this.liveContext, at: this.now() });
    return this.liveContext;
  }

  /** What the platform did for this viewer (a refund): a note for agents, and a notice to the viewer if given. */
  platformEvent(event: {
    platformId: string;
    eventType: string;
    agentText: string;
    viewerText?: string | undefined;
  }): void {
    this.emit({ type: 'platform-event', ...event, at: this.now() });
    if (event.viewerText !== undefined) this.systemMessage({ kind: 'notice', text: event.viewerText });
  }

  /** Offers the viewer a dispute form (engine/disputes/); it starts no turn and changes no state. */
  offerDisputeForm(offer: Omit<DisputeOffer, 'at'>): void {
    this.emit({ type: 'dispute-form', ...offer, at: this.now() });
  }

  /** A dispute submitted or moved: the viewer reads `viewerText`, and it stays in the transcript. */
  disputeUpdate(update: Omit<DisputeUpdate, 'at'>): void {
    const at = this.now();
    this.transcriptLines.push({ at, speaker: 'system', text: update.viewerText });
    this.emit({ type: 'dispute-update', ...update, at });
  }

  /**
   * Hands the conversation to people for a reason no turn found (a dispute the policy gives a person):
   * the same handoff packet a turn builds, with the extractive summary.
   */
  handOff(request: {
    reasons: HandoffPacket['reasons'];
    details: string[];
    priority: HandoffPacket['priority'];
    team: string;
  }): boolean {
    if (!transition(this.stateValue, { type: 'escalate', reasons: request.reasons }).ok) return false;
    this.interrupt();
    const locale = this.language ?? this.profile.locale ?? 'zh';
    const transcript = this.transcriptLines.map((line) => ({
      ...line,
      text: this.dependencies.maskPii(line.text),
    }));
    const attempts = this.attempts.map((attempt) => ({
      ...attempt,
      said: this.dependencies.maskPii(attempt.said),
    }));
    const packet: HandoffPacket = {
      conversationId: this.id,
      createdAt: this.now(),
      reasons: request.reasons,
      details: request.details,
      priority: request.priority,
      team: request.team,
      summary: { text: extractiveSummary(transcript, attempts, locale), source: 'extractive' },
      sentiment: { angerByTurn: [...this.angerByTurn], trend: 'steady' },
      aiAttempts: attempts,
      viewer: { ...this.profile, locale },
      liveContext: this.liveContext,
      transcript,
    };
    this.lastPacket = packet;
    this.handoffLine = this.transcriptLines.length;
    this.apply({ type: 'escalate', reasons: request.reasons }, `escalated: ${request.reasons.join(', ')}`);
    this.emit({ type: 'handoff', turnId: this.newId(), packet });
    return true;
  }

  /** The context the viewer is watching in, as the platform last reported it. */
  get currentLiveContext(): LiveContext {
    return this.liveContext;
  }

  /** Live queue position for the viewer; not stored. */
  queueStatus(status: {
    position: number;
    estimatedWaitMs: number | null;
    agentsOnline: number;
    placeKeptMs: number | null;
  }): void {
    this.emit({ type: 'queue-status', ...status, at: this.now() });
  }

  /**
   * The agent with the conversation is typing (or stopped); live only, not stored. False (nothing sent)
   * unless a person has the conversation.
   */
  agentTyping(agentId: string, active: boolean): boolean {
    if (this.stateValue !== 'human') return false;
    this.emit({ type: 'agent-typing', agentId, active, at: this.now() });
    return true;
  }

  /** Keeps the desk's record of this conversation with the conversation's own events. */
  recordDesk(event: DeskEvent): void {
    this.emit({ type: 'desk', event });
  }

  /** After a close, asks the viewer for a score; once per close. */
  requestSatisfaction(): boolean {
    if (this.stateValue !== 'closed' || this.satisfaction !== 'none') return false;
    this.satisfaction = 'requested';
    this.emit({ type: 'satisfaction-request', at: this.now() });
    return true;
  }

  /** The viewer's score (1-5) and comment; accepted once, and only after it was asked for. */
  rate(rating: { score: number; comment?: string | undefined }): boolean {
    if (this.satisfaction !== 'requested') return false;
    this.satisfaction = 'rated';
    this.emit({
      type: 'satisfaction',
      score: rating.score,
      ...(rating.comment ? { comment: rating.comment } : {}),
      at: this.now(),
    });
    return true;
  }

  private apply(command: TransitionCommand, reason: string): boolean {
    const result = transition(this.stateValue, command);
    if (!result.ok) return false;
    this.stateValue = result.to;
    this.emit({ type: 'state-change', from: result.from, to: result.to, reason, at: this.now() });
    return true;
  }

  private startTurn(start: {
    messages: string[];
    channel: Channel;
    messageCount: number;
    firstLine: number;
    images?: readonly ComposerImage[] | undefined;
  }): void {
    const { messageCount } = start;
    const question = boundedQuestion(start.messages, this.questionLimits);
    const turn: ActiveTurn = {
      id: this.newId(),
      ...start,
      question,
      controller: new AbortController(),
      sent: '',
      entryIds: [],
    };
    const viewerMessages = this.transcriptLines
      .slice(this.signalHistoryStart)
      .filter((line) => line.speaker === 'viewer')
      .map((line) => line.text);
    this.active = turn;
    this.latest = { turn };
    this.emit({ type: 'turn-start', turnId: turn.id, question });
    const context = {
      conversationId: this.id,
      turnId: turn.id,
      question,
      profile: this.profile,
      liveContext: this.liveContext,
      transcript: [...this.transcriptLines],
      historyBeforeQuestion: this.transcriptLines.slice(0, start.firstLine),
      earlierViewerMessages: boundedHistory(viewerMessages.slice(0, -messageCount), this.questionLimits),
      angerByTurn: [...this.angerByTurn],
      unansweredTurns: this.unansweredTurns,
      attempts: [...this.attempts],
      locale: this.language,
      ...(start.images ? { images: start.images } : {}),
    };
    this.running = this.execute(turn, context);
  }

  private async execute(turn: ActiveTurn, context: Parameters<typeof runTurn>[0]): Promise<void> {
    try {
      for await (const event of runTurn(context, this.dependencies, turn.controller.signal)) {
        if (this.active !== turn) return;
        this.handleTurnEvent(turn, event);
      }
      if (this.active === turn) this.finish(turn, 'done');
    } catch (error) {
      if (this.active !== turn) return;
      if (!isAbortError(error))
        console.error('conversation turn failed', { conversationId: this.id, turnId: turn.id, error });
      this.finish(turn, 'error');
    }
  }

  private handleTurnEvent(turn: ActiveTurn, event: TurnEvent): void {
    switch (event.type) {
      case 'text-delta':
        turn.sent += event.text;
        this.emit({
          type: 'text-delta',
          turnId: turn.id,
          text: event.text,
          uninterruptible: event.uninterruptible,
        });
        return;
      case 'answer-source':
        turn.entryIds = event.entryIds;
        this.emit({
          type: 'answer-source',
          turnId: turn.id,
          entryIds: event.entryIds,
          composer: event.composer,
        });
        return;
      case 'clarify':
        this.emit({ type: 'clarify', turnId: turn.id, options: event.options });
        return;
      case 'decline':
        this.emit({ type: 'decline', turnId: turn.id, closestTopics: event.closestTopics });
        return;
      case 'handoff':
        this.lastPacket = event.packet;
        this.handoffLine = this.transcriptLines.length;
        this.apply(
          { type: 'escalate', reasons: event.packet.reasons },
          `escalated: ${event.packet.reasons.join(', ')}`,
        );
        this.emit({ type: 'handoff', turnId: turn.id, packet: event.packet });
        return;
      case 'turn-outcome': {
        const said = stripHoldMarkers(turn.sent);
        this.angerByTurn.push(event.anger);
        this.unansweredTurns = event.answered ? 0 : this.unansweredTurns + 1;
        this.attempts.push({
          turnId: turn.id,
          question: turn.question,
          entryIds: event.entryIds,
          confidence: event.confidence,
          said,
        });
        // Recorded so a restart keeps the policy's memory; the server does not pass it to viewers.
        this.emit({
          type: 'turn-outcome',
          turnId: turn.id,
          answered: event.answered,
          entryIds: event.entryIds,
          confidence: event.confidence,
          anger: event.anger,
          said,
        });
        return;
      }
    }
  }

  /** Stops the turn in flight, if any, and records what the viewer got of it. */
  private interrupt(): ActiveTurn | undefined {
    const turn = this.active;
    if (!turn) return undefined;
    turn.controller.abort();
    this.finish(turn, 'interrupted');
    return turn;
  }

  private finish(turn: ActiveTurn, reason: TurnEndReason): void {
    if (this.active !== turn) return;
    this.active = undefined;
    this.clearFalseInterruption();
    if (reason === 'interrupted' && (this.speaking || this.speechStopped))
      this.emit({ type: 'speech-stop', turnId: turn.id });
    // Never left "speaking": an interrupted or finished turn has nothing more to say.
    if (reason !== 'done') {
      this.speaking = false;
      this.speechStopped = false;
      this.stoppedBySound = false;
      this.speakingUninterruptible = false;
    }
    const sent = stripHoldMarkers(turn.sent);
    const delivered =
      turn.channel === 'voice' && turn.playedChars !== undefined && reason === 'interrupted'
        ? sent.slice(0, turn.playedChars)
        : sent;
    if (delivered !== '') {
      const line: TranscriptLine = {
        at: this.now(),
        speaker: 'assistant',
        text: delivered,
        turnId: turn.id,
        channel: turn.channel,
        ...(reason === 'interrupted' ? { interrupted: true } : {}),
        ...(turn.entryIds.length > 0 ? { entryIds: turn.entryIds } : {}),
      };
      this.transcriptLines.push(line);
      if (this.latest?.turn === turn) this.latest.line = line;
    }
    this.emit({ type: 'turn-end', turnId: turn.id, reason, delivered });
  }

  /**
   * The viewer took the floor after the answer's text was all sent but while it was still being spoken:
   * tell the client to stop, and cut the transcript to what was heard.
   */
  private stopFinishedSpeech(): void {
    const latest = this.latest;
    if (this.active || !latest || !(this.speaking || this.speechStopped)) return;
    if (!this.speechStopped) this.emit({ type: 'speech-stop', turnId: latest.turn.id });
    const played = latest.turn.playedChars;
    if (latest.line && played !== undefined && played < latest.line.text.length) {
      latest.line.text = latest.line.text.slice(0, played);
      latest.line.interrupted = true;
      this.emit({ type: 'answer-cut', turnId: latest.turn.id, heard: latest.line.text });
    }
    this.speaking = false;
    this.speechStopped = false;
    this.stoppedBySound = false;
    this.speakingUninterruptible = false;
  }

  private clearFalseInterruption(): void {
    this.cancelFalseInterruption?.();
    this.cancelFalseInterruption = undefined;
  }

  private now(): string {
    return this.dependencies.clock().toISOString();
  }
}
