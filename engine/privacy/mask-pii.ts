export type PiiKind =
  'email' | 'id-card' | 'passport' | 'bank-card' | 'payment-account' | 'phone' | 'address';

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

export const PII_KINDS: readonly PiiKind[] = [
  'email',
  'id-card',
  'passport',
  'bank-card',
  'payment-account',
  'phone',
  'address',
];

/** Where one masked span lies in the masked text, and what it hid: a console draws it as a "reveal" control. */
export interface MaskedSpan {
  start: number;
  end: number;
  kind: PiiKind;
}

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
  /** A value that follows its own label ("支付宝 …", "passport no. …"): the reference-label check does not apply. */
  labelled?: boolean;
  /** How many leading characters of the match are not part of it (words before an address). */
  leading?(match: string): number;
}

const DETECTORS: readonly Detector[] = [
  {
    kind: 'email',
    pattern: /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/gu,
    mask: maskEmail,
  },
  {
    kind: 'payment-account',
    // 支付宝 / 微信号 / QQ / 银行账号 / account number, then the id: letters need a digit or an explicit 号/是/: before them.
    pattern: new RegExp(
      String.raw`(?<=(?<![A-Za-z])(?:支付宝|支付寶|alipay|微信号?|微信號|weixin|wechat(?:\s*id)?|vx|wx|V信|QQ号?|QQ號|qq|银行账号|银行账户|銀行帳號|银行卡号|收款账号|收款帳號|bank\s+account(?:\s+(?:no\.?|number))?|account\s+(?:no\.?|number)|iban)(?:\s*(?:账号|帳號|账户|号码|号|號|id|ID|account|no\.?|number|is|是|为|為|[:：#])){0,2}\s*)` +
        String.raw`(?:[A-Za-z][-_A-Za-z0-9]{5,19}|\d{5,19})(?![\w@]|\.\w|\s*(?:元|块|塊|¥|万|萬|金币|金幣|rmb|yuan|coins?))`,
      'giu',
    ),
    labelled: true,
    mask: (match) => (/\d/.test(match) ? maskAccount(match) : undefined),
  },
  {
    kind: 'payment-account',
    // An id of letters alone only after an explicit "是 / 号 / id / is / :": "我的微信是 luckystar".
    pattern:
      /(?<=(?<![A-Za-z])(?:支付宝|支付寶|alipay|微信|weixin|wechat|vx|wx|V信)\s*(?:账号|帳號|号|號|id|ID|is|是|为|為|[:：])\s*)[A-Za-z][-_A-Za-z]{5,19}(?![\w@]|\.\w)/giu,
    labelled: true,
    mask: (match) => maskAccount(match),
  },
  {
    kind: 'passport',
    pattern: new RegExp(
      String.raw`(?<=(?<![A-Za-z])(?:护照|護照|passport|通行证|通行證|港澳通行证|台胞证|台胞證)\s*(?:号码|號碼|号|號|no\.?|number|#|is|是|为|為|[:：])?\s*[:：]?\s*)[A-Za-z]{0,2}\d{6,9}(?![A-Za-z0-9_])`,
      'giu',
    ),
    labelled: true,
    mask: (match) => keepLastCharacters(match, 3),
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
    kind: 'passport',
    // Chinese passports (E12345678, EA1234567, G12345678) and Hong Kong identity cards, A123456(7): unlabelled.
    pattern: new RegExp(
      `${BEFORE}(?:[EG]\\d{8}|E[A-HJ-NP-Z]\\d{7}|[A-Z]{1,2}\\d{6}\\([\\dA]\\))${AFTER}`,
      'gu',
    ),
    mask: (match) => keepLastCharacters(match, 3),
  },
  {
    kind: 'payment-account',
    // An IBAN only counts when its mod-97 check holds.
    pattern: new RegExp(`${BEFORE}[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?${AFTER}`, 'gu'),
    mask: (match) => (passesIbanCheck(match) ? keepLastCharacters(match, 4) : undefined),
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
        // North American: (415) 555-2671, 415-555-2671, 415.555.2671.
        String.raw`(?:\(\d{3}\)\s?\d{3}-\d{4}|\d{3}([-.])\d{3}\2\d{4})`,
      ]
        .map((alternative) => `${BEFORE}${alternative}${AFTER}`)
        .join('|'),
      'gu',
    ),
    mask: maskPhone,
  },
  {
    kind: 'address',
    // After its label: "收货地址：…", "地址是…", "address: …", up to the end of the clause.
    pattern:
      /(?<=(?:收货地址|收貨地址|收件地址|家庭住址|寄件地址|送货地址|地址|住址|(?<![A-Za-z])(?:shipping\s+|home\s+|my\s+)?address)\s*(?:是|为|為|is|[:：])\s*)[^\s，。；！？,;!?][^\n，。；！？,;!?]{3,59}/giu,
    labelled: true,
    mask: (match) => (/[\d省市区區县縣路街镇鎮村号號]/u.test(match) ? maskAddress(match) : undefined),
  },
  {
    kind: 'address',
    // A Chinese street address: places, then 路/街/道… with a house number, then building, unit and room.
    pattern:
      /[\p{Script=Han}A-Za-z0-9]{0,24}(?:路|街|大道|大街|巷|弄|胡同|道)\s*\d{1,5}\s*[号號](?:\s*[A-Za-z0-9-]{1,6}\s*(?:号楼|號樓|栋|棟|幢|座|单元|單元|室|层|層|楼|樓|号|號))*/gu,
    leading: leadingWords,
    mask: maskAddress,
  },
  {
    kind: 'address',
    // An English street address: a house number, capitalised words and a street type, maybe a flat.
    pattern:
      /(?<![A-Za-z0-9])\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close)\b\.?(?:,?\s*(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[A-Za-z0-9-]{1,6})?/gu,
    mask: maskAddress,
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
      const skip = detector.leading?.(match[0]) ?? 0;
      const value = match[0].slice(skip);
      const start = match.index + skip;
      const end = start + value.length;
      if (value === '' || spans.some((span) => start < span.end && span.start < end)) continue;
      if (
        detector.kind !== 'email' &&
        !detector.labelled &&
        REFERENCE_LABEL.test(text.slice(Math.max(0, start - 24), start))
      )
        continue;
      const replacement = detector.mask(value);
      if (replacement !== undefined) spans.push({ start, end, kind: detector.kind, replacement });
    }
  }
  return assemble(text, spans);
}

