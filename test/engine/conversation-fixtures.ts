import { createSignalDetector, SignalsConfigSchema } from '../../engine/signals/detect-signals.js';
import type { SignalInput } from '../../engine/turn/turn-context.js';
import type { SignalReport } from '../../engine/policy/signal-report.js';
import type { EntryInput } from '../../knowledge/entry.js';

export const CONVERSATION_KNOWLEDGE: EntryInput[] = [
  {
    id: 'coins.top-up',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里充值', '我想买金币', '充值入口在哪'],
    answer: '进入 我的 > 钱包 > 充值，选择金额付款即可。',
    translations: {
      en: {
        questions: ['how do I top up coins', 'where can I buy coins'],
        answer: 'Go to Me > Wallet > Top up and pay.',
      },
    },
  },
  {
    id: 'account.password',
    locale: 'zh',
    questions: ['忘记密码了怎么办', '怎么重置密码', '登录密码错误'],
    answer: '在登录页点“忘记密码”，用手机验证码重置。',
    translations: {
      en: {
        questions: ['I forgot my password', 'how do I reset my password'],
        answer: 'Tap "Forgot password" on the login page.',
      },
    },
  },
  {
    id: 'minors.refund',
    locale: 'zh',
    questions: ['未成年人充值怎么退款', '孩子偷偷充值能退吗', '小孩花了钱怎么退'],
    answer: '请在 我的 > 帮助 > 未成年退款 提交监护人材料，3 个工作日内处理。',
  },
  {
    id: 'vip.cancel',
    locale: 'en',
    questions: ['how do I cancel VIP', 'cancel my VIP membership'],
    answer: 'Open Me > VIP > Manage and turn off auto-renew.',
  },
  {
    id: 'order.cancel',
    locale: 'en',
    questions: ['how do I cancel my order', 'cancel an order'],
    answer: 'Open the order and tap Cancel before it ships.',
  },
  {
    id: 'flash-sale.price',
    locale: 'zh',
    questions: ['今天的秒杀价格是多少', '秒杀羽绒服多少钱'],
    answer: '今天的秒杀价是[[hold]]199 元，每人限购一件[[/hold]]，库存有限。',
  },
];

/** The real signal detectors with their default lists. */
export function realSignals(): (input: SignalInput) => SignalReport {
  const detector = createSignalDetector(SignalsConfigSchema.parse({}));
  return (input) => detector.detect(input);
}
