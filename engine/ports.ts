import type { Entry, Locale } from '../knowledge/entry.js';
import type { LivedeskError } from '../knowledge/errors.js';
import type { CallOptions } from '../knowledge/ports.js';

/** A chat message as the composer sees it: viewer text already masked for privacy. */
export interface ComposerMessage {
  role: 'viewer' | 'assistant' | 'agent';
  text: string;
}

/** What the viewer is looking at right now: grounding the composer may use, never instructions. */
export interface LiveContext {
  roomId?: string | undefined;
  streamerId?: string | undefined;
  streamerName?: string | undefined;
  productInView?: string | undefined;
  scenario?: 'show' | 'commerce' | 'social' | undefined;
  /** The stream's state as the platform last reported it (inbound platform API). */
  streamState?: 'live' | 'paused' | 'ended' | undefined;
}

export interface ComposeRequest {
  /** The viewer's latest words (several messages joined when they interrupted themselves). */
  question: string;
  locale: Locale;
  /** Matched entries, best first; the composer may use only these. */
  entries: readonly { entry: Entry; confidence: number }[];
  history: readonly ComposerMessage[];
  liveContext: LiveContext;
  /**
   * Look-ups the composer may call (commerce tools, issue 15). Their arguments are Livedesk's own (the
   * verified identity, the live context): the model chooses which to call, never what they are called with.
   */
  tools?: readonly ComposerTool[] | undefined;
  /**
   * Images the viewer sent with these words (issue 17), for a composer whose model reads images: cleaned and
   * size-capped by the server, as `data:` URLs. A composer without vision ignores them.
   */
  images?: readonly ComposerImage[] | undefined;
}

/** One image for the composer: its type and its bytes as a `data:` URL. */
export interface ComposerImage {
  mime: string;
  dataUrl: string;
}

/** One look-up offered to the composer; cited as `tool:<name>` like an entry id. */
export interface ComposerTool {
  name: string;
  description: string;
  /** Never throws but for an abort: a failure is `{ ok: false }`, which the model is told. */
  run(signal: AbortSignal): Promise<{ ok: true; fields: unknown } | { ok: false; reason: string }>;
}

export type ComposerEvent =
  | { type: 'text-delta'; text: string }
  /** Entry ids the answer says it used. */
  | { type: 'citations'; entryIds: string[] }
  | { type: 'finish'; reason: 'stop' | 'length' }
  /**
   * The answer broke off after some text was already delivered; nothing follows this event (no
   * citations, no finish). Emitted by the fallback composer (engine/composer/fallback-composer.ts)
   * instead of throwing, because by then the entry answer can no longer replace what was said: the
   * consumer keeps what it delivered, adds its own words (an apology, the entry, a person) and ends
   * the turn with reason 'error'. Raw composers throw instead; an abort is always thrown, never this.
   */
  | { type: 'error'; error: LivedeskError; deliveredText: string };

/**
 * Writes a grounded answer as a stream. Aborting the signal must close the underlying request at once;
 * the iterator then ends by throwing an abort error.
 */
export interface AnswerComposer {
  readonly id: string;
  compose(request: ComposeRequest, options: CallOptions): AsyncIterable<ComposerEvent>;
}

/** A summary with a checked shape, for the agent who takes a conversation over. */
export interface ConversationSummary {
  summary: string;
  /** What the viewer wants, in one line. */
  viewerGoal: string;
  /** Knowledge entries the assistant already tried; only ids the caller listed as known. */
  triedEntryIds: string[];
  sentiment: 'positive' | 'neutral' | 'negative' | 'angry';
}

export interface SummarizeOptions extends CallOptions {
  /** Entry ids the conversation touched; `triedEntryIds` is limited to these. */
  knownEntryIds?: readonly string[] | undefined;
}

/** Summarises a conversation for the agent who takes it over. */
export interface ConversationSummarizer {
  summarize(transcript: readonly ComposerMessage[], options: CallOptions): Promise<string>;
  /** Capability: the same summary as checked fields. Throws when the model's answer does not fit. */
  summarizeStructured?(
    transcript: readonly ComposerMessage[],
    options: SummarizeOptions,
  ): Promise<ConversationSummary>;
}

/** One stored conversation event, numbered per conversation so a client can ask for what it missed. */
export interface StoredConversationEvent<Event = unknown> {
  conversationId: string;
  sequence: number;
  at: string;
  event: Event;
}

