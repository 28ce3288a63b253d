import { describe, expect, it } from 'vitest';
import { createSignalDetector, SignalsConfigSchema } from '../../engine/signals/detect-signals.js';
import { createBuiltinSignalSupport } from './builtin-signal-support.js';

// Requests for a person read through the matcher's analysis (Traditional → Simplified, pinyin and
// initials, typos, full-width and spaced letters), and what only looks like one (issue 11, dev4 file).
const support = createBuiltinSignalSupport({
  synonyms: [],
  entries: [{ questions: ['怎么充值金币', '客服几点上班'] }, { questions: ['how do I top up coins'] }],
});
const detector = createSignalDetector(SignalsConfigSchema.parse({}), support);
const asks = (text: string) => detector.detect({ text, history: [] }).humanRequest.detected;

describe('a request for a person through the builtin analysis', () => {
  it.each([
    ['the plainest word for a person', ['真人', '人呢？？', '来个人', '出来个人', '叫人来', '换人']],
    [
      'Traditional characters',
      ['轉人工', '給我轉人工', '叫你們經理出來', '請回電給我', '我要跟真人講', '找客服人員'],
    ],
    [
      'full-width and spaced letters',
      ['ｒｇ', 'ＲＧ', 'ｒｇｋｆ', 'Ｒｅｎ Ｇｏｎｇ', 'r g', 'k f', 'z r g', '人 工 客 服'],
    ],
    ['pinyin and its typos', ['zhenren', '真仁', '转真仁', 'renGong', 'ZRG']],
    ['call-backs', ['回个电话', '麻烦回个电话', '你们打给我吧', '请致电给我', '来电联系我']],
    ['staff by rank', ['叫你们老板出来', '我要见你们负责人', '工作人员在吗']],
    [
      'English',
      [
        'hooman',
        'Can I talk to your boss?',
        'who is in charge here?',
        "I'm tired of talking to a bot",
        'how do I call you?',
        'put a manager on',
      ],
    ],
  ])('hears %s', (_family, texts) => {
    for (const text of texts) expect(asks(text), text).toBe(true);
  });

  it('hears the other languages’ plain ways of asking', () => {
    for (const text of [
      '人と話したい',
      '担当者をお願いします',
      '有人対応お願いします',
      'necesito un humano',
      'atendente por favor',
      'minta cs',
      'nhân viên ơi',
      'موظف خدمة العملاء',
      'كلمني موظف',
    ])
      expect(asks(text), text).toBe(true);
  });

  it('leaves talk about people, bots and calls that asks for nobody', () => {
    for (const text of [
      '主播是真人吗',
      '有没有真人cos直播',
      '客服几点上班',
      '你们的客服会主动打电话给我吗',
      '怎么找人聊天',
      '想找个人帮我管直播间，怎么设房管',
      '有人自称你们平台的工作人员，说我账号异常要刷流水',
      '发觉恋爱可以提高一个人的表达能力，我会直接和别人说，我已经结婚了',
      'is she a bot or a real human',
      'how do I block someone so they can’t call me',
      'does customer service ever call users?',
    ])
      expect(asks(text), text).toBe(false);
  });
});
