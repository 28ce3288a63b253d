import type { EntryInput } from '../../knowledge/entry.js';
import type { Synonym } from '../../knowledge/synonym.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';

/**
 * Deterministic knowledge bases of any size for the benchmarks. Every entry is one support need
 * (an action on an object, in a context) phrased several ways from templates, in Chinese or English,
 * some with a translation: the shape of the demo knowledge base, at scale. The vocabularies are
 * aligned (index i means the same thing in both languages), so translations and questions follow.
 */
// prettier-ignore
const ACTIONS = {
  en: ['top up', 'refund', 'cancel', 'track', 'change', 'withdraw', 'report', 'block', 'unlock', 'transfer',
    'return', 'exchange', 'verify', 'reset', 'delete', 'activate', 'renew', 'upgrade', 'share', 'download',
    'redeem', 'claim', 'hide', 'mute', 'pause', 'restore', 'link', 'pay for', 'schedule', 'split'],
  zh: ['充值', '退款', '取消', '查询', '修改', '提现', '举报', '拉黑', '解锁', '转让',
    '退货', '换货', '认证', '重置', '删除', '激活', '续费', '升级', '分享', '下载',
    '兑换', '领取', '隐藏', '屏蔽', '暂停', '恢复', '绑定', '支付', '预约', '拆分'],
} as const;

// prettier-ignore
const OBJECTS = {
  en: ['coins', 'gift', 'order', 'package', 'coupon', 'password', 'account', 'subscription', 'fan badge',
    'live room', 'video call', 'invoice', 'refund request', 'shipping address', 'phone number', 'bank card',
    'membership', 'voucher', 'bullet comments', 'stream key', 'profile photo', 'wallet', 'replay', 'playlist',
    'moderator role', 'leaderboard rank', 'flash sale item', 'size chart', 'return label', 'delivery slot'],
  zh: ['金币', '礼物', '订单', '快递', '优惠券', '密码', '账号', '订阅', '粉丝牌',
    '直播间', '视频通话', '发票', '退款申请', '收货地址', '手机号', '银行卡',
    '会员', '代金券', '弹幕', '推流码', '头像', '钱包', '回放', '歌单',
    '房管', '榜单排名', '秒杀商品', '尺码表', '退货单', '配送时间'],
} as const;

// prettier-ignore
const CONTEXTS = {
  en: ['', 'on android', 'on my iphone', 'from the website', 'during a live stream', 'after the stream ends',
    'for a friend', 'from outside china', 'with a credit card', 'before midnight', 'in the app', 'as a new user'],
  zh: ['', '用安卓手机', '在苹果手机上', '在网页版', '直播的时候', '下播以后',
    '帮朋友', '在海外', '用信用卡', '今晚之前', '在App里', '新用户'],
} as const;

type Template = (action: string, object: string, context: string) => string;

const TEMPLATES: Record<Language, readonly Template[]> = {
  en: [
    (a, o, c) => `how do i ${a} ${o} ${c}`,
    (a, o, c) => `can i ${a} my ${o} ${c}`,
    (a, o, c) => `where is the option to ${a} the ${o} ${c}`,
    (a, o, c) => `${o} ${a} is not working ${c}`,
    (a, o, c) => `i want to ${a} my ${o} ${c}`,
    (a, o, c) => `what happens if i ${a} the ${o} ${c}`,
    (a, o, c) => `is it possible to ${a} ${o} ${c}`,
    (a, o, c) => `please help me ${a} my ${o} ${c}`,
  ],
  zh: [
    (a, o, c) => `${c}怎么${a}${o}`,
    (a, o, c) => `${c}${o}能${a}吗`,
    (a, o, c) => `${c}${a}${o}失败了怎么办`,
    (a, o, c) => `我想${c}${a}${o}`,
    (a, o, c) => `${c}${o}在哪里${a}`,
    (a, o, c) => `请问${c}${a}${o}要多久`,
    (a, o, c) => `${c}可以${a}${o}吗`,
    (a, o, c) => `帮我${c}${a}一下${o}`,
  ],
};

const PREFIXES: Record<Language, readonly string[]> = {
  en: ['', '', 'hi, ', 'hello ', 'quick question: ', 'pls '],
  zh: ['', '', '你好，', '请问', '客服，', '宝宝想问下'],
};
const SUFFIXES: Record<Language, readonly string[]> = {
  en: ['', '?', '?', ' thanks', ' asap'],
  zh: ['', '？', '？', '，谢谢', '啊'],
};

