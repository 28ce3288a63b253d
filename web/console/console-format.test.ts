import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, viewerCode, viewerTitle } from './console-format.js';
import { consoleTexts } from './console-texts.js';
import { countdownText } from './countdown.js';
import { laneReasonLabel } from './conversation-list.js';
import { isNearBottom } from './transcript-follower.js';

const en = consoleTexts('en');
const zh = consoleTexts('zh');

describe('console formatting', () => {
  it('writes durations in whole minutes, hours and days, in each language', () => {
    expect(formatDuration(25 * 60_000, en)).toBe('25 min');
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000, en)).toBe('3 h 20 min');
    expect(formatDuration(26 * 3_600_000, zh)).toBe('1 天 2 小时');
    expect(formatDuration(-90_000, zh)).toBe('2 分钟');
    expect(formatCountdown(29_500)).toBe('0:30');
    expect(formatCountdown(-61_000)).toBe('1:01');
  });

  it('counts deadlines down and says when they are past', () => {
    expect(countdownText('first-response', 125_000, en)).toBe('first reply due in 2:05');
    expect(countdownText('next-response', -5_000, zh)).toBe('回复已超时 0:05');
    expect(countdownText('offer', 12_000, zh)).toBe('0:12 内接入');
    expect(countdownText('offer', -1, en)).toBe('offer ended');
    expect(countdownText('ticket', 26 * 3_600_000, en)).toBe('due in 1 d 2 h');
    expect(countdownText('ticket', -40 * 60_000, en)).toBe('overdue by 40 min');
    expect(countdownText('ticket', -40 * 60_000, zh)).toBe('已超时 40 分钟');
  });

  it('names viewers by display name, else a short label, never the raw id', () => {
    const id = 'viewer-3f9a2c1d-1111-2222-3333-4444abcd9f3c';
    expect(viewerTitle({ viewerId: id, displayName: 'Mia' }, en)).toBe('Mia');
    expect(viewerTitle({ viewerId: id, viewerName: '小美' }, zh)).toBe('小美');
    // The desk sends the id itself as the name when it knows none.
    expect(viewerTitle({ viewerId: id, viewerName: id }, en)).toBe('Viewer 9f3c');
    expect(viewerTitle({ viewerId: id }, zh)).toBe('用户 9f3c');
    expect(viewerCode('v-1')).toBe('v1');
  });

  it('says why a conversation is in its lane in a few words', () => {
    expect(laneReasonLabel(['anger', 'vip', 'complaints-team'], en)).toBe('why: angry · VIP · complaint');
    expect(laneReasonLabel(['urgent', 'overflow'], zh)).toBe('原因：紧急 · 溢出分配');
    expect(laneReasonLabel([], en)).toBe('');
    expect(laneReasonLabel(undefined, en)).toBe('');
  });

  it('follows new lines only for a reader at the bottom', () => {
    expect(isNearBottom({ scrollHeight: 2000, scrollTop: 1500, clientHeight: 490 })).toBe(true);
    expect(isNearBottom({ scrollHeight: 2000, scrollTop: 0, clientHeight: 490 })).toBe(false);
    expect(isNearBottom({ scrollHeight: 2000, scrollTop: 1400, clientHeight: 490 })).toBe(false);
  });
});
