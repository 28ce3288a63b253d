import { describe, expect, it } from 'vitest';
import { AngerConfigSchema } from '../signals/anger-config.js';
import { prepareSignalText } from '../signals/signal-text.js';
import { createAbuseScreen } from './abuse-screen.js';

const screen = createAbuseScreen(
  AngerConfigSchema.parse({}),
  new Set(['insult', 'directedAbuse', 'violence']),
);
const passes = (text: string) => screen(prepareSignalText(text));

describe('the abuse screen', () => {
  it('lets through comments with a cue of the categories, masked or stretched', () => {
    for (const text of ['主播是个废物', 'you idiot', 'f**k you', 'stuuuupid streamer', '打死你'])
      expect(passes(text), text).toBe(true);
  });

  it('stops chatter, and words of other categories or on the ignore list', () => {
    for (const text of ['主播晚上好', '666666', 'what game is this', '今晚抽奖几点', '垃圾分类'])
      expect(passes(text), text).toBe(false);
  });
});
