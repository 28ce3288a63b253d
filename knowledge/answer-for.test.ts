import { describe, expect, it } from 'vitest';
import { answerFor, EntrySchema, isTraditionalChinese } from './entry.js';

const ENTRY = EntrySchema.parse({
  id: 'account.banned',
  locale: 'zh',
  questions: ['账号被封了怎么办'],
  answer: '请提交账号申诉。',
  translations: {
    en: { questions: ['my account was banned'], answer: 'Send an account appeal.' },
    'zh-TW': { questions: ['帳號被封了怎麼辦'], answer: '請提交帳號申訴。' },
  },
});

describe('the answer in the viewer’s language', () => {
  it('gives a Traditional reader the Traditional translation, whichever region wrote it', () => {
    expect(answerFor(ENTRY, 'zh-Hant').answer).toBe('請提交帳號申訴。');
    expect(answerFor(ENTRY, 'zh-HK').answer).toBe('請提交帳號申訴。');
    expect(answerFor(ENTRY, 'zh').answer).toBe('请提交账号申诉。');
    expect(answerFor(ENTRY, 'en-GB').answer).toBe('Send an account appeal.');
    expect(answerFor(ENTRY, 'ja').answer).toBe('请提交账号申诉。');
  });

  it('answers in each language the entry has, and a Malay reader in Indonesian', () => {
    const multilingual = EntrySchema.parse({
      ...ENTRY,
      translations: {
        ...ENTRY.translations,
        ja: { questions: ['アカウントが停止されました'], answer: '異議申し立てを送ってください。' },
        id: { questions: ['akun saya diblokir'], answer: 'Kirim banding akun.' },
        ar: { questions: ['تم حظر حسابي'], answer: 'أرسل طلب استئناف للحساب.' },
      },
    });
    expect(answerFor(multilingual, 'ja').answer).toBe('異議申し立てを送ってください。');
    expect(answerFor(multilingual, 'ar').answer).toBe('أرسل طلب استئناف للحساب.');
    expect(answerFor(multilingual, 'ms').answer).toBe('Kirim banding akun.');
    expect(answerFor(multilingual, 'id-ID').answer).toBe('Kirim banding akun.');
    expect(answerFor(multilingual, 'ko').answer).toBe('请提交账号申诉。');
  });

  it('knows which locales are written in Traditional characters', () => {
    expect(['zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant-TW'].every(isTraditionalChinese)).toBe(true);
    expect(['zh', 'zh-CN', 'zh-Hans', 'en', 'zh-Hanst'].some(isTraditionalChinese)).toBe(false);
  });
});
