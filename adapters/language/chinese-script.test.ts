import { describe, expect, it } from 'vitest';
import { createChineseScript } from './chinese-script.js';

describe('Chinese script conversion (opencc-js, phrase level)', () => {
  const script = createChineseScript();

  it('reads Taiwan wording as mainland Simplified: accounts with 账, 軟體 as 软件', () => {
    expect(script.toSimplified('儲值沒到帳')).toBe('储值没到账');
    expect(script.toSimplified('帳號')).toBe('账号');
    expect(script.toSimplified('我的帳戶餘額怎麼變少了')).toBe('我的账户余额怎么变少了');
    expect(script.toSimplified('軟體一直閃退，網路很順')).toBe('软件一直闪退，网络很顺');
    expect(script.toSimplified('帳篷和蚊帳')).toBe('帐篷和蚊帐');
  });

  it('writes Simplified for a Taiwan reader: 账号 → 帳號, 软件 → 軟體', () => {
    expect(script.toTraditional('账号')).toBe('帳號');
    expect(script.toTraditional('储值没到账')).toBe('儲值沒到帳');
    expect(script.toTraditional('请在软件里打开 我的 > 帮助 > 账号申诉')).toBe(
      '請在軟體裡開啟 我的 > 幫助 > 帳號申訴',
    );
    expect(script.toTraditional('视频通话怎么收费')).toBe('視訊通話怎麼收費');
  });

  it('tells the scripts apart by what converting each way changes', () => {
    expect(script.scriptOf('儲值沒到帳')).toBe('Hant');
    expect(script.scriptOf('这个size是M还是L')).toBe('Hans');
    expect(script.scriptOf('這個size是M還是L')).toBe('Hant');
    // Characters the Simplified reform merged are everyday Traditional too: 台灣 is still Traditional.
    expect(script.scriptOf('台灣')).toBe('Hant');
    expect(script.scriptOf('台湾')).toBe('Hans');
    expect(script.scriptOf('好的')).toBeUndefined();
    expect(script.scriptOf('ok 666 😂')).toBeUndefined();
  });
});
