import type { AutoReplyRule } from '../../engine/desk/auto-reply.js';
import type { QuickReply } from '../../engine/desk/quick-reply.js';

const DEMO_ACTOR = 'demo-seed';

type DemoReply = Omit<QuickReply, 'updatedAt' | 'updatedBy'>;
type DemoRule = Omit<AutoReplyRule, 'updatedAt' | 'updatedBy'>;

const TOP_UP_ZH =
  '充值步骤：打开 App，进入 我的 > 钱包 > 充值，选择金币档位和支付方式，付款后金币立即到账（1 元 = 10 金币）。';
const TOP_UP_EN =
  'To top up: open the app, go to Me > Wallet > Top Up, pick a coin package and a payment method; the coins arrive right after payment (1 yuan = 10 coins).';
const REFUND_ZH =
  '退款说明：已充值的金币和送出的礼物一般不支持退款。重复扣款、未成年人消费或账号被盗用可在 我的 > 帮助与客服 > 退款申请 提交，1-3 个工作日内处理。';
const REFUND_EN =
  'Refunds: purchased coins and sent gifts are generally not refundable. Double charges, spending by minors or a stolen account can be reported in Me > Help & Support > Refund Request; we handle it within 1-3 business days.';

const DEMO_QUICK_REPLIES: readonly DemoReply[] = [
  {
    id: 'demo.greeting.zh',
    shortcut: '/hi',
    locale: 'zh',
    team: null,
    title: '问候',
    text: '{viewerName} 你好，我是客服 {agentName}，很高兴为你服务！请问有什么可以帮你？',
  },
  {
    id: 'demo.greeting.en',
    shortcut: '/hi',
    locale: 'en',
    team: null,
    title: 'Greeting',
    text: "Hi {viewerName}, I'm {agentName} from support. How can I help you today?",
  },
  { id: 'demo.topup.zh', shortcut: '/topup', locale: 'zh', team: null, title: '充值步骤', text: TOP_UP_ZH },
  {
    id: 'demo.topup.en',
    shortcut: '/topup',
    locale: 'en',
    team: null,
    title: 'Top-up steps',
    text: TOP_UP_EN,
  },
  { id: 'demo.refund.zh', shortcut: '/refund', locale: 'zh', team: null, title: '退款政策', text: REFUND_ZH },
  {
    id: 'demo.refund.en',
    shortcut: '/refund',
    locale: 'en',
    team: null,
    title: 'Refund policy',
    text: REFUND_EN,
  },
  {
    id: 'demo.wait.zh',
    shortcut: '/wait',
    locale: 'zh',
    team: null,
    title: '等待致歉',
    text: '抱歉让你久等了，{viewerName}！目前咨询较多，预计还需约 {waitMinutes} 分钟，我们会尽快处理。',
  },
  {
    id: 'demo.wait.en',
    shortcut: '/wait',
    locale: 'en',
    team: null,
    title: 'Wait apology',
    text: "Sorry for the wait, {viewerName}! We're busy right now; it should take about {waitMinutes} more minutes.",
  },
  {
    id: 'demo.bye.zh',
    shortcut: '/bye',
    locale: 'zh',
    team: null,
    title: '结束语',
    text: '感谢你的耐心，{viewerName}！如果还有其他问题随时找我们。稍后会请你为本次服务打分，祝你看播愉快！',
  },
  {
    id: 'demo.bye.en',
    shortcut: '/bye',
    locale: 'en',
    team: null,
    title: 'Closing',
    text: 'Thanks for your patience, {viewerName}! Reach out any time. You will be asked to rate this chat in a moment. Enjoy the stream!',
  },
];

const DEMO_AUTO_REPLY_RULES: readonly DemoRule[] = [
  {
    id: 'demo.topup.zh',
    name: '充值步骤',
    keywords: ['充值', '储值', '买金币', '充钱'],
    locale: 'zh',
    text: `${TOP_UP_ZH}（自动回复，客服稍后会接待你）`,
    enabled: true,
  },
  {
    id: 'demo.topup.en',
    name: 'Top-up steps',
    keywords: ['top up', 'top-up', 'recharge', 'buy coins'],
    locale: 'en',
    text: `${TOP_UP_EN} (Automatic reply; an agent will be with you shortly.)`,
    enabled: true,
  },
  {
    id: 'demo.refund.zh',
    name: '退款政策',
    keywords: ['退款', '退钱', '退金币'],
    locale: 'zh',
    text: `${REFUND_ZH}（自动回复，客服稍后会接待你）`,
    enabled: true,
  },
  {
    id: 'demo.refund.en',
    name: 'Refund policy',
    keywords: ['refund', 'money back'],
    locale: 'en',
    text: `${REFUND_EN} (Automatic reply; an agent will be with you shortly.)`,
    enabled: true,
  },
];

/** The demo quick replies (zh and en: greeting, top-up steps, refund policy, wait apology, closing). */
export function demoQuickReplies(at: string): QuickReply[] {
  return DEMO_QUICK_REPLIES.map((reply) => ({ ...reply, updatedAt: at, updatedBy: DEMO_ACTOR }));
}

/** The demo auto-reply rules: top-up steps and refund policy, in Chinese and English. */
export function demoAutoReplyRules(at: string): AutoReplyRule[] {
  return DEMO_AUTO_REPLY_RULES.map((rule) => ({ ...rule, updatedAt: at, updatedBy: DEMO_ACTOR }));
}

export interface DemoDeskContentStores {
  quickReplies: { seedDemo(replies: readonly QuickReply[], at: string): Promise<number> };
  autoReplyRules: { seedDemo(rules: readonly AutoReplyRule[], at: string): Promise<number> };
}

/** Seeds the demo quick replies and auto-reply rules once in the file's life (when `config.seedDemo`). */
export async function seedDemoDeskContent(
  stores: DemoDeskContentStores,
  at: string,
): Promise<{ quickReplies: number; autoReplyRules: number }> {
  return {
    quickReplies: await stores.quickReplies.seedDemo(demoQuickReplies(at), at),
    autoReplyRules: await stores.autoReplyRules.seedDemo(demoAutoReplyRules(at), at),
  };
}
