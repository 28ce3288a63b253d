import { describe, expect, it } from 'vitest';
import { queueStatusLine, waitPhrase } from '../../server/desk/queue-wording.js';
import { addDisputeTexts, disputeTexts } from '../shared/dispute-texts.js';
import { MORE_DISPUTE_TEXTS } from '../shared/dispute-texts-more.js';
import { reportTexts } from './report-texts.js';
import { asViewerLanguage, isRightToLeftLanguage, VIEWER_LANGUAGES } from './viewer-language.js';
import { viewerTexts } from './viewer-texts.js';

/** Every string a texts object holds, functions called with sample values, in key order. */
function allStrings(texts: object): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') {
      out.push(String((value as (...args: unknown[]) => unknown)(2, 7)));
    } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(texts);
  return out;
}

/** Same shape as English; at most `shared` strings equal to English (loanwords such as pt "Online", "Final"). */
function expectTranslated(english: object, translated: object, label: string, shared: number): void {
  const en = allStrings(english);
  const strings = allStrings(translated);
  expect(strings.length, label).toBe(en.length);
  expect(
    strings.every((text) => text.trim() !== ''),
    label,
  ).toBe(true);
  const same = strings.filter((text, index) => text === en[index] && !text.includes('Livedesk'));
  expect(same.length, `${label}: ${same.join(', ')}`).toBeLessThanOrEqual(shared);
}

const OTHERS = VIEWER_LANGUAGES.filter((language) => language !== 'en');

describe('the viewer page in the widget’s ten languages', () => {
  it('reads the language from ?lang= values and browser tags', () => {
    expect(asViewerLanguage('zh')).toBe('zh');
    expect(asViewerLanguage('zh-CN')).toBe('zh');
    expect(asViewerLanguage('zh-TW')).toBe('zh-Hant');
    expect(asViewerLanguage('zh-Hant')).toBe('zh-Hant');
    expect(asViewerLanguage('ja-JP')).toBe('ja');
    expect(asViewerLanguage('pt-BR')).toBe('pt');
    expect(asViewerLanguage('ms')).toBe('id');
    expect(asViewerLanguage('ar')).toBe('ar');
    expect(asViewerLanguage('en-GB')).toBe('en');
    expect(asViewerLanguage('fr')).toBeUndefined();
    expect(asViewerLanguage(null)).toBeUndefined();
    expect(VIEWER_LANGUAGES).toHaveLength(11);
  });

  it('has every page word in each language', () => {
    for (const language of OTHERS) expectTranslated(viewerTexts('en'), viewerTexts(language), language, 4);
    expect(viewerTexts('ja').send).toBe('送信');
    expect(viewerTexts('ar').rated(4)).toContain('4');
    expect(viewerTexts('ko').speaking(3, 9)).toContain('3/9');
  });

  it('has every report word in each language', () => {
    for (const language of OTHERS) expectTranslated(reportTexts('en'), reportTexts(language), language, 1);
  });

  it('has every dispute-form word in each language, once the page adds them', () => {
    expect(disputeTexts('th')).toBe(disputeTexts('en'));
    addDisputeTexts(MORE_DISPUTE_TEXTS);
    for (const language of OTHERS) expectTranslated(disputeTexts('en'), disputeTexts(language), language, 1);
    expect(disputeTexts('th').ticket('T-1')).toContain('T-1');
  });

  it('words the queue banner in each language, with the numbers in it', () => {
    const facts = { position: 3, estimatedWaitMs: 150_000, agentsOnline: 2, placeKeptMs: null };
    const english = [
      queueStatusLine(facts, 'en'),
      queueStatusLine({ ...facts, position: 1 }, 'en'),
      queueStatusLine({ ...facts, position: 0 }, 'en'),
      queueStatusLine({ ...facts, agentsOnline: 0 }, 'en'),
      waitPhrase(20_000, 'en'),
      waitPhrase(3 * 3_600_000, 'en'),
    ];
    for (const language of OTHERS) {
      const lines = [
        queueStatusLine(facts, language),
        queueStatusLine({ ...facts, position: 1 }, language),
        queueStatusLine({ ...facts, position: 0 }, language),
        queueStatusLine({ ...facts, agentsOnline: 0 }, language),
        waitPhrase(20_000, language),
        waitPhrase(3 * 3_600_000, language),
      ];
      lines.forEach((line, index) => expect(line, language).not.toBe(english[index]));
      expect(new Set(lines).size, language).toBe(lines.length);
      expect(lines[0], language).toMatch(/2/);
      expect(lines[0], language).toMatch(/3/);
      expect(lines[5], language).toMatch(/3/);
    }
    expect(queueStatusLine(facts, 'ja')).toBe('あなたの前に 2 人待っています。待ち時間の目安：約 3 分。');
    expect(queueStatusLine(facts, 'zh')).toBe('你前面还有 2 位。预计等待约 3 分钟。');
  });

  it('lays Arabic out right to left, and only Arabic', () => {
    expect(VIEWER_LANGUAGES.filter(isRightToLeftLanguage)).toEqual(['ar']);
  });
});
