import { z } from 'zod';
import type { ConversationSatisfaction } from '../../engine/tickets/conversation-satisfaction.js';
import {
  ConversationDetailSchema,
  type ConversationDetail,
  type ConversationSummary,
} from '../conversation-history/conversation-queries.js';
import {
  maskEventForStaff,
  maskPacketForStaff,
  maskViewerText,
  PiiSpanViewSchema,
} from './mask-for-staff.js';

/** `GET /api/conversations/{id}` as staff get it: viewer text masked, each event's masked spans listed. */
export const StaffConversationDetailSchema = ConversationDetailSchema.extend({
  events: z.array(
    ConversationDetailSchema.shape.events.element.extend({
      /** The masked spans of this event's viewer text (reveal one with POST …/pii/reveal). */
      pii: z.array(PiiSpanViewSchema).optional(),
    }),
  ),
});
export type StaffConversationDetail = z.infer<typeof StaffConversationDetailSchema>;

/** A list row as staff get it: the satisfaction comment is the viewer's words, masked as in the detail. */
export function maskSummaryForStaff(summary: ConversationSummary): ConversationSummary {
  const satisfaction = summary.satisfaction;
  return satisfaction && satisfaction.comment !== null
    ? { ...summary, satisfaction: { ...satisfaction, comment: maskViewerText(satisfaction.comment) } }
    : summary;
}

/** A conversation's ratings as staff get them (ticket view, satisfaction route): comments masked. */
export function maskSatisfactionForStaff(satisfaction: ConversationSatisfaction): ConversationSatisfaction {
  const masked = (rating: ConversationSatisfaction['ratings'][number]) =>
    rating.comment === undefined ? rating : { ...rating, comment: maskViewerText(rating.comment) };
  return {
    ...satisfaction,
    rating: satisfaction.rating && masked(satisfaction.rating),
    ratings: satisfaction.ratings.map(masked),
  };
}

/** Masks everything a viewer wrote in a stored conversation before staff read it. */
export function maskDetailForStaff(detail: ConversationDetail): StaffConversationDetail {
  return {
    ...detail,
    conversation: maskSummaryForStaff(detail.conversation),
    events: detail.events.map((item) => {
      const { event, pii } = maskEventForStaff(item.event);
      // Handoff packets and dispute facts come back masked without spans: the masked event goes all the same.
      return pii.length === 0 ? { ...item, event } : { ...item, event, pii };
    }),
    transcript: detail.transcript.map((line) =>
      line.speaker === 'viewer' ? { ...line, text: maskViewerText(line.text) } : line,
    ),
    handoff: detail.handoff && maskPacketForStaff(detail.handoff),
  };
}
