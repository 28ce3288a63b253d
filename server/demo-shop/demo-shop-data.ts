import { createHash } from 'node:crypto';

/** The demo shop's invented catalogue: a few products with stock by size, bilingual names. */
export interface DemoProduct {
  id: string;
  name: string;
  nameEn: string;
  price: number;
  warehouse: string;
  warehouseEn: string;
  standardDays: string;
  remoteDays: string;
  stock: { size: string; count: number }[];
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    id: 'p-hoodie',
    name: '加绒连帽卫衣',
    nameEn: 'Fleece hoodie',
    price: 159,
    warehouse: '杭州仓',
    warehouseEn: 'Hangzhou',
    standardDays: '2-3',
    remoteDays: '5-7',
    stock: [
      { size: 'S', count: 12 },
      { size: 'M', count: 0 },
      { size: 'L', count: 7 },
      { size: 'XL', count: 3 },
      { size: 'XXL', count: 0 },
    ],
  },
  {
    id: 'p-down-jacket',
    name: '白鸭绒羽绒服',
    nameEn: 'White duck down jacket',
    price: 199,
    warehouse: '广州仓',
    warehouseEn: 'Guangzhou',
    standardDays: '2-4',
    remoteDays: '6-8',
    stock: [
      { size: 'M', count: 20 },
      { size: 'L', count: 15 },
      { size: 'XL', count: 0 },
    ],
  },
  {
    id: 'p-sneaker',
    name: '轻跑运动鞋',
    nameEn: 'Light running shoes',
    price: 269,
    warehouse: '泉州仓',
    warehouseEn: 'Quanzhou',
    standardDays: '2-3',
    remoteDays: '5-7',
    stock: [
      { size: '39', count: 4 },
      { size: '40', count: 9 },
      { size: '41', count: 0 },
      { size: '42', count: 6 },
    ],
  },
];

const CARRIERS = [
  { zh: '顺丰速运', en: 'SF Express' },
  { zh: '中通快递', en: 'ZTO Express' },
  { zh: '京东物流', en: 'JD Logistics' },
];
const CITIES = [
  { zh: '上海', en: 'Shanghai' },
  { zh: '乌鲁木齐', en: 'Urumqi' },
  { zh: '成都', en: 'Chengdu' },
  { zh: '北京', en: 'Beijing' },
];

export interface DemoShipmentEvent {
  at: string;
  description: string;
  descriptionEn: string;
}

export interface DemoOrder {
  id: string;
  status: 'shipped' | 'delivered' | 'paid';
  productId: string;
  productName: string;
  productNameEn: string;
  size: string;
  total: number;
  placedAt: string;
  shipmentId: string;
}

export interface DemoShipment {
  id: string;
  orderId: string;
  carrier: string;
  carrierEn: string;
  city: string;
  cityEn: string;
  eta: string;
  status: 'in_transit' | 'delivered' | 'awaiting_pickup';
  events: DemoShipmentEvent[];
}

/** Any user id gets the same invented orders every time (a hash picks them), so every demo identity works. */
function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** Dates are counted back from `now`, so the demo's orders always look recent. */
export function demoOrdersOf(userId: string, now: Date): { orders: DemoOrder[]; shipments: DemoShipment[] } {
  const seed = seedOf(userId);
  const day = 86_400_000;
  const orders: DemoOrder[] = [];
  const shipments: DemoShipment[] = [];
  for (let index = 0; index < 3; index++) {
    const product = DEMO_PRODUCTS[(seed + index) % DEMO_PRODUCTS.length]!;
    const number = String(100_000 + ((seed >>> 3) % 800_000) + index * 7).padStart(6, '0');
    const id = `DS${number}`;
    const placed = new Date(now.getTime() - (index * 6 + 2) * day);
    const carrier = CARRIERS[(seed + index) % CARRIERS.length]!;
    const city = CITIES[(seed >>> 5) % CITIES.length]!;
    const delivered = index > 0;
    orders.push({
      id,
      status: delivered ? 'delivered' : 'shipped',
      productId: product.id,
      productName: product.name,
      productNameEn: product.nameEn,
      size: product.stock[(seed + index) % product.stock.length]!.size,
      total: product.price,
      placedAt: placed.toISOString(),
      shipmentId: `SH${number}`,
    });
    const at = (hours: number) => new Date(placed.getTime() + hours * 3_600_000).toISOString();
    const events: DemoShipmentEvent[] = [
      {
        at: at(6),
        description: `${product.warehouse}已揽收`,
        descriptionEn: `Picked up at the ${product.warehouseEn} warehouse`,
      },
      {
        at: at(20),
        description: '运输中，已到达转运中心',
        descriptionEn: 'In transit, at the sorting centre',
      },
      {
        at: at(34),
        description: `已到达${city.zh}，正在派送`,
        descriptionEn: `Arrived in ${city.en}, out for delivery`,
      },
    ];
    if (delivered) events.push({ at: at(40), description: '已签收', descriptionEn: 'Delivered' });
    shipments.push({
      id: `SH${number}`,
      orderId: id,
      carrier: carrier.zh,
      carrierEn: carrier.en,
      city: city.zh,
      cityEn: city.en,
      eta: new Date(placed.getTime() + 3 * day).toISOString().slice(0, 10),
      status: delivered ? 'delivered' : 'in_transit',
      events: events.reverse(),
    });
  }
  return { orders, shipments };
}
