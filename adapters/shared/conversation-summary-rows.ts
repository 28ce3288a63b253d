import { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  ConversationStateSchema,
  type ConversationSummary,
} from '../../server/conversation-history/conversation-queries.js';

/** The desk event types that change who holds a conversation, as an SQL list of literals. */
export const HOLDER_CHANGES = [
  'conversation-queued',
  'conversation-assigned',
  'conversation-accepted',
  'conversation-requeued',
  'conversation-needs-reassignment',
  'conversation-transferred',
  'conversation-released',
]
  .map((type) => `'${type}'`)
  .join(', ');

/** The summary columns both stores read back as they are; each extends it with its JSON columns. */
export const SummaryColumnsSchema = z.object({
  conversation_id: z.string(),
  started_at: z.string(),
  state: ConversationStateSchema,
  last_activity_at: z.string(),
  viewer_messages: z.number().int(),
  assistant_messages: z.number().int(),
  agent_messages: z.number().int(),
  system_messages: z.number().int(),
  holder: z.string().nullable(),
});

/** A summary row with its JSON already parsed: event bodies as values, lists as arrays. */
export interface SummaryRow extends z.infer<typeof SummaryColumnsSchema> {
  opened: unknown;
  reasons: readonly (string | null)[];
  agents: readonly (string | null)[];
  /** The latest satisfaction event's body; null when there is none. */
  satisfaction: unknown;
}

/** Stored times are `Date.toISOString()` text, so bounds are compared in that form. */
export function normalizeTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new LivedeskError('invalid_input', `${name}: not an ISO date-time`);
  return new Date(time).toISOString();
}

/** A page position: the start time and id of the last conversation shown. */
const CursorSchema = z.tuple([z.string().min(1), z.string().min(1)]);

export function encodeCursor(startedAt: string, conversationId: string): string {
  return Buffer.from(JSON.stringify([startedAt, conversationId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new LivedeskError('invalid_input', 'cursor: not a cursor this server returned');
  }
}

function eventBody<Type extends z.infer<typeof ConversationEventSchema>['type']>(
  body: unknown,
  type: Type,
): Extract<z.infer<typeof ConversationEventSchema>, { type: Type }> {
  const event = ConversationEventSchema.parse(body);
  if (event.type !== type) throw new LivedeskError('internal', `expected a stored ${type} event`);
  return event as Extract<z.infer<typeof ConversationEventSchema>, { type: Type }>;
}

const distinctSorted = (values: readonly (string | null)[]): string[] =>
  [...new Set(values.filter((value): value is string => value !== null))].sort();

/**
 * The summary of a raw row, which `read` checks and parses into a SummaryRow. Whatever fails, there or
 * here, is a stored event that does not match its schema.
 */
export function toConversationSummary(raw: unknown, read: (raw: unknown) => SummaryRow): ConversationSummary {
  try {
    return summaryOf(read(raw));
  } catch (error) {
    throw new LivedeskError('internal', 'a stored conversation event does not match its schema', {
      cause: error,
    });
  }
}

function summaryOf(row: SummaryRow): ConversationSummary {
  const opened = eventBody(row.opened, 'conversation-opened');
  const satisfaction = row.satisfaction === null ? undefined : eventBody(row.satisfaction, 'satisfaction');
  return {
    conversationId: row.conversation_id,
    viewer: {
      viewerId: opened.profile.viewerId,
      tier: opened.profile.tier,
      displayName: opened.profile.displayName ?? null,
      locale: opened.profile.locale ?? null,
    },
    roomId: opened.liveContext.roomId ?? null,
    state: row.state,
    startedAt: row.started_at,
    lastActivityAt: row.last_activity_at,
    messages: {
      viewer: row.viewer_messages,
      assistant: row.assistant_messages,
      agent: row.agent_messages,
      system: row.system_messages,
    },
    escalationReasons: distinctSorted(row.reasons),
    assignedAgentId: row.holder,
    agentIds: distinctSorted(row.agents),
    satisfaction: satisfaction
      ? { score: satisfaction.score, comment: satisfaction.comment ?? null, at: satisfaction.at }
      : null,
  };
}
