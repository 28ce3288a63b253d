import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIMessageTranslator } from '../../adapters/openai/openai-message-translator.js';
import { createSqliteConversationEventLog } from '../../adapters/sqlite/conversation-event-log.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import { ChatCompletionRequestSchema } from '../../test/support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../../test/support/openai-compatible-server.js';
import type { ConversationChannel } from '../realtime/conversation-channel.js';
import { MessageTranslation } from './message-translation.js';

const AT = '2026-12-07T10:00:00.000Z';
const say = (text: string): ConversationEvent => ({ type: 'viewer-message', text, channel: 'text', at: AT });
const move = (from: string, to: string): ConversationEvent =>
  ({ type: 'state-change', from, to, reason: 'test', at: AT }) as ConversationEvent;

/** The log, with how often and how much of it was read. */
function countingReads(log: Pick<ConversationEventLog<ConversationEvent>, 'read'>) {
  const counts = { calls: 0, events: 0, after: [] as number[] };
  return Object.assign(counts, {
    log: {
      read: async (conversationId: string, options?: { afterSequence?: number; limit?: number }) => {
        const page = await log.read(conversationId, options);
        counts.calls += 1;
        counts.events += page.length;
        counts.after.push(options?.afterSequence ?? 0);
        return page;
      },
    },
  });
}

/**
 * At a handoff, the lines the viewer wrote to the assistant are read back from the conversation log: a
 * fresh MessageTranslation (a restarted node, or another one) has none of them in memory.
 */
describe('the lines before a handoff, read from the log', () => {
  let llm: OpenAICompatibleServer;
  let folder: string;
  let log: ConversationEventLog<ConversationEvent>;
  let close: () => void;

  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    llm.chat.respondWith((request) => {
      const [, user] = ChatCompletionRequestSchema.parse(request).messages;
      const { text } = JSON.parse(user ? messageText(user) : '{}') as { text: string };
      return { content: `译：${text}` };
    });
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-translation-log-'));
    const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
    close = () => database.close();
    log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
  });
  afterAll(async () => {
    close();
    rmSync(folder, { recursive: true, force: true });
    await llm.close();
  });

  it('translates the last ten since the previous handoff, oldest first, across more than a page', async () => {
    const append = async (event: ConversationEvent) => (await log.append('c1', AT, event)).sequence;
    await append(say('before the first handoff'));
    await append(move('ai', 'pending_human'));
    await append(move('pending_human', 'human'));
    await append(say('to the person'));
    await append(move('human', 'ai'));
    // More than one page of the log (500 events) between them.
    for (let index = 0; index < 600; index += 1)
      await append({ type: 'text-delta', turnId: `t${index}`, text: 'x', uninterruptible: false });
    const lines = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`);
    const sequences: number[] = [];
    for (const line of lines) sequences.push(await append(say(line)));
    const handoff = move('ai', 'pending_human');
    const handoffSequence = await append(handoff);

    const translated: { sequence: number; text: string }[] = [];
    const conversation = {
      language: 'en',
      state: 'pending_human',
      messageTranslation: (sequence: number, translation: { text: string }) =>
        translated.push({ sequence, text: translation.text }),
    } as unknown as ConversationChannel['conversation'];
    const reads = countingReads(log);
    const translation = new MessageTranslation({
      translator: createOpenAIMessageTranslator({
        baseURL: llm.baseURL,
        model: 'test-model',
        timeoutMs: 5_000,
      }),
      agentLanguage: 'zh',
      timeoutMs: 5_000,
      events: reads.log,
    });
    translation.observer().observe('c1', handoff, conversation, handoffSequence);
    await expect.poll(() => translated.length, { timeout: 10_000 }).toBe(10);
    expect(translated).toEqual(
      lines.slice(2).map((line, index) => ({ sequence: sequences[index + 2], text: `译：${line}` })),
    );
    // Ten lines were found just before the handoff: the 600 events before them were not read.
    expect(reads.events).toBeLessThanOrEqual(200);
    expect(reads.calls).toBe(1);
  });

  it('reads further back only as far as it must, never rereads, and stops at a bound', async () => {
    const append = async (event: ConversationEvent) => (await log.append('c3', AT, event)).sequence;
    // Appends made at once are stored in one transaction, in call order.
    const filler = (count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, index) =>
          append({ type: 'text-delta', turnId: `t${index}`, text: 'x', uninterruptible: false }),
        ),
      );
    await append(say('too long ago'));
    await filler(5_200);
    const sequences: number[] = [];
    for (const line of ['early 1', 'early 2', 'early 3']) sequences.push(await append(say(line)));
    await filler(900);
    for (const line of ['late 1', 'late 2']) sequences.push(await append(say(line)));
    const handoffSequence = await append(move('ai', 'pending_human'));

    const translated: { sequence: number; text: string }[] = [];
    const conversation = {
      language: 'en',
      state: 'pending_human',
      messageTranslation: (sequence: number, translation: { text: string }) =>
        translated.push({ sequence, text: translation.text }),
    } as unknown as ConversationChannel['conversation'];
    const reads = countingReads(log);
    const translation = new MessageTranslation({
      translator: createOpenAIMessageTranslator({
        baseURL: llm.baseURL,
        model: 'test-model',
        timeoutMs: 5_000,
      }),
      agentLanguage: 'zh',
      timeoutMs: 5_000,
      events: reads.log,
    });
    translation.observer().observe('c3', move('ai', 'pending_human'), conversation, handoffSequence);
    await expect.poll(() => translated.length, { timeout: 10_000 }).toBe(5);
    expect(translated).toEqual(
      ['early 1', 'early 2', 'early 3', 'late 1', 'late 2'].map((line, index) => ({
        sequence: sequences[index],
        text: `译：${line}`,
      })),
    );
    // Widened past the late lines to find the early ones, but the first line lies beyond the bound (5000).
    expect(reads.events).toBeLessThanOrEqual(5_000);
    expect(reads.events).toBeGreaterThan(1_000);
    expect(new Set(reads.after).size).toBe(reads.after.length);
  }, 60_000);

  it('falls back to what it remembered when the log cannot be read', async () => {
    const broken: Pick<ConversationEventLog<ConversationEvent>, 'read'> = {
      read: () => Promise.reject(new Error('disk gone')),
    };
    const problems: string[] = [];
    const translated: string[] = [];
    const conversation = {
      language: 'en',
      state: 'ai',
      messageTranslation: (_sequence: number, translation: { text: string }) =>
        translated.push(translation.text),
    } as unknown as ConversationChannel['conversation'];
    const translation = new MessageTranslation({
      translator: createOpenAIMessageTranslator({
        baseURL: llm.baseURL,
        model: 'test-model',
        timeoutMs: 5_000,
      }),
      agentLanguage: 'zh',
      timeoutMs: 5_000,
      events: broken,
      onError: (reason) => problems.push(reason),
    });
    const observer = translation.observer();
    observer.observe('c2', say('remembered line'), conversation, 1);
    observer.observe('c2', move('ai', 'pending_human'), conversation, 2);
    await expect.poll(() => translated, { timeout: 10_000 }).toEqual(['译：remembered line']);
    expect(problems.join()).toContain('disk gone');
  });
});
