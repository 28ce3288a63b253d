import { describe, expect, it } from 'vitest';
import { outOfHoursLine, queueStatusLine, waitPhrase, welcomeLine } from './queue-wording.js';

const facts = { position: 3, estimatedWaitMs: 170_000, agentsOnline: 2, placeKeptMs: 300_000 };

describe('queue wording', () => {
  it('says how many are ahead and about how long, in the same words in the welcome and the banner', () => {
    expect(queueStatusLine(facts, 'zh')).toBe('你前面还有 2 位。预计等待约 3 分钟。');
    expect(welcomeLine(facts, 'zh')).toContain('你前面还有 2 位。预计等待约 3 分钟。');
    expect(welcomeLine(facts, 'zh')).toContain('排队位置为你保留 5 分钟');
    expect(queueStatusLine(facts, 'en')).toBe('2 people ahead of you. Estimated wait: about 3 min.');
    expect(welcomeLine(facts, 'en')).toContain('2 people ahead of you.');
    expect(welcomeLine(facts, 'en')).toContain('we keep your place for 5 min');
  });

  it('says "next" for the first in line, and never "0 ahead"', () => {
    const next = { ...facts, position: 1 };
    expect(queueStatusLine(next, 'zh')).toContain('下一位就是你');
    expect(queueStatusLine(next, 'en')).toContain('You are next');
    expect(welcomeLine(next, 'zh')).not.toContain('0 位');
  });

  it('says nobody who can help is online only when that is so', () => {
    expect(queueStatusLine({ ...facts, agentsOnline: 0, estimatedWaitMs: null }, 'zh')).toContain(
      '暂无可接待的客服在线',
    );
    expect(welcomeLine(facts, 'zh')).not.toContain('暂无');
    expect(queueStatusLine({ ...facts, position: 0 }, 'en')).toBe('An agent is being connected now…');
  });

  it('rounds waits honestly: under a minute is not "about 1 min"', () => {
    expect(waitPhrase(20_000, 'en')).toBe('under a minute');
    expect(waitPhrase(20_000, 'zh')).toBe('不到 1 分钟');
    expect(waitPhrase(150_000, 'zh')).toBe('约 3 分钟');
    expect(waitPhrase(3 * 3_600_000, 'en')).toBe('about 3 h');
  });

  it('tells an out-of-hours viewer when the team is back and which ticket holds the question', () => {
    const line = outOfHoursLine(
      {
        opensAt: new Date('2026-12-14T01:00:00Z'),
        timeZone: 'Asia/Shanghai',
        ticketId: 'T-42',
        nowMs: Date.parse('2026-12-11T14:00:00Z'),
      },
      'zh',
    );
    expect(line).toContain('09:00');
    expect(line).toContain('周一');
    expect(line).toContain('工单 T-42');
    expect(
      outOfHoursLine({ opensAt: undefined, timeZone: 'UTC', ticketId: undefined, nowMs: 0 }, 'en'),
    ).toContain('An agent will answer here when they are back.');
  });
});
