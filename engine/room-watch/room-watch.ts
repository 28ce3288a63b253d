import type { CommentClassifier, CommentFinding } from './classify-comment.js';
import type { DanmakuComment, RoomItem } from './danmaku.js';
import { NearDuplicateWindow, type FloodHit, type FloodSettings } from './near-duplicate-window.js';
import {
  higherSeverity,
  MAX_ALERT_USERS,
  MAX_EVIDENCE,
  type RoomAlert,
  type RoomAlertEvidence,
  type RoomAlertKind,
  type RoomAlertSeverity,
} from './room-alert.js';

export interface RoomWatchSettings {
  flood: FloodSettings;
  /** New evidence merges into an open alert of the same room, kind and subject last seen this recently. */
  mergeWindowMs: number;
  /** A refund demand or a minor's hint this soon after the same user's gift is about that gift. */
  giftWindowMs: number;
  /**
   * Rooms watched at once; the least recently active room is forgotten past it, open alerts or not (they are
   * stored already: later evidence raises a new one).
   */
  maxRooms: number;
}

export const DEFAULT_ROOM_WATCH_SETTINGS: Omit<RoomWatchSettings, 'flood'> = {
  mergeWindowMs: 10 * 60_000,
  giftWindowMs: 60 * 60_000,
  maxRooms: 5000,
};

/** What changed: a new alert (the platform and staff hear of it) or more evidence for an open one. */
export interface RoomAlertChange {
  type: 'raised' | 'updated';
  alert: RoomAlert;
}

/** What watching one item found: the alert kinds the comment itself shows (for highlighting) and the changes. */
export interface RoomWatchResult {
  kinds: readonly RoomAlertKind[];
  changes: readonly RoomAlertChange[];
}

/** Most items show nothing: one shared answer for them, never written to. */
const NOTHING: RoomWatchResult = Object.freeze({ kinds: Object.freeze([]), changes: Object.freeze([]) });

type TrackedComment = DanmakuComment & { rule?: string };

interface RoomState {
  flood: NearDuplicateWindow<TrackedComment>;
  /** The latest gift per user: refunds demanded after it are about it. */
  gifts: Map<string, { atMs: number; text: string }>;
  /** Open alerts by merge key (`kind|subject`). */
  open: Map<string, RoomAlert>;
  lastMs: number;
}

/** Pure: the same items in the same order raise the same alerts. Ids come from `newId`. */
export class RoomWatch {
  private readonly rooms = new Map<string, RoomState>();
  private readonly classifier: CommentClassifier;
  private readonly settings: RoomWatchSettings;
  private readonly newId: () => string;

  constructor(options: { classifier: CommentClassifier; settings: RoomWatchSettings; newId: () => string }) {
    this.classifier = options.classifier;
    this.settings = options.settings;
    this.newId = options.newId;
  }

  observe({ platformId, roomId, item }: RoomItem): RoomWatchResult {
    const room = this.roomOf(platformId, roomId);
    room.lastMs = Math.max(room.lastMs, item.atMs);
    if (item.kind === 'gift') {
      if (room.gifts.size >= 20_000) room.gifts.clear();
      room.gifts.set(item.userId, { atMs: item.atMs, text: `🎁 ${item.giftName} (${item.value})` });
      return NOTHING;
    }
    if (item.kind === 'moderation') return NOTHING;
    const findings = this.classifier.classify(item.text);
    const floods = room.flood.observe(item);
    if (findings.length === 0 && floods.length === 0) return NOTHING;
    const changes: RoomAlertChange[] = [];
    for (const finding of findings) {
      const change = this.findingChange(room, { platformId, roomId }, item, finding);
      if (change) changes.push(change);
    }
    for (const hit of floods) changes.push(this.floodChange(room, { platformId, roomId }, hit));
    const kinds = findings.map((finding) => finding.kind);
    if (floods.length > 0) kinds.push('flood');
    return { kinds, changes };
  }

  /** Drops a room's windows and merge keys (the service evicted it); its open alerts stay where they are. */
  forget(platformId: string, roomId: string): void {
    this.rooms.delete(roomKey(platformId, roomId));
  }

