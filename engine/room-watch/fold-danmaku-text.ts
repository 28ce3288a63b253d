/**
 * Danmaku spelled to get past filters: "加V", "➕v", "jia v", "威信", "q q 1 2 3", "１３８ ００１３ ８０００",
 * "壹叁捌". Folding maps these onto one spelling so a short list of patterns catches them; the folded text is
 * only read by detectors, never shown.
 */
const PLUS_SIGNS = /[➕＋✚✙]/gu;
const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  零: '0',
  〇: '0',
  一: '1',
  壹: '1',
  幺: '1',
  二: '2',
  贰: '2',
  两: '2',
  三: '3',
  叁: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};
const CIRCLED_DIGITS = /[\u2460-\u2468]/gu;
const SEPARATORS = /[\s\-_.·•*~|/\\,，、。:：;；'"`]+/gu;
// Pinyin and homophones for "add me on WeChat / QQ": jia → 加, 薇/威/徽 信 → 微信, 扣扣/球球 → qq.
const SPELLINGS: readonly (readonly [RegExp, string])[] = [
  [/jia(?=\s*(?:v|w|q|微|vx|wx|我))/gu, '加'],
  [/(?:wei\s*xin|weixin|威信|薇信|徽信|v信|vx|wx|v❤|v芯|微芯|围信)/gu, '微信'],
  [/(?:扣扣|抠抠|球球|企鹅号?|q\s*q)/gu, 'qq'],
  [/(?:私\s*聊|私\s*信|私我|滴滴我|dd我)/gu, '私聊'],
];

export function foldDanmakuText(text: string): string {
  let folded = text.normalize('NFKC').toLowerCase();
  folded = folded.replace(CIRCLED_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x2460 + 1));
  for (const [pattern, replacement] of SPELLINGS) folded = folded.replace(pattern, replacement);
  folded = folded.replace(PLUS_SIGNS, '加');
  return folded;
}

// Three or more numerals in a row spell a number out ("幺三八"); fewer are words ("一下", "初一").
const NUMERAL_RUN = /[零〇一壹幺二贰两三叁四肆五伍六陆七柒八捌九玖]{3,}/gu;

/** Folded with separators gone and spelled-out numbers as digits: where phone and QQ numbers are read. */
export function compactDigits(folded: string): string {
  return folded
    .replace(SEPARATORS, '')
    .replace(NUMERAL_RUN, (run) =>
      [...run].map((character) => CHINESE_DIGITS[character] ?? character).join(''),
    );
}
