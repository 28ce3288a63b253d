import { z } from 'zod';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';
import type { ConversationEventLog, LiveContext } from '../../engine/ports.js';
import { toolWaves } from './fill-answer.js';
import type { ToolCallContext, ToolFields, ToolRunner } from './tool-call.js';
import type { ToolDefinition } from './tool-definition.js';

/** The tools the console's commerce panel shows, by name: operators declare tools of these names. */
export const PANEL_TOOLS = ['orders', 'shipment', 'product'] as const;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export const ToolSectionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    fields: z.record(z.string(), z.union([ScalarSchema, z.array(z.record(z.string(), ScalarSchema))])),
  }),
  /** The tool ran and failed (its code only: never the shop's own words), or could not run. */
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
  /** No tool of that name is declared. */
  z.object({ status: z.literal('not_configured') }),
]);
export type ToolSection = z.infer<typeof ToolSectionSchema>;

export const CommercePanelSchema = z.object({
  conversationId: z.string(),
  viewer: z.object({
    verified: z.boolean(),
    platformId: z.string().optional(),
    userId: z.string().optional(),
    vipLevel: z.number().optional(),
  }),
  productInView: z.string().optional(),
  orders: ToolSectionSchema,
  shipment: ToolSectionSchema,
  product: ToolSectionSchema,
});
export type CommercePanel = z.infer<typeof CommercePanelSchema>;

/** Who the viewer is and what they watch now: the opening event, then the latest context update. */
export async function conversationFacts(
  log: Pick<ConversationEventLog<ConversationEvent>, 'read'>,
  conversationId: string,
): Promise<{ profile: ViewerProfile; liveContext: LiveContext } | undefined> {
  const events = await log.read(conversationId);
  let facts: { profile: ViewerProfile; liveContext: LiveContext } | undefined;
  for (const { event } of events) {
    if (event.type === 'conversation-opened')
      facts = { profile: event.profile, liveContext: event.liveContext };
    // The inbound platform API's context updates (issue 15) carry the whole new context.
    const update = event as { type: string; liveContext?: LiveContext };
    if (facts && update.type === 'live-context' && update.liveContext)
      facts = { ...facts, liveContext: update.liveContext };
  }
  return facts;
}

/**
 * The agent's commerce panel for one conversation: the verified viewer's recent orders, the latest order's
 * shipment with its events, the product in view with its stock, each through the same tools the answers
 * use (and the same rules: an anonymous viewer's orders are never looked up).
 */
export function createCommercePanel(options: {
  runner: ToolRunner;
  tools: () => ReadonlyMap<string, ToolDefinition>;
  log: Pick<ConversationEventLog<ConversationEvent>, 'read'>;
}) {
  return async (conversationId: string, signal: AbortSignal): Promise<CommercePanel | undefined> => {
    const facts = await conversationFacts(options.log, conversationId);
    if (!facts) return undefined;
    const verified = facts.profile.verified;
    const context: ToolCallContext = { conversationId, verified, liveContext: facts.liveContext };
    const section = async (name: string): Promise<ToolSection> => {
      const tools = options.tools();
      if (!tools.has(name)) return { status: 'not_configured' };
      const plan = toolWaves([name], tools);
      if (!plan.ok) return { status: 'unavailable', reason: plan.reason };
      const results = new Map<string, ToolFields>();
      for (const wave of plan.waves) {
        const outcomes = await Promise.all(
          wave.map((tool) => options.runner.run(tool.name, { ...context, results }, signal)),
        );
        for (const outcome of outcomes) {
          if (!outcome.ok) return { status: 'unavailable', reason: outcome.code };
          results.set(outcome.tool, outcome.fields);
        }
      }
      return { status: 'ok', fields: results.get(name) ?? {} };
    };
    const [orders, shipment, product] = await Promise.all(PANEL_TOOLS.map(section));
    return {
      conversationId,
      viewer: verified
        ? {
            verified: true,
            platformId: verified.platformId,
            userId: verified.userId,
            ...(verified.vipLevel !== undefined ? { vipLevel: verified.vipLevel } : {}),
          }
        : { verified: false },
      ...(facts.liveContext.productInView ? { productInView: facts.liveContext.productInView } : {}),
      orders: orders!,
      shipment: shipment!,
      product: product!,
    };
  };
}
