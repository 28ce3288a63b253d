/** ISO 639-3 (franc, lande) to the 639-1 codes the rest of Livedesk uses; unlisted codes pass through. */
const TWO_LETTER: Readonly<Record<string, string>> = {
  afr: 'af',
  ara: 'ar',
  ces: 'cs',
  cmn: 'zh',
  dan: 'da',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  fin: 'fi',
  fra: 'fr',
  heb: 'he',
  hin: 'hi',
  hun: 'hu',
  ind: 'id',
  ita: 'it',
  jpn: 'ja',
  kor: 'ko',
  msa: 'ms',
  nld: 'nl',
  nob: 'nb',
  pol: 'pl',
  por: 'pt',
  ron: 'ro',
  rus: 'ru',
  spa: 'es',
  swe: 'sv',
  tgl: 'tl',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  vie: 'vi',
  zlm: 'ms',
};

export function toTwoLetterCode(code: string): string {
  return TWO_LETTER[code] ?? code;
}
