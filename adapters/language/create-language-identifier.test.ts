import { describe, expect, it } from 'vitest';
import { createLanguageIdentifier, foldCloseLanguages } from './create-language-identifier.js';

describe('the viewer-language identifier as shipped (eld inside the script-aware wrapper)', () => {
  const identifier = createLanguageIdentifier();

  it.each([
    ['how do I top up coins', 'en'],
    ['I forgot my password', 'en'],
    ['refund pls', 'en'],
    ['no puedo recargar monedas', 'es'],
    ['não consigo sacar meu dinheiro', 'pt'],
    ['tôi không nạp được tiền', 'vi'],
    ['не могу пополнить баланс', 'ru'],
    ['儲值沒到帳', 'zh-Hant'],
    ['储值没到账', 'zh-Hans'],
    ['zb hao shuai', 'zh'],
    ['saya tidak bisa mengisi ulang koin', 'id'],
    ['bagaimana cara menarik uang saya', 'id'],
  ])('names the language of %j: %s', (text, language) => {
    expect(identifier.identify(text).language).toBe(language);
  });

  it('says nothing of ok, 666 and emoji', () => {
    for (const text of ['ok', '666', '😂😂', '👍'])
      expect(identifier.identify(text).language).toBeUndefined();
  });
});

describe('folding Malay into Indonesian', () => {
  it('reports a Malay guess as Indonesian, keeping the more confident of the two', () => {
    expect(
      foldCloseLanguages([
        { language: 'ms', confidence: 0.8 },
        { language: 'en', confidence: 0.5 },
        { language: 'id', confidence: 0.6 },
      ]),
    ).toEqual([
      { language: 'id', confidence: 0.8 },
      { language: 'en', confidence: 0.5 },
    ]);
  });

  it('leaves other languages as they are, best first', () => {
    expect(
      foldCloseLanguages([
        { language: 'es', confidence: 0.3 },
        { language: 'pt', confidence: 0.7 },
      ]),
    ).toEqual([
      { language: 'pt', confidence: 0.7 },
      { language: 'es', confidence: 0.3 },
    ]);
  });
});
