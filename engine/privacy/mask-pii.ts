export type PiiKind = 'email' | 'id-card' | 'bank-card' | 'phone';

export interface MaskPiiOptions {
  /** Kinds to mask. Default: all. */
  kinds?: readonly PiiKind[];
}

export interface MaskPiiResult {
  text: string;
  /** Kinds found, each once, in the order of `PII_KINDS`. */
  kinds: PiiKind[];
  /** How many spans were masked. */
  count: number;
}

export const PII_KINDS: readonly PiiKind[] = ['email', 'id-card', 'bank-card', 'phone'];

const MASK = '*';
/**
 * Latin letters and digits may not touch a number on either side ("SF1381234567890" is not a
 * phone), nor may a decimal part follow it (a price); Chinese text may ("手机13812345678").
 */
const BEFORE = String.raw`(?<![A-Za-z0-9_]|\d[.,])`;
const AFTER = String.raw`(?![A-Za-z0-9_]|[.,]\d)`;
/** A number right after one of these labels is an order, tracking or transaction number, not PII. */
const REFERENCE_LABEL =
  /(?:订单号?|單號|单号|运单|快递|物流|流水号?|交易号|编号|編號|order|tracking|transaction|invoice|ref(?:erence)?)\s*(?:no\.?|number|id|#|码|號|号)?\s*(?:is|was|是|为|為)?\s*[:：#]?\s*$/iu;

interface Span {
  start: number;
  end: number;
  kind: PiiKind;
  replacement: string;
}

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** The masked form, or undefined when the match is not really this kind. */
  mask(match: string): string | undefined;
}

const DETECTORS: readonly Detector[] = [
  {
    kind: 'email',
    pattern: /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/gu,
    mask: maskEmail,
  },
  {
    kind: 'id-card',
    pattern: new RegExp(
      `${BEFORE}[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${AFTER}`,
      'gu',
    ),
    mask: (match) => (isValidChineseIdNumber(match) ? keepLastDigits(match, 4) : undefined),
  },
  {
    kind: 'bank-card',
    pattern: new RegExp(
      `${BEFORE}(?:\\d{13,19}|\\d{4}([ -])\\d{4}(?:\\1\\d{4}){1,2}(?:\\1\\d{1,4})?|\\d{4}([ -])\\d{6}\\2\\d{4,5})${AFTER}`,
      'gu',
    ),
    mask: (match) => (isPlausibleCardNumber(match.replace(/\D/g, '')) ? keepLastDigits(match, 4) : undefined),
  },
  {
    kind: 'phone',
    pattern: new RegExp(
      [
        // Chinese mobile, optionally with +86 / 0086 / (+86), grouped 3-4-4 with spaces or dashes, or not at all.
        String.raw`(?:(?:\(\+?86\)|\+86|0086)[ -]?)?1[3-9]\d(?:\d{8}|([ -])\d{4}\1\d{4})`,
        // Chinese landline with an area code and a separator: 010-12345678, (0755) 1234 5678.
        String.raw`(?:0\d{2,3}-|\(0\d{2,3}\)\s?)\d{3,4}[ -]?\d{4}`,
        // International, E.164-ish: a '+', a country code, 7-14 more digits in groups.
        String.raw`\+[1-9]\d{0,2}(?:[ -]?\(?\d{1,4}\)?){2,5}`,
      ]
        .map((alternative) => `${BEFORE}${alternative}${AFTER}`)
        .join('|'),
      'gu',
    ),
    mask: maskPhone,
  },
];

