import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { demoOrdersOf } from '../demo-shop/demo-shop-data.js';
import { startDemoShop, type DemoShop } from '../demo-shop/demo-shop-server.js';
import { loadDemoTools } from '../demo-shop/demo-tools.js';
import { createCommerceTicketHints, DEMO_COMMERCE_TICKET_ROUTES } from './commerce-ticket-hints.js';
import { createHttpToolRunner } from './http-tool-runner.js';
import type { ToolDefinition } from './tool-definition.js';

let shop: DemoShop;
let tools: Map<string, ToolDefinition>;
beforeAll(async () => {
  shop = await startDemoShop();
  tools = new Map((await loadDemoTools(shop.url)).map((tool) => [tool.name, tool]));
});
afterAll(() => shop.close());

const at = '2026-12-07T10:00:00.000Z';
const opened = (verified: boolean): ConversationEvent => ({
  type: 'conversation-opened',
  at,
  liveContext: { roomId: 'room-1' },
  profile: {
    viewerId: 'pu:demo:u7',
    tier: 'vip',
    ...(verified ? { verified: { platformId: 'demo', userId: 'u7' } } : {}),
  },
});
const answered = (entryId: string): ConversationEvent => ({
  type: 'answer-source',
  turnId: entryId,
  entryIds: [entryId],
  composer: 'entry',
});

describe('commerce ticket hints', () => {
  const hints = () =>
    createCommerceTicketHints({
      runner: createHttpToolRunner({
        tools: () => tools,
        privateHosts: ['127.0.0.1'],
        secrets: { LIVEDESK_TOOL_SECRET_DEMO_SHOP: 'any' },
      }),
      tools: () => tools,
      routes: DEMO_COMMERCE_TICKET_ROUTES,
    });

  it('carries the verified viewer’s latest order and routes by the last commerce entry answered', async () => {
    const events = [
      opened(true),
      answered('shop.commerce.where-is-my-order'),
      answered('shop.commerce.stock-by-size'),
    ];
    expect(await hints()('c-1', events)).toEqual({
      orderId: demoOrdersOf('u7', new Date()).orders[0]!.id,
      department: 'warehouse',
    });
  });

  it('sends an order matter without a routed entry to after-sales, and an anonymous viewer’s to no one', async () => {
    expect(await hints()('c-1', [opened(true), answered('coins.top-up')])).toMatchObject({
      department: 'after-sales',
    });
    expect(await hints()('c-1', [opened(false), answered('coins.top-up')])).toEqual({});
    expect(await hints()('c-1', [opened(false), answered('shop.commerce.where-is-my-order')])).toEqual({
      department: 'logistics',
    });
  });
});
