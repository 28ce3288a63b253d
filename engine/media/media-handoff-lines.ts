import type { MediaKind } from './media-kind.js';

/**
 * What the viewer is told when a person has to see or hear what they sent (no vision model, no speech
 * recogniser, or a file): honest about it, and that someone is coming. Simplified Chinese and English;
 * the conversation turns the Chinese into Traditional for a Traditional writer.
 */
const LINES: Readonly<Record<'zh' | 'en', Readonly<Record<Exclude<MediaKind, 'sticker'>, string>>>> = {
  zh: {
    image: '收到你的图片了。我看不了图片，已经请人工客服来看，请稍等。',
    voice: '收到你的语音了。我暂时听不了语音，已经请人工客服来听，请稍等。',
    file: '收到你的文件了。我打不开文件，已经请人工客服来看，请稍等。',
  },
  en: {
    image:
      "Got your picture. I can't look at images myself, so I've asked a person from our team to take a look. Please hold on.",
    voice:
      "Got your voice message. I can't listen to it myself, so I've asked a person from our team to. Please hold on.",
    file: "Got your file. I can't open files myself, so I've asked a person from our team to take a look. Please hold on.",
  },
};

/** The line for `kind` in the conversation's language (Chinese for any `zh*`, else English). */
export function mediaHandoffLine(kind: Exclude<MediaKind, 'sticker'>, language: string | undefined): string {
  return LINES[language?.toLowerCase().startsWith('zh') ? 'zh' : 'en'][kind];
}
