import { describe, expect, it } from 'vitest';
import { isValidChineseIdNumber, maskPii, maskPiiText, passesLuhn } from './mask-pii.js';

/** Appends the Luhn check digit. */
function withLuhn(body: string): string {
  for (let digit = 0; digit <= 9; digit++) if (passesLuhn(`${body}${digit}`)) return `${body}${digit}`;
  throw new Error('unreachable');
}

/** Appends the GB 11643 check character, whether or not the rest is a real ID. */
function withIdCheck(body: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(body[index]) * (2 ** (17 - index) % 11);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** Changes the check digit to a wrong one. */
function withWrongLuhn(body: string): string {
  const right = withLuhn(body);
  return `${body}${(Number(right.at(-1)) + 1) % 10}`;
}

const UNIONPAY = withLuhn('622202123456789012'); // 19 digits
const VISA = withLuhn('411111111111111'); // 16 digits
const ID_NUMBER = withIdCheck('11010519491231002');
const ID_WITH_X = '11010519491231002X';

describe('maskPii', () => {
  describe('phone numbers', () => {
    it.each([
      ['我的手机13812345678，谢谢', '我的手机138****5678，谢谢'],
      ['call me on 13812345678.', 'call me on 138****5678.'],
      ['电话 138 1234 5678', '电话 138 **** 5678'],
      ['电话 138-1234-5678 晚上打', '电话 138-****-5678 晚上打'],
      ['+86 13812345678', '+86 138****5678'],
      ['+86-138-1234-5678', '+86-138-****-5678'],
      ['(+86)19912345678', '(+86)199****5678'],
      ['008615912345678', '0086159****5678'],
      ['手机13812345678和13912345679', '手机138****5678和139****5679'],
      ['call +1 (415) 555-2671 please', 'call +* (***) ***-2671 please'],
      ['UK: +44 20 7946 0958', 'UK: +** ** **** 0958'],
      ['+8613812345678', '+86138****5678'],
      ['座机 010-12345678', '座机 ***-****5678'],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['phone'], count: text.includes('和') ? 2 : 1 });
    });
  });

  describe('ID card numbers', () => {
    it('masks a valid 18-digit number, keeping the last 4', () => {
      expect(maskPii(`身份证号 ${ID_NUMBER}`).text).toBe(`身份证号 **************${ID_NUMBER.slice(-4)}`);
    });

    it('masks one ending in X, either case', () => {
      expect(maskPii(`ID ${ID_WITH_X}`)).toEqual({
        text: 'ID **************002X',
        kinds: ['id-card'],
        count: 1,
      });
      expect(maskPii(`ID ${ID_WITH_X.toLowerCase()}`).text).toBe('ID **************002x');
    });

    it('leaves an 18-digit number with a wrong check digit or an impossible birth date', () => {
      const wrongCheck = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER.endsWith('1') ? '2' : '1'}`;
      expect(maskPii(wrongCheck).kinds).not.toContain('id-card');
      const february30 = withIdCheck('11010519490230002');
      expect(isValidChineseIdNumber(february30)).toBe(false);
      expect(maskPii(february30).kinds).not.toContain('id-card');
    });
  });

  describe('bank card numbers', () => {
    it.each([
      [`卡号${UNIONPAY}请退款`, `卡号***************${UNIONPAY.slice(-4)}请退款`],
      [`card ${VISA}`, `card ************${VISA.slice(-4)}`],
      [`card ${VISA.replace(/(\d{4})(?=\d)/g, '$1 ')}`, `card **** **** **** ${VISA.slice(-4)}`],
      [`卡 ${VISA.replace(/(\d{4})(?=\d)/g, '$1-')}`, `卡 ****-****-****-${VISA.slice(-4)}`],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['bank-card'], count: 1 });
    });

    it('leaves a number that fails the Luhn check', () => {
      const text = `card ${withWrongLuhn('411111111111111')}`;
      expect(maskPii(text).text).toBe(text);
    });
  });

  describe('e-mail addresses', () => {
    it.each([
      ['mail zhang.san+live@qq.com now', 'mail z***@qq.com now'],
      ['邮箱是Test_User@163.com。', '邮箱是T***@163.com。'],
      ['a@b.co.uk', 'a***@b.co.uk'],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['email'], count: 1 });
    });

    it('hides a phone number used as the mailbox name with the mailbox', () => {
      expect(maskPii('13812345678@163.com').text).toBe('1***@163.com');
    });
  });

  describe('what it leaves alone', () => {
    it.each([
      ['an order number', '订单号 202405011234567890 还没发货'],
      ['a labelled order number that passes Luhn', `订单号：${VISA}`],
      ['an English order number that passes Luhn', `my order #${UNIONPAY} is late`],
      ['a tracking number', '快递单号 SF1381234567890'],
      ['an 11-digit run glued to letters', 'SKU A13812345678B'],
      ['a millisecond timestamp', 'ts=1715234567890'],
      ['a 10-digit timestamp', 'at 1715234567'],
      ['a date and time', '2024-05-01 13:45:12'],
      ['a price', '价格 ¥1,380.00，折后 13812345678.50 元'],
      ['a version number', 'version 10.13.812345678'],
      ['a short code', '验证码 138123'],
      ['a 12-digit number starting like a mobile', '138123456789'],
      ['a 20-digit transaction id', '流水 62220212345678901234'],
      ['a quantity', '买了 13 件，共 1999 元'],
      ['an at sign without a domain', 'ping @streamer, see you@ 8pm'],
    ])('%s', (_name, text) => {
      expect(maskPii(text)).toEqual({ text, kinds: [], count: 0 });
    });
  });

  it('masks several kinds in one message and lists each kind once, in a fixed order', () => {
    const result = maskPii(`手机13812345678，卡号${VISA}，邮箱a.b@qq.com，备用 13912345678`);
    expect(result.kinds).toEqual(['email', 'bank-card', 'phone']);
    expect(result.count).toBe(4);
    expect(result.text).not.toMatch(/\d{5}/);
  });

  it('masks only the kinds asked for', () => {
    const text = `13812345678 a@b.com`;
    expect(maskPii(text, { kinds: ['email'] }).text).toBe('13812345678 a***@b.com');
    expect(maskPiiText(text, { kinds: ['phone'] })).toBe('138****5678 a@b.com');
  });

  it('leaves text without personal data exactly as it was', () => {
    const text = '主播什么时候开播？When does the stream start? 🎉';
    expect(maskPii(text)).toEqual({ text, kinds: [], count: 0 });
  });
});

describe('the checks behind it', () => {
  it('validates ID check characters per GB 11643', () => {
    expect(isValidChineseIdNumber(ID_WITH_X)).toBe(true);
    expect(isValidChineseIdNumber('110105194912310021')).toBe(false);
    expect(isValidChineseIdNumber('11010519491231002')).toBe(false);
  });

  it('computes Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('41111a')).toBe(false);
  });
});
