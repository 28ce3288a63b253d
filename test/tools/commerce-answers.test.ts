import { readFileSync } from 'node:fs';
import { createOpenAIAnswerComposer } from '../../adapters/openai/openai-answer-composer.js';
import { createComposerTools } from '../../server/tools/composer-tools.js';
import { startOpenAICompatibleServer } from '../support/openai-compatible-server.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import type { LiveContext } from '../../engine/ports.js';
import { parseEntriesJsonl } from '../../knowledge/io/index.js';
import { startDemoShop, type DemoShop } from '../../server/demo-shop/demo-shop-server.js';
import { demoOrdersOf } from '../../server/demo-shop/demo-shop-data.js';
import { loadDemoTools } from '../../server/demo-shop/demo-tools.js';
import { DEMO_COMMERCE_KNOWLEDGE_FILE } from '../../server/demo-shop/seed-commerce-knowledge.js';
import { createAnswerFiller, type FillOutcome } from '../../server/tools/fill-answer.js';
import { createHttpToolRunner } from '../../server/tools/http-tool-runner.js';
import { openConversationHarness, type ConversationHarness } from '../support/conversation-harness.js';
import { realSignals } from '../engine/conversation-fixtures.js';

const parsed = parseEntriesJsonl(readFileSync(DEMO_COMMERCE_KNOWLEDGE_FILE, 'utf8'));
if (!parsed.ok) throw new Error('demo commerce entries do not parse');
const COMMERCE_ENTRIES = parsed.entries;

const VIP: Partial<ViewerProfile> = {
  viewerId: 'pu:demo-platform:u1001',
  tier: 'vip',
  verified: { platformId: 'demo-platform', userId: 'u1001', vipLevel: 3 },
};

let shop: DemoShop | undefined;
let chat: ConversationHarness | undefined;
afterEach(async () => {
  await chat?.close();
  await shop?.close();
  chat = shop = undefined;
});

/** A conversation over the demo's commerce entries, its tools calling a real demo shop on loopback. */
async function open(options: {
  profile?: Partial<ViewerProfile>;
  liveContext?: LiveContext;
  shopDown?: boolean;
  token?: string;
}): Promise<{ chat: ConversationHarness; fills: FillOutcome[]; shop: DemoShop }> {
  shop = await startDemoShop({ token: 'demo-token' });
  const tools = new Map((await loadDemoTools(shop.url)).map((tool) => [tool.name, tool]));
  if (options.shopDown) await shop.close();
  const runner = createHttpToolRunner({
    tools: () => tools,
    privateHosts: ['127.0.0.1'],
    secrets: { LIVEDESK_TOOL_SECRET_DEMO_SHOP: options.token ?? 'demo-token' },
  });
  const fills: FillOutcome[] = [];
  chat = await openConversationHarness({
    entries: COMMERCE_ENTRIES,
    detectSignals: realSignals(),
    profile: options.profile ?? {},
    liveContext: options.liveContext ?? { roomId: 'room-1' },
    fillAnswer: createAnswerFiller({ runner, tools: () => tools, onFill: (outcome) => fills.push(outcome) }),
  });
  return { chat, fills, shop };
}

async function ask(harness: ConversationHarness, question: string): Promise<string> {
  const from = harness.events.length;
  harness.conversation.viewerMessage(question);
  const end = await harness.waitFor('turn-end', undefined, from);
  expect(end.reason).toBe('done');
  return harness.textOf(end.turnId);
}

