import {
  MICROPHONE_TEXTS_EN,
  MICROPHONE_TEXTS_ZH,
  type MicrophoneTexts,
} from '../shared/voice-capture-texts.js';
import { MORE_MICROPHONE_TEXTS } from '../shared/voice-capture-texts-more.js';
import type { ViewerLanguage } from './viewer-language.js';

export type { MicrophoneTexts } from '../shared/voice-capture-texts.js';

/** The microphone's words in the page's language (the widget's catalogue for the languages beyond zh and en). */
export function microphoneTexts(language: ViewerLanguage): MicrophoneTexts {
  if (language === 'zh') return MICROPHONE_TEXTS_ZH;
  if (language === 'en') return MICROPHONE_TEXTS_EN;
  return MORE_MICROPHONE_TEXTS[language];
}
