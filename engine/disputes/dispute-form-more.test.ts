import { describe, expect, it } from 'vitest';
import { DisputeOfferSchema } from './dispute-events.js';
import { DISPUTE_FORMS, type BilingualText } from './dispute-form.js';
import { MORE_DISPUTE_LANGUAGES } from './dispute-form-more.js';

const texts: BilingualText[] = Object.values(DISPUTE_FORMS).flatMap((form) => [
  form.title,
  ...form.fields.map((field) => field.label),
]);

/** Words that read the same in English on purpose: none yet. */
const SAME_AS_ENGLISH = new Set<string>();

describe('dispute form titles and labels in the viewer languages', () => {
  it.each(MORE_DISPUTE_LANGUAGES)(
    '%s: every title and label is there, non-empty, not English',
    (language) => {
      for (const text of texts) {
        const word = text[language];
        expect(word, `${text.en} in ${language}`).toMatch(/\S/);
        if (!SAME_AS_ENGLISH.has(`${language}:${text.en}`)) expect(word).not.toBe(text.en);
        if (language !== 'zh-Hant' && language !== 'ja') expect(word).not.toMatch(/[\u4e00-\u9fff]/);
      }
    },
  );

  it('keeps zh and en, and the event schema keeps the extra languages', () => {
    const form = DISPUTE_FORMS['top-up-missing'];
    const offer = DisputeOfferSchema.parse({
      formId: 'f1',
      kind: form.kind,
      title: form.title,
      fields: form.fields,
      currency: 'CNY',
      at: '2026-12-07T00:00:00Z',
    });
    expect(offer.title.zh).toBe('充值未到账');
    expect(offer.title.en).toBe('Missing top-up');
    expect(offer.title['ja']).toBe('チャージが反映されない');
    expect(offer.fields[0]?.label['zh-Hant']).toBe('儲值訂單號');
    // An older sender's zh/en-only labels still parse.
    expect(DisputeOfferSchema.parse({ ...offer, title: { zh: '甲', en: 'A' } }).title).toEqual({
      zh: '甲',
      en: 'A',
    });
  });
});
