import { describe, expect, it } from 'vitest';
import type { MatchOptions } from '../../knowledge/matching/matcher.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import { POLICY_PRESETS } from '../policy/escalation-policy-config.js';
import type { SignalReport } from '../policy/signal-report.js';
import type { SignalInput, TurnDependencies } from '../turn/turn-context.js';
import { VoiceConfigSchema } from '../voice/voice-config.js';
import { DEFAULT_CANNED_REPLIES } from './canned-replies.js';
import { Conversation } from './conversation.js';
import type { ConversationEvent } from './conversation-events.js';

/** A matcher that records what it was asked and never answers: every turn waits until the next message. */
function recordingDependencies(questionLimits: TurnDependencies['questionLimits']) {
  const asked: string[] = [];
  const signalInputs: SignalInput[] = [];
  const dependencies: TurnDependencies = {
    knowledge: {
      ask: (text: string, options: MatchOptions) => {
        asked.push(text);
        return new Promise<MatchDecision>((_resolve, reject) =>
          options.signal?.addEventListener('abort', () =>
            reject(new DOMException('interrupted', 'AbortError')),
          ),
        );
      },
    },
    detectSignals: (input) => {
      signalInputs.push(input);
      return {} as SignalReport;
    },
    maskPii: (text) => text,
    policy: POLICY_PRESETS.show,
    replies: DEFAULT_CANNED_REPLIES,
    clock: () => new Date('2026-12-07T00:00:00Z'),
    questionLimits,
  };
  return { dependencies, asked, signalInputs };
}

function open(questionLimits: TurnDependencies['questionLimits']) {
  const recorded = recordingDependencies(questionLimits);
  const events: ConversationEvent[] = [];
  let nextId = 0;
  const conversation = new Conversation({
    conversationId: 'c1',
    profile: { viewerId: 'v1', tier: 'regular', locale: 'zh' },
    dependencies: recorded.dependencies,
    voice: VoiceConfigSchema.parse({}),
    newId: () => `id-${(nextId += 1)}`,
    emit: (event) => events.push(event),
  });
  return { conversation, events, ...recorded };
}

describe('a conversation bounds what each turn matches', () => {
  it('matches at most the first characters of a long message', () => {
    const chat = open({ maxChars: 50, maxMessages: 3, maxHistoryMessages: 20 });
    chat.conversation.viewerMessage('问'.repeat(1000));
    expect(chat.asked).toEqual(['问'.repeat(50)]);
  });

  it('re-asks an interrupted question with the new words, but never more than the limits allow', () => {
    const chat = open({ maxChars: 60, maxMessages: 2, maxHistoryMessages: 20 });
    for (let index = 0; index < 10; index += 1) chat.conversation.viewerMessage(`${index}`.repeat(1000));
    expect(chat.asked).toHaveLength(10);
    for (const question of chat.asked) expect([...question].length).toBeLessThanOrEqual(60);
    // The newest two messages make the question, sharing its characters; the older eight were dropped from it.
    expect(chat.asked.at(-1)).toBe(`${'8'.repeat(29)}\n${'9'.repeat(30)}`);
    const starts = chat.events.filter((event) => event.type === 'turn-start');
    for (const start of starts) expect([...start.question].length).toBeLessThanOrEqual(60);
    // Every message is still stored whole.
    const stored = chat.events.filter((event) => event.type === 'viewer-message');
    expect(stored.map((event) => event.text.length)).toEqual(Array(10).fill(1000));
  });

  it('keeps the message id in the stored viewer message', () => {
    const chat = open(undefined);
    chat.conversation.viewerMessage('怎么充值', 'text', 'client-1');
    expect(chat.events.find((event) => event.type === 'viewer-message')).toMatchObject({
      clientMessageId: 'client-1',
    });
  });
});