/** The same, with where each masked span lies in the masked text (what a "reveal" control needs). */
export function maskPiiWithSpans(
  text: string,
  options: MaskPiiOptions = {},
): MaskPiiResult & { spans: MaskedSpan[] } {
  return maskPii(text, options) as MaskPiiResult & { spans: MaskedSpan[] };
}

/**
 * The original text of each masked span, in order: what `maskPiiWithSpans` hid at the same index.
 * Reveal endpoints look the value up again from the stored text rather than trusting a client.
 */
export function piiValues(text: string, options: MaskPiiOptions = {}): { kind: PiiKind; value: string }[] {
  const result = maskPii(text, options) as MaskPiiResult & { originals: { kind: PiiKind; value: string }[] };
  return result.originals;
}

function assemble(text: string, found: Span[]): MaskPiiResult {
  const spans = [...found].sort((a, b) => a.start - b.start);
  let masked = '';
  let position = 0;
  const where: MaskedSpan[] = [];
  for (const span of spans) {
    masked += text.slice(position, span.start);
    where.push({ start: masked.length, end: masked.length + span.replacement.length, kind: span.kind });
    masked += span.replacement;
    position = span.end;
  }
  masked += text.slice(position);
  const kinds = new Set(spans.map((span) => span.kind));
  const result: MaskPiiResult = {
    text: masked,
    kinds: PII_KINDS.filter((kind) => kinds.has(kind)),
    count: spans.length,
  };
  // Not enumerable: `maskPii`'s own result stays {text, kinds, count} for callers comparing it whole.
  Object.defineProperty(result, 'spans', { value: where, enumerable: false });
  Object.defineProperty(result, 'originals', {
    value: spans.map((span) => ({ kind: span.kind, value: text.slice(span.start, span.end) })),
    enumerable: false,
  });
  return result;
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

/** Every character but the last `keep` letters or digits becomes '*'; spaces and punctuation stay. */
function keepLastCharacters(value: string, keep: number): string {
  let remaining = keep;
  const characters = [...value];
  for (let index = characters.length - 1; index >= 0; index--) {
    if (!/[\p{L}\p{N}]/u.test(characters[index] ?? '')) continue;
    if (remaining > 0) remaining -= 1;
    else characters[index] = MASK;
  }
  return characters.join('');
}

function maskAccount(match: string): string {
  return keepLastCharacters(match, Math.min(4, Math.floor(match.length / 3)));
}

/** ISO 13616: the first four characters moved to the end, letters as 10-35, the number mod 97 is 1. */
export function passesIbanCheck(value: string): boolean {
  const compact = value.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  let remainder = 0;
  for (const character of compact.slice(4) + compact.slice(0, 4)) {
    const code = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Words before a street address that are not part of it: "我住在", "寄到", "送到", "地址在". */
function leadingWords(match: string): number {
  const cut = /^.*(?:住在|住|寄到|送到|发到|發到|寄往|在|是|到)/u.exec(match);
  return cut ? cut[0].length : 0;
}

/** A Chinese address keeps its city (up to the first 市, or its first 2 characters); an English one only its street type. */
function maskAddress(match: string): string {
  const city = /^[^\d]{0,8}?[市]/u.exec(match);
  const keep = city ? city[0].length : /^[A-Za-z0-9]/.test(match) ? 0 : Math.min(2, match.length);
  const streetType =
    /\b(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close)\b\.?/.exec(
      match,
    );
  return [...match]
    .map((character, index) => {
      if (index < keep || /\s|[,.，]/u.test(character)) return character;
      if (streetType && index >= streetType.index && index < streetType.index + streetType[0].length)
        return character;
      return MASK;
    })
    .join('');
}

function maskEmail(match: string): string {
  const at = match.lastIndexOf('@');
  const local = match.slice(0, at);
  const first = [...local][0] ?? '';
  return `${first}***${match.slice(at)}`;
}
