import { createHash } from 'node:crypto';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import type { ConversationRewrite } from './personal-data-store.js';

/** What an erased viewer's own words become. */
export const ERASED_TEXT = '[erased]';
/** Erased viewers' ids start with this: retention and erasure skip what is already anonymous. */
export const ERASED_VIEWER_PREFIX = 'erased-';

/**
 * The id an erased viewer's records carry instead of theirs: stable for one viewer (their conversations stay
 * grouped for analytics) but not reversible without the salt.
 */
export function erasedViewerId(viewerId: string, salt: string): string {
  if (viewerId.startsWith(ERASED_VIEWER_PREFIX)) return viewerId;
  return `${ERASED_VIEWER_PREFIX}${createHash('sha256').update(`${salt}\u0000${viewerId}`).digest('hex').slice(0, 16)}`;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function anonymousProfile(profile: unknown, replacementId: string): unknown {
  if (!isObject(profile)) return profile;
  // Only what carries no identity stays: the tier and the language the desk routed by.
  return {
    viewerId: replacementId,
    tier: profile.tier,
    ...(typeof profile.locale === 'string' ? { locale: profile.locale } : {}),
  };
}

function anonymousLines(lines: unknown): unknown {
  if (!Array.isArray(lines)) return lines;
  return (lines as unknown[]).map((line) =>
    isObject(line) && typeof line.text === 'string'
      ? { ...line, text: line.speaker === 'viewer' ? ERASED_TEXT : maskPiiText(line.text) }
      : line,
  );
}

/**
 * One stored conversation event with the viewer taken out: what they wrote becomes "[erased]", their profile
 * keeps only tier and locale under a replacement id, and what others wrote keeps its words with personal data
 * masked. Structure, times and types stay, so counts and durations in analytics still add up.
 */
export function anonymiseEventBody(body: unknown, replacementId: string): unknown {
  if (!isObject(body)) return body;
  switch (body.type) {
    case 'viewer-message':
    case 'message-translation':
      return { ...body, text: ERASED_TEXT };
    case 'turn-start':
      return { ...body, question: ERASED_TEXT };
    case 'media-message': {
      // The media itself is deleted with its record (server/media/); what the event says of it goes too.
      const { name: _name, transcript: _transcript, ...rest } = body;
      return rest;
    }
    case 'satisfaction': {
      const { comment: _comment, ...rest } = body;
      return rest;
    }
    case 'conversation-opened':
      return { ...body, profile: anonymousProfile(body.profile, replacementId) };
    case 'handoff': {
      const packet = body.packet;
      if (!isObject(packet)) return body;
      return {
        ...body,
        packet: {
          ...packet,
          viewer: anonymousProfile(packet.viewer, replacementId),
          summary: isObject(packet.summary) ? { ...packet.summary, text: ERASED_TEXT } : packet.summary,
          aiAttempts: Array.isArray(packet.aiAttempts)
            ? (packet.aiAttempts as unknown[]).map((attempt) =>
                isObject(attempt)
                  ? { ...attempt, question: ERASED_TEXT, said: maskText(attempt.said) }
                  : attempt,
              )
            : packet.aiAttempts,
          transcript: anonymousLines(packet.transcript),
        },
      };
    }
    case 'agent-message':
      return {
        ...body,
        text: maskText(body.text),
        ...(isObject(body.translation)
          ? { translation: { ...body.translation, text: maskText(body.translation.text) } }
          : {}),
      };
    case 'text-delta':
      return { ...body, text: maskText(body.text) };
    case 'turn-end':
      return { ...body, delivered: maskText(body.delivered) };
    case 'answer-cut':
      return { ...body, heard: maskText(body.heard) };
    case 'dispute-update':
      return body.facts === undefined ? body : { ...body, facts: anonymiseDisputeFacts(body.facts) };
    case 'platform-event':
      return {
        ...body,
        agentText: maskText(body.agentText),
        ...(typeof body.viewerText === 'string' ? { viewerText: maskText(body.viewerText) } : {}),
      };
    default:
      return body;
  }
}

/**
 * A dispute form's facts without the viewer: every field they typed (gift, order id, note) erased, since an
 * order id leads back to them as surely as a name; the amount and the time stay for the figures.
 */
export function anonymiseDisputeFacts(facts: unknown): unknown {
  if (!isObject(facts) || !isObject(facts.text)) return facts;
  return {
    ...facts,
    text: Object.fromEntries(Object.keys(facts.text).map((name) => [name, ERASED_TEXT])),
  };
}

/** Everything an anonymised conversation's records are rewritten with (PersonalDataStore.rewriteConversations). */
export function anonymiseConversation(replacementId: string): ConversationRewrite {
  return {
    event: (body) => anonymiseEventBody(body, replacementId),
    dispute: (record) => ({ viewerId: replacementId, facts: anonymiseDisputeFacts(record.facts) }),
  };
}

function maskText(value: unknown): unknown {
  return typeof value === 'string' ? maskPiiText(value) : value;
}

/** A stored ticket without its viewer: replacement id, no name, the description erased, a tag saying so. */
export function anonymiseTicketBody(body: unknown, replacementId: (viewerId: string) => string): unknown {
  if (!isObject(body)) return body;
  const viewer = isObject(body.viewer)
    ? {
        viewerId: typeof body.viewer.viewerId === 'string' ? replacementId(body.viewer.viewerId) : undefined,
        ...(body.viewer.tier === undefined ? {} : { tier: body.viewer.tier }),
      }
    : undefined;
  const tags: unknown[] = Array.isArray(body.tags) ? (body.tags as unknown[]) : [];
  return {
    ...body,
    ...(viewer ? { viewer } : {}),
    title: typeof body.title === 'string' ? maskPiiText(body.title) : body.title,
    description: ERASED_TEXT,
    tags: tags.includes(ANONYMISED_TAG) ? tags : [...tags, ANONYMISED_TAG],
  };
}

/** The tag an anonymised ticket carries: retention passes it by. */
export const ANONYMISED_TAG = 'anonymised';

/** A ticket history row without personal data: comments and before/after texts masked. */
export function anonymiseTicketHistoryBody(body: unknown): unknown {
  if (!isObject(body)) return body;
  const field = body.field;
  const erase = field === 'description' || field === 'created';
  return {
    ...body,
    ...(typeof body.comment === 'string' ? { comment: maskPiiText(body.comment) } : {}),
    before: erase ? null : maskJson(body.before),
    after: erase ? null : maskJson(body.after),
  };
}

function maskJson(value: unknown): unknown {
  if (typeof value === 'string') return maskPiiText(value);
  if (Array.isArray(value)) return value.map(maskJson);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskJson(inner)]));
  return value;
}
