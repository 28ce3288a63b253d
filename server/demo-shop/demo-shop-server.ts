import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PRODUCTS, demoOrdersOf, type DemoShipment } from './demo-shop-data.js';

export interface DemoShop {
  /** `http://127.0.0.1:port` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The token the demo tools file sends (from LIVEDESK_TOOL_SECRET_DEMO_SHOP): checked so the auth header is real. */
export const DEMO_SHOP_TOKEN_ENV = 'LIVEDESK_TOOL_SECRET_DEMO_SHOP';

/**
 * A small shop API on loopback for the demo and the tests: a user's orders, products with stock by size and
 * shipments with their events. Reads only, invented data, JSON only; with `token`, requests must carry
 * `Authorization: Bearer <token>`.
 */
export async function startDemoShop(
  options: { port?: number; host?: string; token?: string | undefined; clock?: () => Date } = {},
): Promise<DemoShop> {
  const clock = options.clock ?? (() => new Date());
  const shipmentsById = (userId: string) =>
    new Map(demoOrdersOf(userId, clock()).shipments.map((shipment) => [shipment.id, shipment]));
  const server = http.createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
    };
    if (request.method !== 'GET') return send(405, { error: 'method_not_allowed' });
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`)
      return send(401, { error: 'unauthorized' });
    const path = new URL(request.url ?? '/', 'http://shop').pathname.split('/').map(decodeURIComponent);
    // ['', 'api', 'users', id, 'orders' | 'shipments', …]
    if (path[1] !== 'api') return send(404, { error: 'not_found' });
    if (path[2] === 'users' && path[3] && path[4] === 'orders') {
      const { orders } = demoOrdersOf(path[3], clock());
      if (path.length === 5) return send(200, { orders });
      if (path[5] === 'latest' && path.length === 6) return send(200, { order: orders[0] });
    }
    if (path[2] === 'users' && path[3] && path[4] === 'shipments' && path[5] && path.length === 6) {
      const shipment = shipmentsById(path[3]).get(path[5]);
      return shipment ? send(200, { shipment: withLatest(shipment) }) : send(404, { error: 'not_found' });
    }
    if (path[2] === 'products' && path[3] && path.length === 4) {
      const product = DEMO_PRODUCTS.find((candidate) => candidate.id === path[3]);
      if (!product) return send(404, { error: 'not_found' });
      const inStock = product.stock.filter((size) => size.count > 0);
      return send(200, {
        product: {
          ...product,
          stockSummary: product.stock
            .map((size) => `${size.size} ${size.count > 0 ? `余 ${size.count} 件` : '售罄'}`)
            .join('，'),
          stockSummaryEn: product.stock
            .map((size) => `${size.size} ${size.count > 0 ? `${size.count} left` : 'sold out'}`)
            .join(', '),
          sizesInStock: inStock.map((size) => size.size).join(' / ') || '—',
        },
      });
    }
    return send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function withLatest(shipment: DemoShipment) {
  const latest = shipment.events[0]!;
  return {
    ...shipment,
    latestEvent: latest.description,
    latestEventEn: latest.descriptionEn,
    latestAt: latest.at,
  };
}
