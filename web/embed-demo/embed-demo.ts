/**
 * The sample host page's own script: its words in the visitor's language (the widget follows the page's
 * `<html lang>`), and `?hostile=1`, which turns on CSS that breaks careless widgets.
 */
import { MORE_DEMO_TEXTS, moreDemoLanguage } from './embed-demo-texts-more.js';

type DemoLanguage = 'zh' | 'en';

const TEXTS: Record<DemoLanguage, Record<string, string>> = {
  en: {
    title: 'StarLive Shop',
    brand: 'StarLive Shop',
    live: 'LIVE',
    viewers: '12.8k watching',
    streamTitle: 'Winter sale: down jackets and boots',
    productsTitle: 'In this stream',
    productOne: 'Down jacket, 90% goose down',
    productTwo: 'Snow boots, waterproof',
    buy: 'Buy',
    commentsTitle: 'Comments',
    commentOne: 'Is the jacket true to size?',
    commentTwo: 'Just ordered the boots!',
  },
  zh: {
    title: '星光直播 · 好物小店',
    brand: '星光直播 · 好物小店',
    live: '直播中',
    viewers: '1.28 万人在看',
    streamTitle: '冬季特卖：羽绒服和雪地靴',
    productsTitle: '本场商品',
    productOne: '90% 白鹅绒羽绒服',
    productTwo: '防水雪地靴',
    buy: '马上抢',
    commentsTitle: '评论',
    commentOne: '羽绒服尺码标准吗？',
    commentTwo: '雪地靴已下单！',
  },
};

const parameters = new URLSearchParams(location.search);
const asked = parameters.get('lang') ?? navigator.language;
const more = moreDemoLanguage(asked);
const language: DemoLanguage = asked.toLowerCase().startsWith('zh') ? 'zh' : 'en';
const texts = more ? MORE_DEMO_TEXTS[more]!.texts : TEXTS[language];

document.documentElement.lang = more ? MORE_DEMO_TEXTS[more]!.lang : language === 'zh' ? 'zh-CN' : 'en';
if (more === 'ar') document.documentElement.dir = 'rtl';
document.title = texts.title ?? document.title;
for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) {
  const text = texts[node.dataset.text ?? ''];
  if (text !== undefined) node.textContent = text;
}
if (parameters.get('hostile') === '1') document.documentElement.classList.add('hostile');
