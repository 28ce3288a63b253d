import type { Locale } from '../../knowledge/entry.js';
import { repliesFor, type CannedReplies, type Replies } from '../conversation/canned-replies.js';
import type { TraditionalChineseConverter } from '../ports.js';
import { inViewerScript } from './traditional-chinese.js';

/**
 * The assistant's own words in the conversation's language. A Traditional reader gets the Simplified
 * wording converted, unless the operator wrote replies for that locale themselves.
 */
export function repliesInLanguage(options: {
  replies: CannedReplies;
  language: Locale;
  converter: TraditionalChineseConverter | undefined;
}): Replies {
  const { replies, language, converter } = options;
  const words = repliesFor(replies, language);
  if (replies[language] !== undefined) return words;
  return Object.fromEntries(
    Object.entries(words).map(([key, text]) => [
      key,
      inViewerScript({ text, viewerLanguage: language, converter }),
    ]),
  ) as Replies;
}
