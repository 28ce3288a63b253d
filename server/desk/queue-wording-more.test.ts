import { describe, expect, it } from 'vitest';
import {
  leftQueueLine,
  outOfHoursLine,
  queueLanguage,
  welcomeLine,
  type QueueFacts,
} from './queue-wording.js';
import { MORE_DESK_LINES, type MoreDeskLanguage } from './queue-wording-more.js';

const LANGUAGES = Object.keys(MORE_DESK_LINES) as MoreDeskLanguage[];
const facts: QueueFacts = { position: 3, estimatedWaitMs: 150_000, agentsOnline: 2, placeKeptMs: 300_000 };
const offline = {
  opensAt: new Date('2026-12-08T01:00:00Z'),
  timeZone: 'Asia/Shanghai',
  ticketId: 'T-42',
  nowMs: Date.parse('2026-12-07T22:00:00Z'),
};

/** Every line a waiting viewer can get from the desk, in one language. */
function allLines(language: 'en' | MoreDeskLanguage): string[] {
  return [
    welcomeLine(facts, language),
    welcomeLine({ ...facts, position: 0 }, language),
    welcomeLine({ ...facts, agentsOnline: 0 }, language),
    welcomeLine({ ...facts, placeKeptMs: null }, language),
    outOfHoursLine(offline, language),
    outOfHoursLine({ ...offline, opensAt: undefined, ticketId: undefined }, language),
    leftQueueLine(language),
  ];
}

describe('the desk’s lines in the viewer languages beyond zh/en', () => {
  it('covers ja, ko, es, pt, id, th, vi and ar (zh-Hant is converted from zh)', () => {
    expect(LANGUAGES.sort()).toEqual(['ar', 'es', 'id', 'ja', 'ko', 'pt', 'th', 'vi']);
  });

  it.each(LANGUAGES)('%s: every word is present and differs from English', (language) => {
    const words = MORE_DESK_LINES[language];
    for (const [key, value] of Object.entries(words) as [string, string | ((...a: string[]) => string)][]) {
      // The separator is a space or nothing on purpose.
      if (key === 'separator') continue;
      const text = typeof value === 'function' ? value('X', 'Y') : value;
      expect(text, `${language}.${key}`).toMatch(/\S/);
    }
    const english = allLines('en');
    const lines = allLines(language);
    lines.forEach((line, index) => {
      expect(line, `${language} line ${index}`).toMatch(/\S/);
      expect(line).not.toBe(english[index]);
      // No Chinese left over from the zh lines (Japanese is the one that writes kanji).
      if (language !== 'ja') expect(line).not.toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it('says the place, wait, kept time, ticket and opening in Japanese', () => {
    const welcome = welcomeLine(facts, 'ja');
    expect(welcome).toContain('オペレーターにおつなぎします。');
    expect(welcome).toContain('あなたの前に 2 人待っています。待ち時間の目安：約 3 分。');
    expect(welcome).toContain('順番は 5 分 保持されます');
    const closed = outOfHoursLine(offline, 'ja');
    expect(closed).toContain('チケット T-42');
    expect(closed).toMatch(/対応再開は .*9:00.*（約 3 時間後）/);
    expect(welcomeLine({ ...facts, position: 0 }, 'es')).toBe(
      'Te estamos conectando con un agente. Un momento, por favor.',
    );
    expect(welcomeLine(facts, 'es')).toContain('guardamos tu lugar durante 5 min.');
  });

  it('picks the line language from the conversation’s', () => {
    expect(queueLanguage('ja')).toBe('ja');
    expect(queueLanguage('pt-BR')).toBe('pt');
    expect(queueLanguage('en-US')).toBe('en');
    expect(queueLanguage('zh-Hant')).toBe('zh');
    expect(queueLanguage('fr')).toBe('zh');
    expect(queueLanguage(undefined)).toBe('zh');
    expect(queueLanguage('constructor')).toBe('zh');
  });
});
