import { describe, expect, it } from 'vitest';
import type { LanguageIdentifier } from '../ports.js';
import { ConversationLanguage, nextConversationLanguage, startingLanguage } from './conversation-language.js';

/** Identifies from a table; anything else says nothing (like "ok" or "666"). */
function tableIdentifier(table: Record<string, string>): LanguageIdentifier & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    identify(text) {
      calls.push(text);
      return { language: table[text], confidence: table[text] ? 0.9 : 0 };
    },
  };
}

describe('the conversation’s language', () => {
  it('starts from the page’s UI language, Traditional for Taiwan and Hong Kong pages', () => {
    expect(startingLanguage('zh')).toBe('zh');
    expect(startingLanguage('en')).toBe('en');
    expect(startingLanguage('zh-TW')).toBe('zh-Hant');
    expect(startingLanguage('zh-HK')).toBe('zh-Hant');
    expect(startingLanguage(undefined)).toBeUndefined();
  });

  it('follows each message, keeps its language when a message says nothing', () => {
    expect(nextConversationLanguage('zh', 'en')).toBe('en');
    expect(nextConversationLanguage('en', undefined)).toBe('en');
    expect(nextConversationLanguage(undefined, undefined)).toBeUndefined();
  });

  it('keys Simplified Chinese as the plain zh, and keeps the script for Chinese that reads alike in both', () => {
    expect(nextConversationLanguage('en', 'zh-Hans')).toBe('zh');
    expect(nextConversationLanguage('en', 'zh-Hant')).toBe('zh-Hant');
    expect(nextConversationLanguage('zh-Hant', 'zh')).toBe('zh-Hant');
    expect(nextConversationLanguage('en', 'zh')).toBe('zh');
  });

  it('replays a restored conversation’s messages into the language it had', () => {
    const identifier = tableIdentifier({ 'how do I top up': 'en', 儲值沒到帳: 'zh-Hant' });
    const language = new ConversationLanguage({
      identifier,
      profileLocale: 'zh',
      viewerMessages: ['儲值沒到帳', 'how do I top up', 'ok'],
    });
    expect(language.current).toBe('en');
    language.heard('666');
    expect(language.current).toBe('en');
    language.heard('儲值沒到帳');
    expect(language.current).toBe('zh-Hant');
  });

  it('stays with the page’s language when no identifier is configured', () => {
    const language = new ConversationLanguage({ identifier: undefined, profileLocale: 'en' });
    language.heard('金币在哪充值');
    expect(language.current).toBe('en');
  });
});
