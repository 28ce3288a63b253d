import type { ConversationEvent } from '../conversation/conversation-events.js';
import { maskPiiText } from '../privacy/mask-pii.js';
import type { ConversationTicketInput, CreateTicketInput } from './ticket-inputs.js';
import { refuse, type TicketOutcome } from './ticket-outcome.js';
import type { DepartmentRules } from './ticket-department.js';
import type { TicketViewer } from './ticket.js';

const TITLE_CHARS = 100;
const DESCRIPTION_CHARS = 10_000;
/** Without a handoff summary, the description quotes the viewer's latest messages. */
const QUOTED_MESSAGES = 3;

type Handoff = Extract<ConversationEvent, { type: 'handoff' }>['packet'];
type Opened = Extract<ConversationEvent, { type: 'conversation-opened' }>;

/**
 * The ticket a conversation calls for, from its stored events: the viewer and room from
 * `conversation-opened`, the title from the viewer's first question, the description, priority, team and
 * reasons from the latest `handoff`, and the links to its transcript. Fields in `overrides` win. Text
 * copied from the conversation is PII-masked like the handoff transcript: tickets are read by more staff
 * (whole departments) than the conversation was. Refused when the conversation has no events.
 */
export function prefillTicketFromConversation(
  conversationId: string,
  events: readonly ConversationEvent[],
  options: { overrides?: ConversationTicketInput; departments: Pick<DepartmentRules, 'enabledIds'> },
): TicketOutcome<CreateTicketInput> {
  if (events.length === 0) return refuse('not_found', `no conversation ${conversationId}`);
  const overrides = options.overrides ?? {};
  const opened = events.find((event): event is Opened => event.type === 'conversation-opened');
  const packet = events.findLast((event) => event.type === 'handoff')?.packet;
  const viewer = viewerOf(packet, opened);
  const roomId = packet?.liveContext.roomId ?? opened?.liveContext.roomId;
  const copied = maskPiiText(describe(packet, events));
  const description = (overrides.description ?? copied).slice(0, DESCRIPTION_CHARS);
  const team = packet?.team;
  const department =
    overrides.department ??
    (team !== undefined && options.departments.enabledIds.includes(team) ? team : undefined);
  return {
    ok: true,
    value: {
      title: overrides.title ?? titleOf(maskPiiText(firstQuestion(packet) ?? copied), viewer),
      description,
      ...(department !== undefined ? { department } : {}),
      priority: overrides.priority ?? packet?.priority ?? 'normal',
      assigneeId: overrides.assigneeId ?? null,
      tags: overrides.tags ?? (packet ? [...new Set(packet.reasons)] : []),
      ...(viewer ? { viewer } : {}),
      ...(roomId !== undefined ? { roomId } : {}),
      conversationId,
    },
  };
}

/**
 * What the viewer first asked, as the handoff's (masked) transcript has it: in the viewer's own words
 * and language, which names the matter better than the summary's framing.
 */
function firstQuestion(packet: Handoff | undefined): string | undefined {
  const text = packet?.transcript.find((line) => line.speaker === 'viewer')?.text.trim();
  return text === '' ? undefined : text;
}

function viewerOf(packet: Handoff | undefined, opened: Opened | undefined): TicketViewer | undefined {
  const profile = packet?.viewer ?? opened?.profile;
  if (!profile) return undefined;
  return {
    viewerId: profile.viewerId,
    tier: profile.tier,
    ...(profile.displayName !== undefined ? { displayName: profile.displayName } : {}),
    ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
  };
}

function describe(packet: Handoff | undefined, events: readonly ConversationEvent[]): string {
  if (packet) {
    const reasons = packet.reasons.length > 0 ? `\n\nEscalated: ${packet.reasons.join(', ')}` : '';
    const details = packet.details.length > 0 ? `\n${packet.details.join('\n')}` : '';
    return `${packet.summary.text}${reasons}${details}`;
  }
  const said = events
    .filter((event) => event.type === 'viewer-message')
    .slice(-QUOTED_MESSAGES)
    .map((event) => `> ${event.text}`);
  return said.length > 0 ? `The viewer wrote:\n${said.join('\n')}` : '';
}

function titleOf(description: string, viewer: TicketViewer | undefined): string {
  const firstLine = description
    .split('\n')
    .map((line) => line.replace(/^>\s*/, '').trim())
    .find((line) => line !== '' && !line.endsWith(':'));
  if (firstLine)
    return firstLine.length > TITLE_CHARS ? `${firstLine.slice(0, TITLE_CHARS - 1)}…` : firstLine;
  return `Conversation with ${viewer?.displayName ?? viewer?.viewerId ?? 'a viewer'}`;
}
