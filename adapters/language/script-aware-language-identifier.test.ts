import { describe, expect, it } from 'vitest';
import { createChineseScript } from './chinese-script.js';
import {
  createScriptAwareLanguageIdentifier,
  type AlphabeticLanguageGuess,
  type ScriptAwareLanguageIdentifierOptions,
} from './script-aware-language-identifier.js';

/** A library that answers from a table and records what it was asked. */
function scriptedLibrary(answers: Record<string, AlphabeticLanguageGuess[]>) {
  const asked: string[] = [];
  return {
    asked,
    guess: (text: string): AlphabeticLanguageGuess[] => {
      asked.push(text);
      return answers[text.trim()] ?? [{ language: 'en', confidence: 0.9 }];
    },
  };
}

// Building opencc's tables takes a while; one set serves every test.
const CHINESE_SCRIPT = createChineseScript();

function identifier(
  library = scriptedLibrary({}),
  options: Partial<ScriptAwareLanguageIdentifierOptions> = {},
) {
  return createScriptAwareLanguageIdentifier({
    guess: library.guess,
    chineseScript: CHINESE_SCRIPT,
    ...options,
  });
}

const languageOf = (text: string, ...args: Parameters<typeof identifier>) =>
  identifier(...args).identify(text).language;

describe('the script-aware language identifier', () => {
  it.each([
    'ok',
    'OK!',
    'okkk',
    '666',
    '6666666',
    '？？？',
    '😂😂😂',
    '👍',
    '[微笑]',
    ':)',
    'lol',
    'hahaha',
    'gg',
    'thx 🙏',
  ])('says nothing of %j, so the conversation keeps its language', (text) => {
    const library = scriptedLibrary({});
    expect(languageOf(text, library)).toBeUndefined();
    expect(library.asked).toEqual([]);
  });

  it('tells Simplified from Traditional Chinese, and leaves script-neutral Chinese at zh', () => {
    expect(languageOf('金币充值了没到账怎么办')).toBe('zh-Hans');
    expect(languageOf('儲值沒到帳')).toBe('zh-Hant');
    expect(languageOf('哈哈')).toBe('zh');
    expect(languageOf('好的')).toBe('zh');
  });

  it('weighs Chinese characters against English words in mixed messages', () => {
    expect(languageOf('cz失败了help')).toBe('zh-Hans');
    expect(languageOf('這個size是M還是L')).toBe('zh-Hant');
    expect(languageOf('my 金币 disappeared')).toBe('en');
    expect(languageOf('why is 小黄车 empty')).toBe('en');
  });

  it('reads pinyin and pinyin initials as Chinese, and English that happens to spell pinyin as English', () => {
    const library = scriptedLibrary({ 'you can': [{ language: 'en', confidence: 0.8 }] });
    expect(languageOf('zb hao shuai', library)).toBe('zh');
    expect(languageOf('wo de qian ne', library)).toBe('zh');
    expect(languageOf('rg', library)).toBe('zh');
    expect(languageOf('yyds', library)).toBe('zh');
    expect(library.asked).toEqual([]);
    expect(languageOf('you can', library)).toBe('en');
  });

  it('knows Japanese by its kana and Korean by Hangul without asking the library', () => {
    const library = scriptedLibrary({});
    expect(languageOf('コインがチャージされていません', library)).toBe('ja');
    expect(languageOf('충전이 안 돼요', library)).toBe('ko');
    expect(library.asked).toEqual([]);
  });

  it('asks the library about alphabetic text, and prefers English when the library rates it close', () => {
    const library = scriptedLibrary({
      'gracias por la ayuda': [
        { language: 'es', confidence: 0.84 },
        { language: 'en', confidence: 0.3 },
      ],
      'forgot my password': [
        { language: 'ms', confidence: 0.75 },
        { language: 'en', confidence: 0.64 },
      ],
    });
    expect(languageOf('gracias por la ayuda', library, { englishMargin: 0.15 })).toBe('es');
    expect(languageOf('forgot my password', library, { englishMargin: 0.15 })).toBe('en');
    expect(languageOf('forgot my password', library, { englishMargin: 0 })).toBe('ms');
  });

  it('takes unsure alphabetic text as English, or as nothing when told to', () => {
    const library = scriptedLibrary({ 'still waiting': [{ language: 'sv', confidence: 0.2 }] });
    expect(languageOf('still waiting', library, { minConfidence: 0.5 })).toBe('en');
    expect(
      languageOf('still waiting', library, { minConfidence: 0.5, unsureLanguage: undefined }),
    ).toBeUndefined();
  });
});
