import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { ConversationDirectory } from '../../server/desk/conversation-directory.js';
import type { ConversationChannel } from '../../server/realtime/conversation-channel.js';
import { observeEventLog } from '../../server/realtime/observed-event-log.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from '../engine/conversation-fixtures.js';

const IDLE_MS = 60_000;

describe('conversation directory memory', () => {
  let folder: string;
  let database: Database;
  let store: ReturnType<typeof createSqliteKnowledgeStore>;
  let knowledgeBase: KnowledgeBase;
  let hub: ConversationHub;
  let directory: ConversationDirectory;
  let nowMs: number;

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-directory-'));
    store = createSqliteKnowledgeStore({ path: path.join(folder, 'kb.sqlite') });
    await store.importEntries(CONVERSATION_KNOWLEDGE, 'test');
    const embedder = createBuiltinEmbedder();
    const matcher = new Matcher({
      embedder,
      analyzer: embedder.analyzer,
      createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
    });
    knowledgeBase = await KnowledgeBase.open({ store, matcher });
    database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
    const events = observeEventLog(
      createSqliteConversationEventLog<ConversationEvent>({ database, eventSchema: ConversationEventSchema }),
    );
    let ids = 0;
    hub = new ConversationHub({
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
    nowMs = 0;
    directory = new ConversationDirectory({ hub, events, idleMs: IDLE_MS, nowMs: () => nowMs });
  });
  afterEach(async () => {
    directory.close();
    await hub.flushed();
    database.close();
    knowledgeBase.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function answered(channel: ConversationChannel, text: string): Promise<void> {
    channel.conversation.viewerMessage(text);
    await channel.conversation.idle();
    await hub.flushed();
    for (let turn = 0; turn < 100 && !channel.settled; turn++)
      await new Promise((resolve) => setImmediate(resolve));
  }

  it('lets a quiet conversation nobody follows leave memory, and rebuilds it with its history on return', async () => {
    const channel = directory.open({
      profile: { viewerId: 'v1', tier: 'regular' },
      liveContext: { roomId: 'r1' },
    });
    await answered(channel, '怎么充值金币');
    nowMs += IDLE_MS - 1;
    expect(directory.sweep()).toBe(0);
    nowMs += 2;
    expect(directory.sweep()).toBe(1);
    expect(directory.get(channel.conversationId)).toBeUndefined();

    const back = await directory.load(channel.conversationId);
    expect(back).toBeDefined();
    expect(back).not.toBe(channel);
    expect(back!.conversation.transcript.map((line) => line.speaker)).toEqual(['viewer', 'assistant']);
  });

  it('keeps a conversation someone is following, and one waiting for a person', async () => {
    const followed = directory.open({
      profile: { viewerId: 'v1', tier: 'regular' },
      liveContext: { roomId: 'r1' },
    });
    const unsubscribe = followed.subscribe(() => undefined);
    await answered(followed, '怎么充值金币');
    const waiting = directory.open({
      profile: { viewerId: 'v2', tier: 'regular' },
      liveContext: { roomId: 'r1' },
    });
    await answered(waiting, '我要人工客服');
    expect(waiting.conversation.state).toBe('pending_human');
    nowMs += IDLE_MS * 2;
    expect(directory.sweep()).toBe(0);
    unsubscribe();
    expect(directory.sweep()).toBe(1);
    expect(directory.get(waiting.conversationId)).toBe(waiting);
  });
});
