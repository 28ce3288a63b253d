import { describe, expect, it } from 'vitest';
import { maskPii, maskPiiWithSpans, passesIbanCheck, piiValues } from './mask-pii.js';

describe('maskPii, the kinds beyond phones, cards, mails and resident ids', () => {
  describe('payment accounts (Alipay, WeChat, QQ, bank accounts, IBAN)', () => {
    it.each([
      ['我的支付宝是 zhangsan_88', '我的支付宝是 *******n_88'],
      ['加微信号 wx_abc123 私聊', '加微信号 **_***123 私聊'],
      ['我的微信是 luckystar', '我的微信是 ******tar'],
      ['QQ 12345678 加我', 'QQ ******78 加我'],
      ['银行账号 6222021234567890', '银行账号 ************7890'],
      ['my wechat id: lucky_star99 thanks', 'my wechat id: *****_**ar99 thanks'],
      ['Alipay account is refund2024', 'Alipay account is *******024'],
      ['bank account number 12345678901', 'bank account number ********901'],
      ['IBAN DE89 3704 0044 0532 0130 00', 'IBAN **** **** **** **** **30 00'],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['payment-account'], count: 1 });
    });

    it('checks an IBAN', () => {
      expect(passesIbanCheck('DE89370400440532013000')).toBe(true);
      expect(passesIbanCheck('DE89370400440532013001')).toBe(false);
      expect(maskPii('ref GB00 ABCD 1234 5678 9012 34').count).toBe(0);
    });
  });

  describe('passports and other identity documents', () => {
    it.each([
      ['护照号码 E12345678', '护照号码 ******678'],
      ['passport no. G23456789', 'passport no. ******789'],
      ['Passport: 533401234', 'Passport: ******234'],
      ['我的护照 EA1234567 过期了', '我的护照 ******567 过期了'],
      ['港澳通行证 C12345678', '港澳通行证 ******678'],
      ['HK ID A123456(7)', 'HK ID *****56(7)'],
      ['证件 E12345678', '证件 ******678'],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['passport'], count: 1 });
    });
  });

  describe('addresses', () => {
    it.each([
      ['收货地址：北京市朝阳区建国路88号3栋1单元502室', '收货地址：北京市******************'],
      ['我住在上海市浦东新区世纪大道100号', '我住在上海市************'],
      ['寄到杭州市西湖区文三路 90 号', '寄到杭州市****** ** *'],
      ['地址是 广州天河区体育西路1号', '地址是 广州*********'],
      ['ship to 221B Baker Street, Apt 4 London', 'ship to **** ***** Street, *** * London'],
      ['I live at 1600 Pennsylvania Avenue', 'I live at **** ************ Avenue'],
      ['address: 12 Rue de la Paix 75002', 'address: ** *** ** ** **** *****'],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['address'], count: 1 });
    });
  });

  describe('phones in North American form', () => {
    it.each([
      ['call me at (415) 555-2671', 'call me at (***) ***-2671'],
      ['my cell is 415-555-2671.', 'my cell is ***-***-2671.'],
      ['tel 415.555.2671', 'tel ***.***.2671'],
    ])('masks %j', (text, masked) => {
      expect(maskPii(text)).toEqual({ text: masked, kinds: ['phone'], count: 1 });
    });
  });

  describe('what a live-stream chat says that is not personal data', () => {
    it.each([
      ['an order number with letters', '订单号 E12345678 还没到'],
      ['paying by Alipay, an amount', '支付宝 付了 20000 元'],
      ['WeChat Pay and a price', '微信支付了 199 元'],
      ['coins', '微信 充了 50000 金币'],
      ['asking about the address', '收货地址是什么时候可以改'],
      ['an English account question', 'my account is locked'],
      ['a WeChat complaint', 'wechat: down again'],
      ['a stream time and a gift price', '主播 20:30 开播，礼物 520 金币，8.8 折'],
      ['a date range', '活动 2024-05-01 至 2024-05-07'],
      ['a room number', '直播间 88888 号房间'],
      ['a gift count', '送了 1314 个小心心'],
      ['a price range in dollars', 'it was $12.99 - $19.99 at 8:45 pm'],
      ['an English order', 'order #A123456789 was shipped on 05/01'],
      ['a road without a number', '走中山路那边的仓库发货吗'],
      ['a level', 'VIP level 5, rank 1234567'],
    ])('%s', (_name, text) => {
      expect(maskPii(text)).toEqual({ text, kinds: [], count: 0 });
    });
  });

  it('says where each masked span lies in the masked text and what it hid, in order', () => {
    const text = '手机13812345678，邮箱a.b@qq.com，地址：北京市朝阳区建国路88号';
    const result = maskPiiWithSpans(text);
    expect(result.spans.map((span) => result.text.slice(span.start, span.end))).toEqual([
      '138****5678',
      'a***@qq.com',
      '北京市*********',
    ]);
    expect(result.spans.map((span) => span.kind)).toEqual(['phone', 'email', 'address']);
    expect(piiValues(text)).toEqual([
      { kind: 'phone', value: '13812345678' },
      { kind: 'email', value: 'a.b@qq.com' },
      { kind: 'address', value: '北京市朝阳区建国路88号' },
    ]);
    expect(JSON.stringify(maskPii(text))).not.toContain('spans');
  });
});
