/** What a room alert is about. */
export const ROOM_ALERT_KINDS = ['flood', 'ad', 'abuse', 'threat', 'dispute', 'minor'] as const;
export type RoomAlertKind = (typeof ROOM_ALERT_KINDS)[number];

export const ROOM_ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type RoomAlertSeverity = (typeof ROOM_ALERT_SEVERITIES)[number];

export function higherSeverity(first: RoomAlertSeverity, second: RoomAlertSeverity): RoomAlertSeverity {
  return ROOM_ALERT_SEVERITIES.indexOf(first) >= ROOM_ALERT_SEVERITIES.indexOf(second) ? first : second;
}

/** One comment (or gift) that shows what the alert says, and which rule read it so. */
export interface RoomAlertEvidence {
  userId: string;
  userName?: string | undefined;
  text: string;
  atMs: number;
  /** The platform's id of the comment, when it sent one. */
  itemId?: string | undefined;
  /** The rule that matched: `contact-wechat`, `near-duplicate`, `refund-after-gift`... */
  rule: string;
}

export type RoomAlertStatus = 'open' | 'acknowledged';

/** Something staff did about an alert, kept with it (analytics read these). */
export interface RoomAlertOutcome {
  action: 'acknowledged' | 'suggested-mute' | 'suggested-kick' | 'ticket-created' | 'conversation-opened';
  byUserId: string;
  atMs: number;
  /** The viewer the action was about, the ticket or conversation it created. */
  userId?: string | undefined;
  ticketId?: string | undefined;
  conversationId?: string | undefined;
}

export interface RoomAlert {
  id: string;
  platformId: string;
  roomId: string;
  kind: RoomAlertKind;
  severity: RoomAlertSeverity;
  status: RoomAlertStatus;
  /** The viewer the alert is about, for alerts about one person (abuse, dispute...); absent for room-wide ones. */
  subjectUserId?: string | undefined;
  firstSeenMs: number;
  lastSeenMs: number;
  /** The first and the latest evidence, bounded (see `MAX_EVIDENCE`); `evidenceCount` counts it all. */
  evidence: RoomAlertEvidence[];
  evidenceCount: number;
  /** Everyone who appears in the evidence (bounded). */
  userIds: string[];
  acknowledgedAtMs?: number | undefined;
  acknowledgedBy?: string | undefined;
  outcomes: RoomAlertOutcome[];
}

/** Evidence kept per alert: the first few (how it began) and the latest. */
export const MAX_EVIDENCE = 20;
export const MAX_ALERT_USERS = 50;
export const MAX_OUTCOMES = 50;
