import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../conversation/conversation-state.js';
import {
  AutoReplyConfigSchema,
  autoReplyAllowedIn,
  decideAutoReply,
  type AutoReplyRule,
} from './auto-reply.js';

const config = AutoReplyConfigSchema.parse({ quietPeriodMs: 30_000, windowMs: 30 * 60_000 });

const rule = (
  id: string,
  keywords: string[],
  locale: string | null = null,
  enabled = true,
): AutoReplyRule => ({
  id,
  name: id,
  keywords,
  locale,
  text: `answer ${id}`,
  enabled,
  updatedAt: '2026-06-01T00:00:00.000Z',
  updatedBy: 'editor',
});

const topUp = rule('top-up', ['充值', 'top up']);
const refund = rule('refund', ['退款', 'refund'], null);
const AT = Date.parse('2026-06-01T12:00:00.000Z');

function decide(text: string, overrides: Partial<Parameters<typeof decideAutoReply>[0]> = {}) {
  return decideAutoReply({
    rules: [topUp, refund],
    message: { text, locale: 'zh', at: AT },
    lastHumanReplyAt: undefined,
    firedAt: new Map(),
    config,
    ...overrides,
  });
}

describe('deciding an auto-reply', () => {
  it('picks the rule whose keyword is in the message', () => {
    expect(decide('请问怎么充值金币')).toMatchObject({ fire: true, rule: { id: 'top-up' }, keyword: '充值' });
    expect(decide('你好')).toEqual({ fire: false, reason: 'no-match' });
  });

  it('folds case and width, and an injected normaliser folds Traditional to Simplified', () => {
    expect(
      decide('HOW DO I ＴＯＰ ＵＰ?', { message: { text: 'HOW DO I ＴＯＰ ＵＰ?', locale: 'en', at: AT } }),
    ).toMatchObject({
      fire: true,
      rule: { id: 'top-up' },
    });
    const storedValue = rule('stored-value', ['储值']);
    expect(decide('怎麼儲值', { rules: [storedValue] })).toEqual({ fire: false, reason: 'no-match' });
    const toSimplified = (text: string) => text.replaceAll('儲', '储').replaceAll('麼', '么');
    expect(decide('怎麼儲值', { rules: [storedValue], normalize: toSimplified })).toMatchObject({
      fire: true,
      rule: { id: 'stored-value' },
    });
  });

  it('matches a Latin keyword as whole words only', () => {
    const hi = rule('hi', ['hi']);
    expect(decide('this is it', { rules: [hi] })).toEqual({ fire: false, reason: 'no-match' });
    expect(decide('hi there', { rules: [hi] })).toMatchObject({ fire: true });
    expect(decide('我要refund', { rules: [refund] })).toMatchObject({ fire: true });
    expect(decide('refunded?', { rules: [refund] })).toEqual({ fire: false, reason: 'no-match' });
  });

  it('stays silent when a person replied within the quiet period before the message, or since', () => {
    expect(decide('充值', { lastHumanReplyAt: AT - 10_000 })).toEqual({
      fire: false,
      reason: 'human-replied',
    });
    expect(decide('充值', { lastHumanReplyAt: AT + 5_000 })).toEqual({
      fire: false,
      reason: 'human-replied',
    });
    expect(decide('充值', { lastHumanReplyAt: AT - 30_000 })).toMatchObject({ fire: true });
  });

  it('fires each rule at most once per window', () => {
    expect(decide('充值', { firedAt: new Map([['top-up', AT - 60_000]]) })).toEqual({
      fire: false,
      reason: 'already-fired',
    });
    expect(decide('充值', { firedAt: new Map([['top-up', AT - 30 * 60_000]]) })).toMatchObject({
      fire: true,
    });
    // Another matching rule that has not fired still may.
    expect(decide('充值失败要退款', { firedAt: new Map([['top-up', AT - 60_000]]) })).toMatchObject({
      fire: true,
      rule: { id: 'refund' },
    });
  });

  it('prefers the longest keyword, then the earlier rule', () => {
    const failed = rule('top-up-failed', ['充值失败']);
    expect(decide('充值失败怎么办', { rules: [topUp, failed] })).toMatchObject({
      rule: { id: 'top-up-failed' },
    });
    expect(decide('充值 退款', { rules: [refund, topUp] })).toMatchObject({ rule: { id: 'refund' } });
  });

  it('skips disabled rules and rules for another language', () => {
    const english = rule('en-only', ['充值'], 'en');
    expect(decide('充值', { rules: [rule('off', ['充值'], null, false), english] })).toEqual({
      fire: false,
      reason: 'no-match',
    });
    expect(
      decide('充值', {
        rules: [rule('zh', ['充值'], 'zh')],
        message: { text: '充值', locale: 'zh-TW', at: AT },
      }),
    ).toMatchObject({ fire: true });
  });

  it('speaks only while a person is awaited or in charge', () => {
    const states: ConversationState[] = ['ai', 'pending_human', 'human', 'closed'];
    expect(states.map(autoReplyAllowedIn)).toEqual([false, true, true, false]);
  });
});
