import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationState } from '../../engine/conversation/conversation-state.js';
import { AutoReplyConfigSchema, type AutoReplyRule } from '../../engine/desk/auto-reply.js';
import { AutoReplier, type AutoReplyTarget } from './auto-replier.js';

const START = new Date('2026-06-01T12:00:00.000Z');
const config = AutoReplyConfigSchema.parse({ quietPeriodMs: 30_000, windowMs: 30 * 60_000 });

const topUp: AutoReplyRule = {
  id: 'top-up',
  name: 'Top-up steps',
  keywords: ['充值'],
  locale: null,
  text: 'Me > Wallet > Top Up',
  enabled: true,
  updatedAt: START.toISOString(),
  updatedBy: 'editor',
};

/** A conversation as the auto-replier sees it, recording what it was told to say. */
class RecordingConversation implements AutoReplyTarget {
  state: ConversationState = 'pending_human';
  readonly profile = { viewerId: 'v1', tier: 'regular' as const, locale: 'zh' };
  readonly said: { text: string; ruleId: string; at: string }[] = [];
  constructor(private readonly replier: () => AutoReplier) {}
  systemMessage(message: { kind: 'auto-reply'; text: string; ruleId: string }): void {
    const at = new Date().toISOString();
    this.said.push({ text: message.text, ruleId: message.ruleId, at });
    // The desk service feeds the committed event back, as it does in the product.
    this.replier().observe('c1', { type: 'system-message', ...message, at }, this);
  }
}

let rules: AutoReplyRule[];
let replier: AutoReplier;
let conversation: RecordingConversation;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
  rules = [topUp];
  replier = new AutoReplier({ rules: () => rules, config });
  conversation = new RecordingConversation(() => replier);
});

afterEach(() => {
  replier.close();
  vi.useRealTimers();
});

const now = () => new Date().toISOString();
const viewer = (text: string): ConversationEvent => ({
  type: 'viewer-message',
  text,
  channel: 'text',
  at: now(),
});
const agent = (text: string): ConversationEvent => ({
  type: 'agent-message',
  agentId: 'a1',
  text,
  at: now(),
});
const stateChange = (from: ConversationState, to: ConversationState): ConversationEvent => ({
  type: 'state-change',
  from,
  to,
  reason: 'test',
  at: now(),
});

describe('AutoReplier', () => {
  it('answers a waiting viewer once the quiet period passes with no person replying', () => {
    replier.observe('c1', viewer('怎么充值？'), conversation);
    vi.advanceTimersByTime(29_999);
    expect(conversation.said).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(conversation.said).toEqual([
      { text: 'Me > Wallet > Top Up', ruleId: 'top-up', at: '2026-06-01T12:00:30.000Z' },
    ]);
  });

  it('fires a rule once per conversation window, then again after the window', () => {
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(30_000);
    replier.observe('c1', viewer('充值还是不行'), conversation);
    vi.advanceTimersByTime(10 * 60_000);
    expect(conversation.said).toHaveLength(1);
    vi.advanceTimersByTime(20 * 60_000);
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(30_000);
    expect(conversation.said.map((line) => line.at)).toEqual([
      '2026-06-01T12:00:30.000Z',
      '2026-06-01T12:31:00.000Z',
    ]);
  });

  it('keeps quiet when an agent replies during the quiet period', () => {
    conversation.state = 'human';
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(10_000);
    replier.observe('c1', agent('I am looking into it'), conversation);
    expect(replier.pendingCount('c1')).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toEqual([]);
  });

  it('keeps quiet when an agent replied shortly before the message', () => {
    conversation.state = 'human';
    replier.observe('c1', agent('hello, how can I help?'), conversation);
    vi.advanceTimersByTime(5_000);
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toEqual([]);
    // Once the agent has been quiet for the whole period, a new message is answered.
    replier.observe('c1', viewer('充值？？'), conversation);
    vi.advanceTimersByTime(30_000);
    expect(conversation.said).toHaveLength(1);
  });

  it('never speaks while the AI is answering', () => {
    conversation.state = 'ai';
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toEqual([]);
    expect(replier.pendingCount('c1')).toBe(0);
  });

  it('drops a waiting reply when the conversation goes back to the AI before it is due', () => {
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(10_000);
    conversation.state = 'ai';
    replier.observe('c1', stateChange('pending_human', 'ai'), conversation);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toEqual([]);
  });

  it('does not fire when the state left the desk without an event reaching it first', () => {
    replier.observe('c1', viewer('充值'), conversation);
    conversation.state = 'ai';
    vi.advanceTimersByTime(30_000);
    expect(conversation.said).toEqual([]);
  });

  it('forgets a conversation when it closes, timers included', () => {
    replier.observe('c1', viewer('充值'), conversation);
    expect(replier.size).toBe(1);
    conversation.state = 'closed';
    replier.observe('c1', stateChange('pending_human', 'closed'), conversation);
    expect(replier.size).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the rules as they are when the reply is due: a rule switched off meanwhile stays silent', () => {
    replier.observe('c1', viewer('充值'), conversation);
    rules = [{ ...topUp, enabled: false }];
    vi.advanceTimersByTime(30_000);
    expect(conversation.said).toEqual([]);
  });

  it('rebuilds the window from replayed auto-reply events', () => {
    replier.observe(
      'c1',
      {
        type: 'system-message',
        kind: 'auto-reply',
        text: 'x',
        ruleId: 'top-up',
        at: '2026-06-01T11:50:00.000Z',
      },
      conversation,
    );
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(30_000);
    expect(conversation.said).toEqual([]);
  });

  it('matches Traditional Chinese and full-width text with its default normaliser', () => {
    rules = [{ ...topUp, keywords: ['储值', 'top up'] }];
    replier.observe('c1', viewer('請問怎麼儲值'), conversation);
    vi.advanceTimersByTime(30_000);
    replier.observe('c2', viewer('ＴＯＰ ＵＰ please'), conversation);
    vi.advanceTimersByTime(30_000);
    expect(conversation.said).toHaveLength(2);
  });

  it('keeps one waiting reply per rule however many messages match', () => {
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(5_000);
    replier.observe('c1', viewer('充值!!'), conversation);
    expect(replier.pendingCount('c1')).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toHaveLength(1);
  });

  it('stops everything on close', () => {
    replier.observe('c1', viewer('充值'), conversation);
    replier.close();
    expect(vi.getTimerCount()).toBe(0);
    replier.observe('c1', viewer('充值'), conversation);
    vi.advanceTimersByTime(60_000);
    expect(conversation.said).toEqual([]);
  });

  it('reports a failing rule source and carries on', () => {
    const errors: unknown[] = [];
    replier = new AutoReplier({
      rules: () => {
        throw new Error('file gone');
      },
      config,
      onError: (error) => errors.push(error),
    });
    replier.observe('c1', viewer('充值'), conversation);
    expect(errors).toHaveLength(1);
    expect(replier.pendingCount('c1')).toBe(0);
  });
});