describe('template answers without an LLM, against the demo shop', () => {
  it('a verified VIP asks where their order is and gets their order, carrier and latest event', async () => {
    const { chat, fills } = await open({ profile: VIP });
    const { orders, shipments } = demoOrdersOf('u1001', new Date());
    const text = await ask(chat, '我的订单到哪了');
    expect(text).toContain(`您的订单 ${orders[0]!.id}`);
    expect(text).toContain(shipments[0]!.carrier);
    expect(text).toContain(shipments[0]!.events[0]!.description);
    expect(text).not.toContain('{{');
    expect(fills).toEqual([{ kind: 'filled', tools: ['order', 'shipment'] }]);
  });

  it('answers in English from the translation, with the English fields', async () => {
    const { chat } = await open({ profile: { ...VIP, locale: 'en' } });
    const { orders, shipments } = demoOrdersOf('u1001', new Date());
    const text = await ask(chat, 'where is my order');
    expect(text).toContain(`Your order ${orders[0]!.id}`);
    expect(text).toContain(shipments[0]!.carrierEn);
  });

  it('an anonymous viewer gets the fallback lines and no tool is called', async () => {
    const { chat, fills } = await open({});
    const text = await ask(chat, '我的订单到哪了');
    expect(text).toBe('也可以在 我的 > 订单 > 待收货 里随时查看物流详情，需要帮忙请回复“转人工”。');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ kind: 'fallback', reason: 'not_verified' });
  });

  it('a shop that is down gives the fallback lines, never an error or a half-filled answer', async () => {
    const { chat, fills } = await open({ profile: VIP, shopDown: true });
    const text = await ask(chat, '我的订单到哪了');
    expect(text).toBe('也可以在 我的 > 订单 > 待收货 里随时查看物流详情，需要帮忙请回复“转人工”。');
    expect(fills[0]).toMatchObject({ kind: 'fallback', reason: 'tool_failed', tool: 'order' });
  });

  it('a shop that refuses the credentials gives the fallback too', async () => {
    const { chat, fills } = await open({ profile: VIP, token: 'wrong' });
    expect(await ask(chat, '我的订单到哪了')).not.toContain('您的订单');
    expect(fills[0]).toMatchObject({ kind: 'fallback', reason: 'tool_failed' });
  });

  it('stock by size for the product in view, from the live context', async () => {
    const { chat } = await open({ liveContext: { roomId: 'room-1', productInView: 'p-hoodie' } });
    const text = await ask(chat, '有没有 XL 码');
    expect(text).toContain('加绒连帽卫衣');
    expect(text).toContain('XL 余 3 件');
    expect(text).toContain('M 售罄');
  });

  it('delivery days to Xinjiang from the product in view; without one, the general lines', async () => {
    const { chat } = await open({ liveContext: { roomId: 'room-1', productInView: 'p-down-jacket' } });
    expect(await ask(chat, '发货到新疆要多久')).toContain('新疆、西藏等偏远地区约 6-8 天');
    await chat.close();
    await shop?.close();
    const bare = await open({});
    expect(await ask(bare.chat, '发货到新疆要多久')).toBe(
      '现货商品付款后 48 小时内发货，偏远地区可能需要补运费，以下单页显示为准。',
    );
  });
});

describe('with an LLM: the composer calls the tools (OpenAI function calling)', () => {
  it('a verified viewer asks where their order is; the model calls shipment, answers from it and cites it', async () => {
    const llm = await startOpenAICompatibleServer();
    try {
      shop = await startDemoShop({ token: 'demo-token' });
      const tools = new Map((await loadDemoTools(shop.url)).map((tool) => [tool.name, tool]));
      const runner = createHttpToolRunner({
        tools: () => tools,
        privateHosts: ['127.0.0.1'],
        secrets: { LIVEDESK_TOOL_SECRET_DEMO_SHOP: 'demo-token' },
      });
      const { shipments } = demoOrdersOf('u1001', new Date());
      llm.chat.enqueue(
        { content: '', toolCalls: [{ id: 'call_1', name: 'shipment' }] },
        { content: `您的包裹由${shipments[0]!.carrier}配送。[[sources: tool:shipment]]` },
      );
      chat = await openConversationHarness({
        entries: COMMERCE_ENTRIES,
        detectSignals: realSignals(),
        profile: VIP,
        composer: createOpenAIAnswerComposer({
          baseURL: llm.baseURL,
          model: 'qwen-plus',
          timeoutMs: 5_000,
          firstTokenTimeoutMs: 3_000,
          maxRetries: 0,
        }),
        fillAnswer: createAnswerFiller({ runner, tools: () => tools }),
        composerTools: createComposerTools({ runner, tools: () => tools }),
      });
      const text = await ask(chat, '我的订单到哪了');
      expect(text).toBe(`您的包裹由${shipments[0]!.carrier}配送。`);
      expect(await chat.waitFor('answer-source')).toMatchObject({
        composer: 'llm',
        entryIds: ['tool:shipment'],
      });
      const toolMessage = (
        llm.chat.requests[1]!.body as { messages: { role: string; content: string }[] }
      ).messages.at(-1)!;
      expect(toolMessage.role).toBe('tool');
      expect(JSON.parse(toolMessage.content)).toMatchObject({
        cite_as: 'tool:shipment',
        ok: true,
        fields: { carrier: shipments[0]!.carrier, city: shipments[0]!.city },
      });
      // The grounding entry the model saw was already filled with the viewer's order, not a template.
      const prompt = JSON.stringify((llm.chat.requests[0]!.body as { messages: unknown[] }).messages);
      expect(prompt).not.toContain('{{order.id}}');
    } finally {
      await llm.close();
    }
  });
});