  /** The alert was acknowledged (or closed): later evidence raises a new one. */
  settle(alert: Pick<RoomAlert, 'id' | 'platformId' | 'roomId'>): void {
    const room = this.rooms.get(roomKey(alert.platformId, alert.roomId));
    if (!room) return;
    for (const [key, open] of room.open) if (open.id === alert.id) room.open.delete(key);
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  private findingChange(
    room: RoomState,
    where: { platformId: string; roomId: string },
    comment: DanmakuComment,
    finding: CommentFinding,
  ): RoomAlertChange | undefined {
    const evidence: RoomAlertEvidence[] = [];
    let severity = finding.severity;
    let rule = finding.rule;
    const gift = room.gifts.get(comment.userId);
    const afterGift = gift !== undefined && comment.atMs - gift.atMs <= this.settings.giftWindowMs;
    if (afterGift && (finding.kind === 'dispute' || finding.kind === 'minor')) {
      severity = finding.kind === 'minor' ? 'critical' : 'high';
      rule = `${finding.rule}-after-gift`;
      evidence.push({
        userId: comment.userId,
        text: gift.text,
        atMs: gift.atMs,
        rule: 'gift',
        ...nameOf(comment),
      });
    }
    evidence.push(evidenceOf(comment, rule));
    // Ads come from many throwaway accounts: one alert per room. The rest are about one viewer.
    const subject = finding.kind === 'ad' ? undefined : comment.userId;
    return this.merge(room, where, { kind: finding.kind, subject, severity, evidence });
  }

  private floodChange(
    room: RoomState,
    where: { platformId: string; roomId: string },
    hit: FloodHit<TrackedComment>,
  ): RoomAlertChange {
    const severity: RoomAlertSeverity =
      hit.messagesInWindow >= this.settings.flood.minMessages * 3 || hit.distinctUsers >= 5
        ? 'medium'
        : 'low';
    const change = this.merge(room, where, {
      kind: 'flood',
      subject: hit.rule === 'user-burst' ? hit.comments[0]!.userId : undefined,
      mergeSubject: hit.subject,
      severity,
      evidence: hit.comments.map((comment) => evidenceOf(comment, hit.rule)),
    });
    return change;
  }

  private merge(
    room: RoomState,
    where: { platformId: string; roomId: string },
    found: {
      kind: RoomAlertKind;
      subject: string | undefined;
      mergeSubject?: string;
      severity: RoomAlertSeverity;
      evidence: RoomAlertEvidence[];
    },
  ): RoomAlertChange {
    const key = `${found.kind}|${found.mergeSubject ?? found.subject ?? ''}`;
    const lastMs = Math.max(...found.evidence.map((evidence) => evidence.atMs));
    const firstMs = Math.min(...found.evidence.map((evidence) => evidence.atMs));
    const open = room.open.get(key);
    if (open && lastMs - open.lastSeenMs <= this.settings.mergeWindowMs) {
      for (const evidence of found.evidence) addEvidence(open, evidence);
      open.severity = higherSeverity(open.severity, found.severity);
      open.lastSeenMs = Math.max(open.lastSeenMs, lastMs);
      return { type: 'updated', alert: open };
    }
    const alert: RoomAlert = {
      id: this.newId(),
      platformId: where.platformId,
      roomId: where.roomId,
      kind: found.kind,
      severity: found.severity,
      status: 'open',
      ...(found.subject === undefined ? {} : { subjectUserId: found.subject }),
      firstSeenMs: firstMs,
      lastSeenMs: lastMs,
      evidence: [],
      evidenceCount: 0,
      userIds: [],
      outcomes: [],
    };
    for (const evidence of found.evidence) addEvidence(alert, evidence);
    room.open.set(key, alert);
    return { type: 'raised', alert };
  }

  /** The room's state, moved to the end of `rooms`: the map is kept least recently active first. */
  private roomOf(platformId: string, roomId: string): RoomState {
    const key = roomKey(platformId, roomId);
    let room = this.rooms.get(key);
    if (room) {
      this.rooms.delete(key);
    } else {
      // O(1): the first key is the least recently active room.
      if (this.rooms.size >= this.settings.maxRooms) {
        const oldest = this.rooms.keys().next();
        if (!oldest.done) this.rooms.delete(oldest.value);
      }
      room = {
        flood: new NearDuplicateWindow(this.settings.flood),
        gifts: new Map(),
        open: new Map(),
        lastMs: 0,
      };
    }
    this.rooms.set(key, room);
    return room;
  }
}

function roomKey(platformId: string, roomId: string): string {
  return `${platformId}\u0000${roomId}`;
}

function nameOf(comment: DanmakuComment): { userName?: string } {
  return comment.userName === undefined ? {} : { userName: comment.userName };
}

function evidenceOf(comment: DanmakuComment, rule: string): RoomAlertEvidence {
  return {
    userId: comment.userId,
    ...nameOf(comment),
    text: comment.text,
    atMs: comment.atMs,
    ...(comment.id === undefined ? {} : { itemId: comment.id }),
    rule,
  };
}

/** Keeps the first five (how it began) and the latest; counts all. */
function addEvidence(alert: RoomAlert, evidence: RoomAlertEvidence): void {
  alert.evidenceCount += 1;
  if (alert.evidence.length >= MAX_EVIDENCE) alert.evidence.splice(5, 1);
  alert.evidence.push(evidence);
  if (!alert.userIds.includes(evidence.userId) && alert.userIds.length < MAX_ALERT_USERS)
    alert.userIds.push(evidence.userId);
  alert.firstSeenMs = Math.min(alert.firstSeenMs, evidence.atMs);
}
