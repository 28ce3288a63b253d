import { z } from 'zod';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { maskPiiWithSpans, PII_KINDS, piiValues, type PiiKind } from '../../engine/privacy/mask-pii.js';

/** The event fields that hold what a viewer wrote: the only ones staff see masked. */
export const PiiFieldSchema = z.enum(['text', 'question', 'comment']);
export type PiiField = z.infer<typeof PiiFieldSchema>;

export const PiiKindSchema = z.enum(PII_KINDS as [PiiKind, ...PiiKind[]]);

/**
 * One masked span of an event as staff receive it: `field` of the event, characters [start, end) of the
 * masked text, and `index`, its place among that field's masked spans (what a reveal names).
 */
export const PiiSpanViewSchema = z.object({
  field: PiiFieldSchema,
  index: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  kind: PiiKindSchema,
});
export type PiiSpanView = z.infer<typeof PiiSpanViewSchema>;

/** The viewer-written field of an event, if it has one. */
export function viewerField(event: ConversationEvent): { field: PiiField; text: string } | undefined {
  switch (event.type) {
    case 'viewer-message':
    case 'message-translation':
      return { field: 'text', text: event.text };
    case 'turn-start':
      return { field: 'question', text: event.question };
    case 'satisfaction':
      return event.comment === undefined ? undefined : { field: 'comment', text: event.comment };
    default:
      return undefined;
  }
}

type Packet = Extract<ConversationEvent, { type: 'handoff' }>['packet'];

/**
 * A stored handoff packet with every viewer-written text masked again with today's detector: packets made
 * before a kind was detected (or before the attempts' questions were masked) keep nothing raw for staff.
 */
export function maskPacketForStaff(packet: Packet): Packet {
  return {
    ...packet,
    summary: { ...packet.summary, text: maskViewerText(packet.summary.text) },
    aiAttempts: packet.aiAttempts.map((attempt) => ({
      ...attempt,
      question: maskViewerText(attempt.question),
      said: maskViewerText(attempt.said),
    })),
    transcript: packet.transcript.map((line) => ({ ...line, text: maskViewerText(line.text) })),
  };
}

/**
 * An event as staff see it by default: what the viewer wrote with personal data masked, and where the masks
 * are so the console can offer "reveal" on each. Events without viewer text pass through untouched.
 */
export function maskEventForStaff(event: ConversationEvent): {
  event: ConversationEvent;
  pii: PiiSpanView[];
} {
  if (event.type === 'handoff')
    return { event: { ...event, packet: maskPacketForStaff(event.packet) }, pii: [] };
  if (event.type === 'dispute-update' && event.facts)
    return { event: { ...event, facts: maskDisputeFactsForStaff(event.facts) }, pii: [] };
  const found = viewerField(event);
  if (!found) return { event, pii: [] };
  const masked = maskPiiWithSpans(found.text);
  if (masked.count === 0) return { event, pii: [] };
  const pii = masked.spans.map((span, index) => ({ field: found.field, index, ...span }));
  return { event: { ...event, [found.field]: masked.text }, pii };
}

type DisputeFacts = NonNullable<Extract<ConversationEvent, { type: 'dispute-update' }>['facts']>;

/**
 * A dispute form's facts as staff see them: every field the viewer typed (note, order id, gift) masked like
 * their messages, without spans (the ticket and the dispute record keep the originals for finance).
 */
export function maskDisputeFactsForStaff(facts: DisputeFacts): DisputeFacts {
  return {
    ...facts,
    text: Object.fromEntries(
      Object.entries(facts.text).map(([name, value]) => [name, maskViewerText(value)]),
    ),
  };
}

/** Viewer text in a list or transcript line, masked without spans (no reveal from there). */
export function maskViewerText(text: string): string {
  return maskPiiWithSpans(text).text;
}

/**
 * What a reveal shows: the original of the `index`th masked span of the event's field, read from the stored
 * event itself (never from what the client says was there). Undefined when there is no such span.
 */
export function revealSpan(
  event: ConversationEvent,
  field: PiiField,
  index: number,
): { kind: PiiKind; value: string } | undefined {
  const found = viewerField(event);
  if (!found || found.field !== field) return undefined;
  return piiValues(found.text)[index];
}
