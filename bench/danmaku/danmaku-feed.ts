/** A live room's danmaku as a platform would push it: mostly chatter, with ads, abuse, disputes and floods. */
const CHATTER = [
  '主播晚上好',
  '666666',
  '哈哈哈哈哈',
  '这首歌叫什么名字',
  '来了来了',
  '主播唱得真好听',
  'hello from Spain',
  'what game is this',
  '第一次来，关注了',
  '这个衣服多少钱',
  '主播加油',
  '今晚抽奖几点',
];
const TROUBLE = [
  '➕V看主页领福利',
  '加微信 fuli8888 低价出号',
  '主播是个废物',
  'fuck you streamer',
  '主播骗人！退钱',
  '我才13岁，用我妈的卡刷的',
  '我知道你家住哪',
  'check my bio for free followers',
];

export interface FeedItem {
  kind: 'comment' | 'gift';
  userId: string;
  text?: string;
  giftName?: string;
  value?: number;
}

/**
 * Batch `index` of a room: about 2% trouble, a gift now and then, and every 50th batch one account flooding.
 * `users`: the room's audience posting (a room ten times busier has many more viewers, not the same viewers
 * posting ten times as often, which would be a flood of its own).
 */
export function danmakuBatch(room: number, index: number, size: number, users = 5000): FeedItem[] {
  const items: FeedItem[] = [];
  for (let offset = 0; offset < size; offset += 1) {
    const n = index * size + offset;
    const userId = `r${room}-u${(n * 7919) % users}`;
    if (n % 97 === 0) items.push({ kind: 'gift', userId, giftName: '火箭', value: 50_000 });
    else if (n % 53 === 0) items.push({ kind: 'comment', userId, text: TROUBLE[(n / 53) % TROUBLE.length]! });
    else if (index % 50 === 0 && offset < 12)
      items.push({
        kind: 'comment',
        userId: `r${room}-flooder`,
        text: `今晚的主播太差劲了大家快走 ${offset}`,
      });
    else items.push({ kind: 'comment', userId, text: CHATTER[n % CHATTER.length]! });
  }
  return items;
}
