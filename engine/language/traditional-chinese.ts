import { isTraditionalChinese, type Locale } from '../../knowledge/entry.js';
import type { TraditionalChineseConverter } from '../ports.js';

/**
 * What the viewer is sent, in their script: Simplified wording rewritten for a Traditional reader
 * (账号 → 帳號), anything else as it is. `writtenIn`: the text's own language; text already written in
 * Traditional (an entry's zh-TW translation) is left alone.
 */
export function inViewerScript(options: {
  text: string;
  viewerLanguage: Locale | undefined;
  converter: TraditionalChineseConverter | undefined;
  writtenIn?: Locale | undefined;
}): string {
  const { text, viewerLanguage, converter, writtenIn } = options;
  if (!converter || !isTraditionalChinese(viewerLanguage) || isTraditionalChinese(writtenIn)) return text;
  return converter.toTraditional(text);
}
