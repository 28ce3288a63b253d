import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { createChineseScript } from '../../adapters/language/chinese-script.js';
import { createLanguageIdentifier } from '../../adapters/language/create-language-identifier.js';
import { createSqliteConversationEventLog } from '../../adapters/sqlite/conversation-event-log.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { DEFAULT_CANNED_REPLIES } from '../../engine/conversation/canned-replies.js';
import type { Conversation } from '../../engine/conversation/conversation.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { POLICY_PRESETS } from '../../engine/policy/escalation-policy-config.js';
import type { AnswerComposer, ConversationEventLog, StoredConversationEvent } from '../../engine/ports.js';
import type { TurnDependencies } from '../../engine/turn/turn-context.js';
import { VoiceConfigSchema } from '../../engine/voice/voice-config.js';
import type { EntryInput } from '../../knowledge/entry.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from '../engine/conversation-fixtures.js';

/** One server process: a hub over its own connection to the shared SQLite file. */
export interface HubProcess {
  hub: ConversationHub;
  log: ConversationEventLog<ConversationEvent>;
  /** Every event this process's conversations emitted, in order. */
  events: ConversationEvent[];
  listener: (event: ConversationEvent) => void;
  /** A new conversation of viewer-1, regular; `profile` changes what it names (its UI locale). */
  open(profile?: Partial<ViewerProfile>): Conversation;
  /** `hub.restore` with this process's listener. */
  restore(conversationId: string): Promise<Conversation | undefined>;
  /** Waits until an event of `type` matching `predicate` was emitted at or after `fromIndex`. */
  waitFor<T extends ConversationEvent['type']>(
    type: T,
    predicate?: (event: Extract<ConversationEvent, { type: T }>) => boolean,
    fromIndex?: number,
  ): Promise<Extract<ConversationEvent, { type: T }>>;
  /** Every stored event of the conversation. */
  stored(conversationId: string): Promise<StoredConversationEvent<ConversationEvent>[]>;
}

export interface HubHarness {
  /** Starts another process over the same files; earlier ones are left as they are, as after a SIGKILL. */
  startProcess(): HubProcess;
  close(): Promise<void>;
}

const CLOCK = new Date('2026-06-01T12:00:00Z');

/** Conversation hubs over a real knowledge base and a real SQLite event log, restartable. */
export async function openHubHarness(
  options: { entries?: EntryInput[]; composer?: AnswerComposer } = {},
): Promise<HubHarness> {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-hub-'));
  const store = createSqliteKnowledgeStore({ path: path.join(folder, 'kb.sqlite') });
  await store.importEntries(options.entries ?? CONVERSATION_KNOWLEDGE, 'test');
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
  });
  const knowledgeBase = await KnowledgeBase.open({ store, matcher });
  const chineseScript = createChineseScript();
  const dependencies: TurnDependencies = {
    knowledge: knowledgeBase,
    composer: options.composer,
    detectSignals: realSignals(),
    maskPii: (text) => text,
    policy: POLICY_PRESETS.show,
    replies: DEFAULT_CANNED_REPLIES,
    clock: () => CLOCK,
    languageIdentifier: createLanguageIdentifier({ chineseScript }),
    traditionalChinese: chineseScript,
  };
  const databases: Database[] = [];
  const opened: { process: HubProcess; conversations: Conversation[] }[] = [];

  function startProcess(): HubProcess {
    const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
    databases.push(database);
    const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
    // Ids differ per process, as random ids would.
    const processNumber = opened.length + 1;
    let counter = 0;
    const hub = new ConversationHub({
      dependencies,
      voice: VoiceConfigSchema.parse({}),
      log,
      newId: () => `p${processNumber}-id-${++counter}`,
      onLogError: (error) => {
        throw error;
      },
    });
    const events: ConversationEvent[] = [];
    const conversations: Conversation[] = [];
    const process: HubProcess = {
      hub,
      log,
      events,
      listener: (event) => {
        events.push(event);
      },
      open(profile = {}) {
        const conversation = hub.open(
          { profile: { viewerId: 'viewer-1', tier: 'regular', ...profile } },
          (event) => events.push(event),
        );
        conversations.push(conversation);
        return conversation;
      },
      async restore(conversationId) {
        const conversation = await hub.restore(conversationId, (event) => events.push(event));
        if (conversation && !conversations.includes(conversation)) conversations.push(conversation);
        return conversation;
      },
      async waitFor(type, predicate, fromIndex = 0) {
        for (let attempt = 0; attempt < 500; attempt++) {
          const found = events
            .slice(fromIndex)
            .find(
              (event): event is never => event.type === type && (!predicate || predicate(event as never)),
            );
          if (found) return found;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`no ${type} event came; saw: ${events.map((event) => event.type).join(', ')}`);
      },
      async stored(conversationId) {
        return log.read(conversationId, { limit: 100_000 });
      },
    };
    opened.push({ process, conversations });
    return process;
  }

  return {
    startProcess,
    async close() {
      for (const { process, conversations } of opened) {
        // A turn left running by a "killed" process is stopped so nothing outlives the test.
        for (const conversation of conversations) conversation.close('test-end');
        await Promise.all(conversations.map((conversation) => conversation.idle()));
        await process.hub.flushed();
      }
      for (const database of databases) database.close();
      knowledgeBase.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
