import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { createSqliteConversationEventLog } from '../../adapters/sqlite/conversation-event-log.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { DEFAULT_CANNED_REPLIES } from '../../engine/conversation/canned-replies.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { POLICY_PRESETS } from '../../engine/policy/escalation-policy-config.js';
import { VoiceConfigSchema } from '../../engine/voice/voice-config.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import { observeEventLog, type ObservedEventLog } from '../../server/realtime/observed-event-log.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from '../engine/conversation-fixtures.js';

export interface ObservedHubFixture {
  hub: ConversationHub;
  events: ObservedEventLog<ConversationEvent>;
  database: Database;
  /** Commits what is pending, then closes the files and removes the folder. */
  close(): Promise<void>;
}

/**
 * A conversation hub as the server wires it (the real matcher on the conversation fixtures, real signals,
 * an observed SQLite event log in a temp folder), for tests of the server's live pieces.
 */
export async function openObservedHub(): Promise<ObservedHubFixture> {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-observed-hub-'));
  const store = createSqliteKnowledgeStore({ path: path.join(folder, 'kb.sqlite') });
  await store.importEntries(CONVERSATION_KNOWLEDGE, 'test');
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
  });
  const knowledgeBase = await KnowledgeBase.open({ store, matcher });
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  const events = observeEventLog(
    createSqliteConversationEventLog<ConversationEvent>({ database, eventSchema: ConversationEventSchema }),
  );
  let ids = 0;
  const hub = new ConversationHub({
    dependencies: {
      knowledge: knowledgeBase,
      composer: undefined,
      detectSignals: realSignals(),
      maskPii: (text) => text,
      policy: POLICY_PRESETS.show,
      replies: DEFAULT_CANNED_REPLIES,
      clock: () => new Date('2026-06-01T12:00:00Z'),
    },
    voice: VoiceConfigSchema.parse({}),
    log: events.log,
    newId: () => `id-${++ids}`,
  });
  return {
    hub,
    events,
    database,
    async close() {
      await hub.flushed();
      database.close();
      knowledgeBase.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