/** Slang the generated questions use, as a content team would map it. */
export const SYNTHETIC_SYNONYMS: readonly Synonym[] = [
  { term: 'cz', canonical: '充值', locale: 'zh' },
  { term: '宝宝', canonical: '用户', locale: 'zh' },
  { term: 'pls', canonical: 'please', locale: 'en' },
  { term: 'acct', canonical: 'account', locale: 'en' },
];

type Language = 'en' | 'zh';

export interface SyntheticQuestion {
  text: string;
  expected: string;
}

export interface SyntheticKnowledgeBase {
  entries: EntryInput[];
  synonyms: readonly Synonym[];
  /** Held-out phrasings (templates an entry does not use), each naming the entry it asks for. */
  questions: SyntheticQuestion[];
}

export interface SyntheticOptions {
  entries: number;
  phrasingsPerEntry?: number;
  /** Share of entries that also carry the other language. */
  translatedShare?: number;
  questions: number;
  seed?: number;
}

interface Need {
  action: number;
  object: number;
  context: number;
}

const NEED_COUNT = ACTIONS.en.length * OBJECTS.en.length * CONTEXTS.en.length;

function phrase(
  language: Language,
  template: Template,
  need: Need,
  pick: <T>(items: readonly T[]) => T,
): string {
  const text = template(
    ACTIONS[language][need.action]!,
    OBJECTS[language][need.object]!,
    CONTEXTS[language][need.context]!,
  );
  const tidy = language === 'en' ? text.replace(/\s+/g, ' ').trim() : text;
  return `${pick(PREFIXES[language])}${tidy}${pick(SUFFIXES[language])}`;
}

/** Fisher-Yates, in place. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

/** Builds a knowledge base of `entries` distinct needs and `questions` held-out questions, the same for a seed. */
export function createSyntheticKnowledgeBase(options: SyntheticOptions): SyntheticKnowledgeBase {
  if (options.entries > NEED_COUNT) throw new Error(`at most ${NEED_COUNT} synthetic entries`);
  const random = createSeededRandom(options.seed ?? 2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const phrasingCount = options.phrasingsPerEntry ?? 5;
  const translatedShare = options.translatedShare ?? 0.3;

  // A seeded shuffle of every need, so that any size is a random, repeatable slice of them.
  const order = shuffle(
    Array.from({ length: NEED_COUNT }, (_, index) => index),
    random,
  );

  const entries: EntryInput[] = [];
  const heldOut: { id: string; language: Language; need: Need; templates: Template[] }[] = [];
  for (const code of order.slice(0, options.entries)) {
    const need: Need = {
      action: code % ACTIONS.en.length,
      object: Math.floor(code / ACTIONS.en.length) % OBJECTS.en.length,
      context: Math.floor(code / (ACTIONS.en.length * OBJECTS.en.length)),
    };
    const primary: Language = random() < 0.5 ? 'zh' : 'en';
    const id = `synthetic.${need.action}-${need.object}-${need.context}`;
    const view = (language: Language) => {
      const templates = shuffle([...TEMPLATES[language]], random);
      heldOut.push({ id, language, need, templates: templates.slice(phrasingCount) });
      const questions = templates
        .slice(0, phrasingCount)
        .map((template) => phrase(language, template, need, pick));
      const answer =
        language === 'en'
          ? `To ${ACTIONS.en[need.action]} your ${OBJECTS.en[need.object]}, open Me > Settings > ${OBJECTS.en[need.object]} and follow the steps.`
          : `${ACTIONS.zh[need.action]}${OBJECTS.zh[need.object]}：打开 我的 > 设置 > ${OBJECTS.zh[need.object]}，按提示操作即可。`;
      return { questions: [...new Set(questions)], answer };
    };
    const translated = random() < translatedShare;
    const other: Language = primary === 'zh' ? 'en' : 'zh';
    entries.push({
      id,
      locale: primary,
      ...view(primary),
      ...(translated ? { translations: { [other]: view(other) } } : {}),
      tags: ['synthetic', ACTIONS.en[need.action]!.replace(' ', '-')],
    });
  }

  const questions: SyntheticQuestion[] = [];
  for (let index = 0; index < options.questions; index++) {
    const source = pick(heldOut);
    const template = source.templates.length > 0 ? pick(source.templates) : pick(TEMPLATES[source.language]);
    questions.push({ text: phrase(source.language, template, source.need, pick), expected: source.id });
  }
  return { entries, synonyms: SYNTHETIC_SYNONYMS, questions };
}
