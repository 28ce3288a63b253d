import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { createChineseScript } from '../../adapters/language/chinese-script.js';
import { createLanguageIdentifier } from '../../adapters/language/create-language-identifier.js';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { DEFAULT_CANNED_REPLIES } from '../../engine/conversation/canned-replies.js';
import { Conversation, type Scheduler } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import { POLICY_PRESETS } from '../../engine/policy/escalation-policy-config.js';
import type { SignalReport } from '../../engine/policy/signal-report.js';
import type { AnswerComposer, ConversationSummarizer, LiveContext } from '../../engine/ports.js';
import type { TurnJudge } from '../../engine/signals/judge/turn-judge.js';
import type { SignalInput, TurnDependencies } from '../../engine/turn/turn-context.js';
import { VoiceConfigSchema } from '../../engine/voice/voice-config.js';
import type { EntryInput } from '../../knowledge/entry.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';

/** A scheduler whose time moves only when the test says so. */
export class ManualScheduler {
  private now = 0;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  readonly schedule: Scheduler = (callback, delayMs) => {
    const timer = { at: this.now + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  advance(milliseconds: number): void {
    this.now += milliseconds;
    const due = this.timers.filter((timer) => !timer.cancelled && timer.at <= this.now);
    this.timers = this.timers.filter((timer) => !due.includes(timer));
    for (const timer of due) timer.callback();
  }
}

export interface HarnessOptions {
  entries: EntryInput[];
  detectSignals: (input: SignalInput) => SignalReport;
  /** The LLM escalation judge (createTurnJudge); absent: the offline signals alone. */
  judge?: TurnJudge;
  maskPii?: (text: string) => string;
  composer?: AnswerComposer;
  summarizer?: ConversationSummarizer;
  profile?: Partial<ViewerProfile>;
  liveContext?: LiveContext;
  /** Without per-message language identification: the profile's locale (or the matcher's guess) rules. */
  withoutLanguageIdentification?: boolean;
  /** Fills template answers (server/tools/fill-answer.ts); absent: their fallback lines. */
  fillAnswer?: TurnDependencies['fillAnswer'];
  /** Look-ups offered to the composer (server/tools/composer-tools.ts). */
  composerTools?: TurnDependencies['composerTools'];
}

export interface ConversationHarness {
  conversation: Conversation;
  events: ConversationEvent[];
  scheduler: ManualScheduler;
  /** Waits until an event matching `predicate` has been emitted (after `fromIndex`). */
  waitFor<T extends ConversationEvent['type']>(
    type: T,
    predicate?: (event: Extract<ConversationEvent, { type: T }>) => boolean,
    fromIndex?: number,
  ): Promise<Extract<ConversationEvent, { type: T }>>;
  /** Text the viewer was sent for a turn. */
  textOf(turnId: string): string;
  close(): Promise<void>;
}

/** A conversation over a real knowledge base (SQLite file, builtin matcher), recording every event. */
export async function openConversationHarness(options: HarnessOptions): Promise<ConversationHarness> {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-conversation-'));
  const store = createSqliteKnowledgeStore({ path: path.join(folder, 'kb.sqlite') });
  await store.importEntries(options.entries, 'test');
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
  });
  const knowledgeBase = await KnowledgeBase.open({ store, matcher });
  const events: ConversationEvent[] = [];
  const waiters: (() => void)[] = [];
  const scheduler = new ManualScheduler();
  let counter = 0;
  const chineseScript = createChineseScript();
  const dependencies: TurnDependencies = {
    knowledge: knowledgeBase,
    composer: options.composer,
    summarizer: options.summarizer,
    detectSignals: options.detectSignals,
    judge: options.judge,
    maskPii: options.maskPii ?? ((text) => text),
    policy: POLICY_PRESETS.show,
    replies: DEFAULT_CANNED_REPLIES,
    clock: () => new Date('2026-06-01T12:00:00Z'),
    fillAnswer: options.fillAnswer,
    composerTools: options.composerTools,
    ...(options.withoutLanguageIdentification
      ? {}
      : {
          languageIdentifier: createLanguageIdentifier({ chineseScript }),
          traditionalChinese: chineseScript,
        }),
  };
  const conversation = new Conversation({
    conversationId: 'conversation-1',
    profile: { viewerId: 'viewer-1', tier: 'regular', ...options.profile },
    liveContext: options.liveContext ?? { roomId: 'room-1' },
    dependencies,
    voice: VoiceConfigSchema.parse({}),
    emit: (event) => {
      events.push(event);
      for (const wake of waiters.splice(0)) wake();
    },
    newId: () => `turn-${++counter}`,
    schedule: scheduler.schedule,
  });
  return {
    conversation,
    events,
    scheduler,
    async waitFor(type, predicate, fromIndex = 0) {
      for (let attempt = 0; attempt < 500; attempt++) {
        const found = events
          .slice(fromIndex)
          .find((event): event is never => event.type === type && (!predicate || predicate(event as never)));
        if (found) return found;
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 20);
        });
      }
      throw new Error(`no ${type} event came; saw: ${events.map((event) => event.type).join(', ')}`);
    },
    textOf(turnId) {
      return events
        .filter(
          (event): event is Extract<ConversationEvent, { type: 'text-delta' }> =>
            event.type === 'text-delta' && event.turnId === turnId,
        )
        .map((event) => event.text)
        .join('');
    },
    async close() {
      await conversation.idle();
      knowledgeBase.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
