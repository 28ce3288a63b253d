import { describe, expect, it } from 'vitest';
import { MORE_WIDGET_TEXTS } from '../../web/widget/widget-texts-more.js';
import { createHumanRequestDetector } from './human-request.js';
import { HumanRequestConfigSchema } from './human-request-config.js';

const detector = createHumanRequestDetector(HumanRequestConfigSchema.parse({}));
const detected = (text: string) => detector.detect(text).detected;

describe('a request for a person in the widget’s other languages', () => {
  // Traditional (轉人工) is read after the Simplified conversion the server's signal analyzer applies.
  const buttons = Object.entries(MORE_WIDGET_TEXTS).filter(([language]) => language !== 'zh-Hant');
  it.each(buttons.map(([language, texts]) => [language, texts.personRequest ?? '']))(
    'hears what the %s widget’s "talk to a person" button sends: %s',
    (_language, text) => {
      expect(detected(text)).toBe(true);
    },
  );

  it.each([
    '担当者につないでください',
    'オペレーターをお願いします',
    '상담원 연결해 주세요',
    'pásame con un asesor por favor',
    'quero falar com uma pessoa',
    'mau ngobrol sama cs',
    'อยากคุยกับคนจริง',
    'cho tôi gặp nhân viên',
    'أريد التحدث مع موظف خدمة العملاء',
  ])('hears "%s"', (text) => {
    expect(detected(text)).toBe(true);
  });

  it.each([
    'コインのチャージ方法は？',
    '스트리머에게 선물은 어떻게 보내요?',
    '¿Cómo recargo monedas?',
    'la persona del directo habla muy rápido',
    'Como faço para recarregar moedas?',
    'Làm sao để nạp xu?',
    'كيف أشحن العملات؟',
  ])('leaves "%s" alone', (text) => {
    expect(detected(text)).toBe(false);
  });
});
