import { textsFor, type UiLanguage } from '../shared/ui-language.js';

/** The commerce panel's words (commerce-panel.ts), in each console language. */
export interface CommerceTexts {
  heading: string;
  refresh: string;
  loading: string;
  orders: string;
  shipment: string;
  product: string;
  notVerified: string;
  noProduct: string;
  notConfigured: string;
  unavailable: (reason: string) => string;
  failed: string;
  noOrders: string;
  soldOut: string;
  left: (count: number) => string;
  orderStatus: Record<string, string>;
  shipmentStatus: Record<string, string>;
  eta: (date: string) => string;
  price: (amount: number) => string;
  size: (size: string) => string;
  /** Names a field in the viewer's language: the `…En` field in English when there is one. */
  english: boolean;
}

const REASONS_ZH: Record<string, string> = {
  not_verified: '观众未经平台认证',
  missing_argument: '缺少参数',
  timeout: '商城接口超时',
  http_status: '商城接口返回错误',
  mapping: '商城返回的数据格式不符',
  address_refused: '地址被拒绝',
};
const REASONS_EN: Record<string, string> = {
  not_verified: 'the viewer is not identified by the platform',
  missing_argument: 'an argument is missing',
  timeout: 'the shop did not answer in time',
  http_status: 'the shop answered with an error',
  mapping: 'the shop answered in an unexpected shape',
  address_refused: 'the address was refused',
};

const ALL: Record<UiLanguage, CommerceTexts> = {
  zh: {
    heading: '商城信息',
    refresh: '刷新',
    loading: '正在查询…',
    orders: '最近订单',
    shipment: '最新物流',
    product: '直播间商品',
    notVerified: '观众未经平台认证，无法查询订单。',
    noProduct: '直播间暂无正在讲解的商品。',
    notConfigured: '未配置此查询工具。',
    unavailable: (reason) => `暂时查不到（${REASONS_ZH[reason] ?? reason}）。`,
    failed: '查询失败，请稍后重试。',
    noOrders: '没有订单。',
    soldOut: '售罄',
    left: (count) => `余 ${count} 件`,
    orderStatus: { paid: '待发货', shipped: '已发货', delivered: '已签收' },
    shipmentStatus: { in_transit: '运输中', delivered: '已签收', awaiting_pickup: '待揽收' },
    eta: (date) => `预计 ${date} 送达`,
    price: (amount) => `¥${amount}`,
    size: (size) => `${size} 码`,
    english: false,
  },
  en: {
    heading: 'Shop',
    refresh: 'Refresh',
    loading: 'Looking up…',
    orders: 'Recent orders',
    shipment: 'Latest shipment',
    product: 'Product in view',
    notVerified: 'The viewer is not identified by the platform: no order look-up.',
    noProduct: 'No product is shown in the room right now.',
    notConfigured: 'No tool is set up for this.',
    unavailable: (reason) => `Not available now (${REASONS_EN[reason] ?? reason}).`,
    failed: 'The look-up failed; try again.',
    noOrders: 'No orders.',
    soldOut: 'sold out',
    left: (count) => `${count} left`,
    orderStatus: { paid: 'paid', shipped: 'shipped', delivered: 'delivered' },
    shipmentStatus: { in_transit: 'in transit', delivered: 'delivered', awaiting_pickup: 'awaiting pick-up' },
    eta: (date) => `expected ${date}`,
    price: (amount) => `¥${amount}`,
    size: (size) => `size ${size}`,
    english: true,
  },
};

export function commerceTexts(language: UiLanguage): CommerceTexts {
  return textsFor(ALL, language);
}
