import type { ComposeRequest } from '../../engine/ports.js';
import { EntrySchema } from '../../knowledge/entry.js';
import type { Entry } from '../../knowledge/entry.js';

/** A Chinese entry with an English translation, as the demo knowledge base has them. */
export const TOP_UP_ENTRY: Entry = EntrySchema.parse({
  id: 'coins.top-up',
  locale: 'zh',
  questions: ['怎么充值金币？', '金币在哪里充值', '我想买金币', '怎么储值'],
  answer:
    '打开 App，进入 我的 > 钱包 > 充值，选择金币档位和支付方式，付款完成后金币会立即到账。1 元 = 10 金币。',
  translations: {
    en: {
      questions: ['How do I top up coins?', 'where can i buy coins'],
      answer:
        'Go to Me > Wallet > Top Up, pick a coin package and a payment method. The coins arrive right after payment.',
    },
  },
});

/** An English-only entry. */
export const REFUND_ENTRY: Entry = EntrySchema.parse({
  id: 'refund.policy',
  locale: 'en',
  questions: ['Can I get a refund for coins?', 'refund my gift'],
  answer: 'Coins that were not spent can be refunded within 7 days. Gifts already sent cannot be refunded.',
});

export function composeRequest(overrides: Partial<ComposeRequest> = {}): ComposeRequest {
  return {
    question: 'How do I top up coins?',
    locale: 'en',
    entries: [
      { entry: TOP_UP_ENTRY, confidence: 0.91 },
      { entry: REFUND_ENTRY, confidence: 0.42 },
    ],
    history: [],
    liveContext: { roomId: 'room-7', streamerName: 'Lulu', productInView: 'Coin pack 60', scenario: 'show' },
    ...overrides,
  };
}