/**
 * Where conversation events are kept: the record of every transition with its reason, every turn's end
 * with what was delivered, every handoff. Committed before `append` resolves. Appends are stored in the
 * order they are called (the hub does not wait for one commit before the next append), and an adapter may
 * commit several appends together.
 */
export interface ConversationEventLog<Event = unknown> {
  append(conversationId: string, at: string, event: Event): Promise<StoredConversationEvent<Event>>;
  read(
    conversationId: string,
    options?: { afterSequence?: number; limit?: number },
  ): Promise<StoredConversationEvent<Event>[]>;
  /**
   * Capability: the conversations whose latest `state-change` went to one of `states`, with that change's
   * time, oldest first (what to put back in the queue after a restart).
   */
  conversationsInState?(
    states: readonly string[],
  ): Promise<{ conversationId: string; state: string; at: string }[]>;
}

/** A content word of a message: its feature key (`z:人工`, `w:refund`) and, for Chinese, how it sounds. */
export interface SignalWord {
  key: string;
  /** Toneless pinyin run together: "rengong". */
  sound?: string;
  /** Pinyin initials, two or more: "rg". */
  initials?: string;
}

/** One viewer message as the escalation signals read it, through the matcher's own analysis. */
export interface SignalAnalysis {
  language: 'zh' | 'en';
  /** Simplified, lower-cased, slang and synonyms rewritten: what lexicons scan. */
  normalized: string;
  /**
   * Feature counts keyed `block:value`, the matcher's blocks (`w:` stems, `z:` Chinese words, `y:` their
   * sound, `h:` Han n-grams, `c:` letter n-grams…), plus Latin words that may stand for Chinese ones:
   * `i:` typed initials ("rg") and `q:` typed pinyin ("rengong").
   */
  features: ReadonlyMap<string, number>;
  /** The content words, in order, with their sound and initials. */
  words: readonly SignalWord[];
}

/** The matcher's text analysis, offered to the signals (adapters/language builds the builtin one). */
export interface SignalAnalyzer {
  analyze(text: string): SignalAnalysis;
  /** Traditional → Simplified, at the phrase level, nothing else changed: for the lexicons. */
  simplify(text: string): string;
}

/** The language one viewer message is written in. */
export interface LanguageIdentification {
  /**
   * BCP-47: 'zh-Hans', 'zh-Hant', 'zh' (Chinese that reads the same in both scripts, or pinyin), 'en',
   * 'ja', …; undefined when the message does not say ("ok", "666", emoji only), so the conversation keeps
   * the language it has.
   */
  language: Locale | undefined;
  /** 0..1 */
  confidence: number;
}

/** Names the language of a viewer's message; per message, so it must be cheap (well under 0.1 ms). */
export interface LanguageIdentifier {
  identify(text: string): LanguageIdentification;
}

/** Rewrites Simplified Chinese for a Traditional reader at the phrase level (账号 → 帳號, 软件 → 軟體). */
export interface TraditionalChineseConverter {
  toTraditional(text: string): string;
}

/** The sensitive matters the escalation policy routes on (engine/signals/sensitive-topics-lexicon.ts). */
export type SensitiveCategoryName =
  'safety' | 'minor_spending' | 'off_platform_payment' | 'fraud' | 'harassment' | 'large_dispute';

/** What a language model reads in one viewer message, as evidence for the escalation signals. */
export interface EscalationVerdict {
  /** The viewer wants a person, said outright or only meant ("is anyone real there?"). */
  wantsPerson: boolean;
  /** 0 (calm) .. 1 (furious). */
  anger: number;
  sensitive: SensitiveCategoryName | null;
  /** BCP-47-ish ('zh-Hans', 'en'); null when the message does not say. */
  language: string | null;
}

export interface JudgeOptions {
  /** Barge-in and the time box: aborting must close the request at once. */
  signal: AbortSignal;
  /** The conversation's language so far: a hint. */
  language?: Locale | undefined;
  /** The viewer's earlier messages, oldest first, already masked. */
  history?: readonly string[] | undefined;
}

/**
 * An optional second reader of a viewer message beside the word lists (an LLM). Any failure (timeout, HTTP,
 * an answer that is not the checked shape) throws a LivedeskError; an abort throws 'aborted'.
 */
export interface EscalationJudge {
  judge(text: string, options: JudgeOptions): Promise<EscalationVerdict>;
}
