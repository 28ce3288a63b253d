import { describe, expect, it } from 'vitest';
import { createCommentClassifier } from './classify-comment.js';
import { DEFAULT_COMMENT_RULES } from './comment-rules.js';
import type { DanmakuItem } from './danmaku.js';
import { DEFAULT_FLOOD_SETTINGS } from './near-duplicate-window.js';
import { DEFAULT_ROOM_WATCH_SETTINGS, RoomWatch, type RoomAlertChange } from './room-watch.js';

function newWatch(): RoomWatch {
  let next = 0;
  return new RoomWatch({
    classifier: createCommentClassifier({ rules: DEFAULT_COMMENT_RULES }),
    settings: { ...DEFAULT_ROOM_WATCH_SETTINGS, flood: DEFAULT_FLOOD_SETTINGS },
    newId: () => `alert-${++next}`,
  });
}

const comment = (userId: string, text: string, atMs: number): DanmakuItem => ({
  kind: 'comment',
  userId,
  text,
  atMs,
});

function feed(watch: RoomWatch, items: DanmakuItem[], roomId = 'room-1'): RoomAlertChange[] {
  return items.flatMap((item) => watch.observe({ platformId: 'p', roomId, item }).changes);
}

describe('room watch', () => {
  it('raises one flood alert for a few accounts repeating near-duplicates, and merges the rest into it', () => {
    const watch = newWatch();
    const burst = Array.from({ length: 12 }, (_, index) =>
      comment(
        `bot-${index % 3}`,
        `今晚的主播太差劲了${index % 2 === 0 ? '!!' : '啊'}${index}`,
        1000 + index * 1000,
      ),
    );
    const changes = feed(watch, burst).filter((change) => change.alert.kind === 'flood');
    expect(changes.filter((change) => change.type === 'raised')).toHaveLength(1);
    const alert = changes.at(-1)!.alert;
    expect(alert.evidenceCount).toBe(12);
    expect(alert.userIds).toEqual(['bot-0', 'bot-1', 'bot-2']);
  });

  it('raises a flood for a swarm of accounts pasting one long text', () => {
    const watch = newWatch();
    const swarm = Array.from({ length: 30 }, (_, index) =>
      comment(`bot-${index}`, '这个直播间的主播天天骗人大家快跑', 1000 + index * 200),
    );
    const flood = feed(watch, swarm).filter((change) => change.alert.kind === 'flood');
    expect(flood[0]).toMatchObject({ type: 'raised', alert: { severity: 'medium' } });
    expect(flood.at(-1)!.alert.evidenceCount).toBe(30);
    // The first few (how it began) and the latest are kept.
    expect(flood.at(-1)!.alert.evidence).toHaveLength(20);
    expect(flood.at(-1)!.alert.evidence[0]!.userId).toBe('bot-0');
    expect(flood.at(-1)!.alert.evidence.at(-1)!.userId).toBe('bot-29');
  });

  it('does not call a crowd greeting the streamer, each once, a flood', () => {
    const watch = newWatch();
    const crowd = Array.from({ length: 60 }, (_, index) =>
      comment(`fan-${index}`, index % 2 ? '主播晚上好呀' : '来了来了', 1000 + index * 100),
    );
    expect(feed(watch, crowd)).toEqual([]);
  });

  it('does not call a room cheering "666" and "哈哈哈" a flood', () => {
    const watch = newWatch();
    const cheers = Array.from({ length: 40 }, (_, index) =>
      comment(`fan-${index}`, index % 2 ? '666666' : '哈哈哈哈', 1000 + index * 50),
    );
    expect(feed(watch, cheers)).toEqual([]);
  });

  it('flags one account posting over and over', () => {
    const watch = newWatch();
    const spam = Array.from({ length: 9 }, (_, index) =>
      comment('spammer', `第${index}条不同的话题呀`, 1000 + index * 500),
    );
    const flood = feed(watch, spam).filter((change) => change.alert.kind === 'flood');
    expect(flood[0]).toMatchObject({ type: 'raised', alert: { subjectUserId: 'spammer' } });
  });

  it('merges repeated ads into the open alert until it is settled, then raises a new one', () => {
    const watch = newWatch();
    const first = feed(watch, [comment('a', '加v看主页', 1000), comment('b', '➕V领福利', 2000)]);
    expect(first.map((change) => change.type)).toEqual(['raised', 'updated']);
    expect(first[1]!.alert.evidence.map((evidence) => evidence.userId)).toEqual(['a', 'b']);
    watch.settle(first[0]!.alert);
    const after = feed(watch, [comment('c', '加微信 abc12345', 3000)]);
    expect(after[0]).toMatchObject({ type: 'raised' });
    expect(after[0]!.alert.id).not.toBe(first[0]!.alert.id);
  });

  it('makes a refund demand right after a gift a high-severity dispute, with the gift as evidence', () => {
    const watch = newWatch();
    const changes = feed(watch, [
      { kind: 'gift', userId: 'v1', giftName: '火箭', value: 50000, atMs: 1000 },
      comment('v1', '送错了，退钱', 60_000),
    ]);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.alert).toMatchObject({ kind: 'dispute', severity: 'high', subjectUserId: 'v1' });
    expect(changes[0]!.alert.evidence.map((evidence) => evidence.rule)).toEqual([
      'gift',
      'refund-demand-after-gift',
    ]);
  });

  it('keeps rooms apart', () => {
    const watch = newWatch();
    feed(watch, [comment('a', '加v看主页', 1000)], 'room-1');
    const other = feed(watch, [comment('a', '加v看主页', 1000)], 'room-2');
    expect(other[0]).toMatchObject({ type: 'raised', alert: { roomId: 'room-2' } });
  });

  it('forgets the least recently active room past the cap, even one with an open alert', () => {
    let next = 0;
    const watch = new RoomWatch({
      classifier: createCommentClassifier({ rules: DEFAULT_COMMENT_RULES }),
      settings: { ...DEFAULT_ROOM_WATCH_SETTINGS, maxRooms: 3, flood: DEFAULT_FLOOD_SETTINGS },
      newId: () => `alert-${++next}`,
    });
    // One ad per room leaves an open alert in every room: the cap must hold all the same.
    for (let index = 0; index < 50; index += 1) {
      const raised = feed(watch, [comment(`u${index}`, '加微信 abc12345', 1000 + index)], `room-${index}`);
      expect(raised.map((change) => change.type)).toEqual(['raised']);
      // room-0 stays active, so it is never the one forgotten.
      feed(watch, [comment('regular', 'hello', 1000 + index)], 'room-0');
      expect(watch.roomCount).toBeLessThanOrEqual(3);
    }
    // Its ad alert is still open here: a second ad merges rather than raising a new alert.
    expect(
      feed(watch, [comment('v', '加微信 abc12345', 2000)], 'room-0').map((change) => change.type),
    ).toEqual(['updated']);
  });
});