/**
 * Masks personal data before text goes to an LLM, a log, or an agent who does not need it:
 * e-mail addresses, Chinese resident ID numbers, bank card numbers and phone numbers. Card and
 * phone numbers keep their last 4 digits (Chinese mobiles also their first 3, as in 138****5678)
 * so an agent can still confirm them with the viewer; separators are kept.
 *
 * Choices that trade recall for fewer false alarms (support chats are full of order numbers):
 * - an ID number must have a real birth date and a valid ISO 7064 check digit (an 18-digit order
 *   number passes both about once in 15,000 tries); 15-digit pre-1999 IDs are not detected;
 * - a card number must pass the Luhn check AND start like a card (Visa 4, Mastercard 51-55 and
 *   2221-2720, Amex 34/37, UnionPay 62/81, JCB/Diners 3x, Discover 60/64/65, old Chinese debit 9);
 *   a random digit string still passes one time in ten, so a number labelled as an order, tracking
 *   or transaction number ("订单号 6222…", "order #…") is left alone, whatever it looks like;
 * - numbers glued to letters or other digits (SKUs, tracking codes, 13-digit timestamps) and
 *   prices or decimals ("13812345678.5") are not phones; a Chinese mobile needs 1[3-9] and 11 digits.
 */
export function maskPii(text: string, options: MaskPiiOptions = {}): MaskPiiResult {
  const wanted = new Set(options.kinds ?? PII_KINDS);
  const spans: Span[] = [];
  for (const detector of DETECTORS) {
    if (!wanted.has(detector.kind)) continue;
    for (const match of text.matchAll(detector.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some((span) => start < span.end && span.start < end)) continue;
      if (detector.kind !== 'email' && REFERENCE_LABEL.test(text.slice(Math.max(0, start - 24), start)))
        continue;
      const replacement = detector.mask(match[0]);
      if (replacement !== undefined) spans.push({ start, end, kind: detector.kind, replacement });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let masked = '';
  let position = 0;
  for (const span of spans) {
    masked += text.slice(position, span.start) + span.replacement;
    position = span.end;
  }
  masked += text.slice(position);
  const found = new Set(spans.map((span) => span.kind));
  return { text: masked, kinds: PII_KINDS.filter((kind) => found.has(kind)), count: spans.length };
}

/** The masked text alone, for `(text: string) => string` consumers such as the turn's `maskPii`. */
export function maskPiiText(text: string, options: MaskPiiOptions = {}): string {
  return maskPii(text, options).text;
}

/** GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits; check character from "10X98765432". */
export function isValidChineseIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return false;
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(value[index]) * (2 ** (17 - index) % 11);
  return '10X98765432'[sum % 11] === value[17]?.toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isPlausibleCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) return false;
  const prefix4 = Number(digits.slice(0, 4));
  return /^(?:4|5[1-5]|3[0-9]|6[0245]|62|81|9)/.test(digits) || (prefix4 >= 2221 && prefix4 <= 2720);
}

/** Every digit but the last `keep` becomes '*'; separators and letters (an ID's X) stay where they are. */
function keepLastDigits(value: string, keep: number): string {
  let remaining = keep;
  const characters = [...value];
  for (let index = characters.length - 1; index >= 0; index--) {
    const character = characters[index] ?? '';
    if (!/[\dXx]/.test(character)) continue;
    if (remaining > 0) remaining -= 1;
    else characters[index] = MASK;
  }
  return characters.join('');
}

function maskPhone(match: string): string | undefined {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  const mobile = /1[3-9]\d[ -]?\d{4}[ -]?\d{4}$/.exec(match);
  if (mobile && digits.slice(-11).startsWith('1')) {
    // Keep the country code and the 3-digit carrier prefix: 138****5678, +86 138 **** 5678.
    const head = match.slice(0, mobile.index + 3);
    return head + keepLastDigits(match.slice(mobile.index + 3), 4);
  }
  if (match.startsWith('+')) return `+${keepLastDigits(match.slice(1), 4)}`;
  return keepLastDigits(match, 4);
}

function maskEmail(match: string): string {
  const at = match.lastIndexOf('@');
  const local = match.slice(0, at);
  const first = [...local][0] ?? '';
  return `${first}***${match.slice(at)}`;
}
