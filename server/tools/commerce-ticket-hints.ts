import { z } from 'zod';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { LiveContext } from '../../engine/ports.js';
import type { CommerceTicketHints } from '../../engine/tickets/ticket-service.js';
import type { ToolRunner } from './tool-call.js';
import type { ToolDefinition } from './tool-definition.js';

/**
 * Where tickets of commerce conversations go (LIVEDESK_COMMERCE_TICKET_ROUTES): by the knowledge entry
 * the assistant last answered with (`shop.commerce.where-is-my-order` → `logistics`), else, when the
 * viewer has an order, to `orders` (after-sales).
 */
export const CommerceTicketRoutesSchema = z.object({
  entries: z.record(z.string().min(1).max(128), z.string().min(1).max(64)).default({}),
  orders: z.string().min(1).max(64).optional(),
});
export type CommerceTicketRoutes = z.infer<typeof CommerceTicketRoutesSchema>;

/** The demo's routing, with the demo shop. */
export const DEMO_COMMERCE_TICKET_ROUTES: CommerceTicketRoutes = {
  entries: {
    'shop.commerce.where-is-my-order': 'logistics',
    'shop.commerce.remote-delivery': 'logistics',
    'shop.commerce.stock-by-size': 'warehouse',
  },
  orders: 'after-sales',
};

const LOOKUP_TIMEOUT_MS = 5_000;

/**
 * A ticket made from a conversation of a verified viewer carries their latest order (the `order` tool), and
 * goes to the department its matter belongs to. Never fails: a look-up that does not work leaves the
 * ticket without an order.
 */
export function createCommerceTicketHints(options: {
  runner: ToolRunner;
  tools: () => ReadonlyMap<string, ToolDefinition>;
  routes: CommerceTicketRoutes;
}) {
  return async (
    conversationId: string,
    events: readonly ConversationEvent[],
  ): Promise<CommerceTicketHints> => {
    const opened = events.find((event) => event.type === 'conversation-opened');
    if (!opened || opened.type !== 'conversation-opened') return {};
    let liveContext: LiveContext = opened.liveContext;
    let answered: string | undefined;
    for (const event of events) {
      const update = event as { type: string; liveContext?: LiveContext };
      if (update.type === 'live-context' && update.liveContext) liveContext = update.liveContext;
      if (event.type === 'answer-source')
        answered = event.entryIds.find((id) => options.routes.entries[id] !== undefined) ?? answered;
    }
    const verified = opened.profile.verified;
    let orderId: string | undefined;
    if (verified && options.tools().has('order')) {
      const result = await options.runner
        .run('order', { conversationId, verified, liveContext }, AbortSignal.timeout(LOOKUP_TIMEOUT_MS))
        .catch(() => undefined);
      const id = result?.ok ? result.fields.id : undefined;
      if (typeof id === 'string' || typeof id === 'number') orderId = String(id);
    }
    const department =
      (answered !== undefined ? options.routes.entries[answered] : undefined) ??
      (orderId !== undefined ? options.routes.orders : undefined);
    return {
      ...(orderId !== undefined ? { orderId } : {}),
      ...(department !== undefined ? { department } : {}),
    };
  };
}
