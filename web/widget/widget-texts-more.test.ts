import { describe, expect, it } from 'vitest';
import { isRightToLeft, MORE_WIDGET_TEXTS } from './widget-texts-more.js';
import { widgetLanguage, widgetLocale, widgetTexts, type WidgetTexts } from './widget-texts.js';
import { moreWidgetTexts } from './widget-texts-catalogue.js';

/** Every string a texts object holds, functions called with sample values. */
function allStrings(texts: WidgetTexts): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') {
      out.push(String((value as (arg: unknown) => unknown)(2)));
      out.push(String((value as (arg: unknown) => unknown)(undefined)));
    } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(texts);
  return out;
}

describe('the widget in ten languages', () => {
  it('picks the language from the locale, Traditional Chinese and Malay included', () => {
    expect(widgetLanguage('zh-CN')).toBe('zh');
    expect(widgetLanguage('zh')).toBe('zh');
    expect(widgetLanguage('zh-TW')).toBe('zh-Hant');
    expect(widgetLanguage('zh-Hant-HK')).toBe('zh-Hant');
    expect(widgetLanguage('ja-JP')).toBe('ja');
    expect(widgetLanguage('ko')).toBe('ko');
    expect(widgetLanguage('es-MX')).toBe('es');
    expect(widgetLanguage('pt-BR')).toBe('pt');
    expect(widgetLanguage('id')).toBe('id');
    expect(widgetLanguage('ms-MY')).toBe('id');
    expect(widgetLanguage('th')).toBe('th');
    expect(widgetLanguage('vi-VN')).toBe('vi');
    expect(widgetLanguage('ar-EG')).toBe('ar');
    expect(widgetLanguage('fr')).toBe('en');
    expect(widgetLanguage(undefined)).toBe('en');
  });

  it('sends the server the locale answers come in', () => {
    expect(widgetLocale('zh')).toBe('zh-CN');
    expect(widgetLocale('zh-Hant')).toBe('zh-TW');
    expect(widgetLocale('ar')).toBe('ar');
    expect(widgetLocale('en')).toBe('en');
  });

  it('has every word in each language, none left in English but the brand', () => {
    const english = allStrings(widgetTexts('en'));
    for (const language of Object.keys(MORE_WIDGET_TEXTS) as (keyof typeof MORE_WIDGET_TEXTS)[]) {
      const texts = widgetTexts(language, moreWidgetTexts(language));
      const strings = allStrings(texts);
      expect(strings.length, language).toBe(english.length);
      const untranslated = strings.filter((text, index) => text === english[index] && text !== 'Livedesk');
      // Latin-script languages may share a word with English ("Online", "Sticker"; Spanish "Ticket", which
      // the dispute status line's function gives twice here).
      expect(untranslated.length, `${language}: ${untranslated.join(', ')}`).toBeLessThanOrEqual(3);
      expect(texts.agentJoined('Mia')).toContain('Mia');
      expect(texts.rating.thanks(4)).toContain('4');
      expect(texts.media.uploading(40)).toContain('40');
    }
  });

  it('speaks English for a further language until its catalogue has loaded', () => {
    expect(widgetTexts('ja')).toBe(widgetTexts('en'));
    expect(widgetTexts('ja', moreWidgetTexts('ja')).send).toBe('送信');
    expect(widgetTexts('ja', moreWidgetTexts('ja')).media.retry).toBe('再試行');
    expect(widgetTexts('ja', moreWidgetTexts('ja')).disputes.submit).toBe('送信');
    expect(widgetTexts('ar', moreWidgetTexts('ar')).disputes.statuses.open).toBe('تم الاستلام');
    expect(widgetTexts('ja').disputes.submit).toBe('Submit');
  });

  it('lays Arabic out right to left, and only Arabic', () => {
    expect(isRightToLeft('ar')).toBe(true);
    expect(['zh', 'en', 'zh-Hant', 'ja', 'ko', 'es', 'pt', 'id', 'th', 'vi'].some(isRightToLeft)).toBe(false);
  });
});
