import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOD_SETTINGS, NearDuplicateWindow, type FloodComment } from './near-duplicate-window.js';

const comment = (userId: string, text: string, atMs: number): FloodComment => ({ userId, text, atMs });

describe('a room window', () => {
  it('keeps a spammer among twenty thousand other viewers in view: the quietest users go first', () => {
    const window = new NearDuplicateWindow(DEFAULT_FLOOD_SETTINGS);
    const rules: string[] = [];
    // Every 2,500th comment is the spammer's, among 20,000 viewers each posting once within the user window.
    for (let index = 0; index < 20_000; index += 1) {
      const atMs = 1000 + index / 4;
      const spam = index % 2500 === 0;
      const hits = window.observe(
        comment(spam ? 'spammer' : `viewer-${index}`, spam ? `话题${index}` : '主播好', atMs),
      );
      rules.push(...hits.map((hit) => `${hit.rule}:${hit.subject}`));
    }
    expect(rules).toEqual(['user-burst:user-spammer']);
  });

  it('drops comments older than the window wherever they are, when pushed times come out of order', () => {
    const window = new NearDuplicateWindow({ ...DEFAULT_FLOOD_SETTINGS, windowMs: 1000 });
    const text = '今晚的主播太差劲了大家快走';
    // One early comment arrives late (an older time after newer ones); it has left the window by the end.
    const times = [10_000, 10_100, 8_000, 10_200, 10_300, 10_400, 10_500, 10_600];
    const counts = times.map(
      (atMs, index) => window.observe(comment(`bot-${index % 2}`, text, atMs)).at(-1)?.messagesInWindow ?? 0,
    );
    expect(counts.at(-1)).toBe(0);
    const last = window.observe(comment('bot-0', text, 10_700));
    // Eight of the nine, not the one from 8,000: a flood of two accounts repeating.
    expect(last).toMatchObject([{ rule: 'near-duplicate', messagesInWindow: 8, distinctUsers: 2 }]);
  });
});
