const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numerals a money amount may be written in: 五百, 两千, 一万五, 三千八, 十二. */
export const CHINESE_NUMBER = /[零〇一二两三四五六七八九十百千万]+/u;

function section(text: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 0;
  let zero = false;
  for (const character of text) {
    const value = DIGITS[character];
    if (value !== undefined) {
      if (value === 0) zero = true;
      else digit = value;
      continue;
    }
    const unit = UNITS[character];
    if (unit === undefined) return null;
    total += (digit ?? 1) * unit;
    digit = null;
    zero = false;
    lastUnit = unit;
  }
  // A trailing digit right after a unit is the next place down (三千八 = 3800, 一百五 = 150); after a
  // 零 it is ones (一千零五 = 1005).
  if (digit !== null) total += lastUnit >= 100 && !zero ? (digit * lastUnit) / 10 : digit;
  return total;
}

/** The value of a Chinese numeral (up to the 万 range), or null when it is not one. */
export function parseChineseNumber(text: string): number | null {
  if (text === '' || !CHINESE_NUMBER.test(text)) return null;
  const [high, low, extra] = text.split('万');
  if (extra !== undefined || high === undefined) return null;
  if (low === undefined) return section(high);
  const highValue = high === '' ? 1 : section(high);
  if (highValue === null) return null;
  // 一万五 = 15000: a lone trailing digit after 万 is thousands.
  const lowValue = /^[一二两三四五六七八九]$/u.test(low)
    ? (DIGITS[low] ?? 0) * 1000
    : low === ''
      ? 0
      : section(low);
  return lowValue === null ? null : highValue * 10_000 + lowValue;
}
