import { describe, expect, it } from 'vitest';
import { createLanguageIdentifier } from './create-language-identifier.js';

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
  ])('names the language of %j: %s', (text, language) => {
    expect(identifier.identify(text).language).toBe(language);
  });

  it('says nothing of ok, 666 and emoji', () => {
    for (const text of ['ok', '666', '😂😂', '👍'])
      expect(identifier.identify(text).language).toBeUndefined();
  });
});
