import { maskPii } from '../../../engine/privacy/mask-pii.js';
import type { AckedChange } from './socket-fuzz-runner.js';

interface StoredEvent {
  sequence: number;
  event: { type: string; text?: string };
}

type Request = (route: string, init: { token: string }) => Promise<Response>;

/**
 * Every acknowledged change is in its conversation's stored history (`GET /api/conversations/{id}` as
 * an admin): same place in the log and, for a message, the text that was sent (a viewer's as staff see it,
 * personal data masked). Resolves to what is missing.
 */
export async function findLostChanges(
  acked: readonly AckedChange[],
  options: { request: Request; adminToken: string },
): Promise<string[]> {
  const byConversation = new Map<string, AckedChange[]>();
  for (const change of acked)
    byConversation.set(change.conversationId, [...(byConversation.get(change.conversationId) ?? []), change]);
  const lost: string[] = [];
  for (const [conversationId, changes] of byConversation) {
    const response = await options.request(`/api/conversations/${encodeURIComponent(conversationId)}`, {
      token: options.adminToken,
    });
    if (response.status !== 200) {
      lost.push(
        `conversation ${conversationId}: history answered ${response.status} (${changes.length} acked)`,
      );
      continue;
    }
    const { events } = (await response.json()) as { events: StoredEvent[] };
    const stored = new Map(events.map((item) => [item.sequence, item.event]));
    for (const change of changes) {
      const event = stored.get(change.sequence);
      const sent = JSON.stringify(change.frame).slice(0, 200);
      if (!event) {
        lost.push(`conversation ${conversationId}: acked sequence ${change.sequence} missing (${sent})`);
        continue;
      }
      const expected = expectedEvent(change.frame);
      if (!expected || !change.unambiguous) continue;
      if (event.type !== expected.type)
        lost.push(
          `conversation ${conversationId} #${change.sequence}: ${event.type}, expected ${expected.type} (${sent})`,
        );
      else if (expected.text !== undefined && event.text !== expected.text)
        lost.push(`conversation ${conversationId} #${change.sequence}: text changed (${sent})`);
    }
  }
  return lost;
}

/** The event an acknowledged message frame must have stored; undefined for other changes. */
function expectedEvent(frame: Record<string, unknown>): { type: string; text?: string } | undefined {
  const text = typeof frame.text === 'string' ? frame.text.trim() : undefined;
  if (frame.type === 'message' && text !== undefined)
    return { type: 'viewer-message', text: maskPii(text).text };
  if (frame.type === 'reply' && text !== undefined) return { type: 'agent-message', text };
  return undefined;
}
