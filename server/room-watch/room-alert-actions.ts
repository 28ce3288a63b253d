import type { RoomAlert, RoomAlertEvidence } from '../../engine/room-watch/room-alert.js';
import type { TicketService } from '../../engine/tickets/ticket-service.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import { platformViewerId } from '../platform/verified-identity.js';

const KIND_TITLES: Record<RoomAlert['kind'], string> = {
  flood: 'Flood / 刷屏',
  ad: 'Ads / 广告',
  abuse: 'Abuse / 辱骂',
  threat: 'Threat / 威胁',
  dispute: 'Dispute / 纠纷',
  minor: "Minor's spending / 未成年消费",
};

/** The evidence as lines an agent reads: when, who, what. */
export function evidenceLines(evidence: readonly RoomAlertEvidence[], userId?: string): string[] {
  return evidence
    .filter((item) => userId === undefined || item.userId === userId)
    .map((item) => `${new Date(item.atMs).toISOString()} ${item.userName ?? item.userId}: ${item.text}`);
}

export interface RoomAlertActionsOptions {
  tickets: Pick<TicketService, 'create'>;
  directory: Pick<ConversationDirectory, 'open'>;
  /** The desk team conversations opened from alerts go to. Default `trust-safety`. */
  team?: string | undefined;
}

/** What staff can start from an alert: a ticket, or a support conversation with one viewer of the room. */
export interface RoomAlertActions {
  openTicket(
    alert: RoomAlert,
    actor: { userId: string; name: string; supervisor: boolean },
    userId?: string,
  ): Promise<string>;
  /**
   * Opens a conversation in the desk for the viewer (as the platform's verified user, so the platform's context
   * and history attach), puts the evidence in as a platform event agents read, and hands it to people.
   */
  openConversation(alert: RoomAlert, userId: string, actor: { userId: string }): Promise<string>;
}

export function createRoomAlertActions(options: RoomAlertActionsOptions): RoomAlertActions {
  return {
    async openTicket(alert, actor, userId) {
      const subject = userId ?? alert.subjectUserId;
      const lines = evidenceLines(alert.evidence, subject).slice(-10);
      const outcome = await options.tickets.create(
        {
          title: `${KIND_TITLES[alert.kind]} · ${alert.roomId}`.slice(0, 200),
          description: [
            `Room alert ${alert.id} (${alert.severity}) in ${alert.platformId}/${alert.roomId}`,
            ...lines,
          ]
            .join('\n')
            .slice(0, 4000),
          priority: alert.severity === 'critical' ? 'urgent' : alert.severity === 'high' ? 'high' : 'normal',
          assigneeId: null,
          tags: ['room-alert', alert.kind],
          roomId: alert.roomId,
          ...(subject === undefined
            ? {}
            : { viewer: { viewerId: platformViewerId(alert.platformId, subject) } }),
        },
        actor,
      );
      if (!outcome.ok) throw new LivedeskError('invalid_input', outcome.message);
      return outcome.value.id;
    },
    async openConversation(alert, userId, actor) {
      const evidence = alert.evidence.filter((item) => item.userId === userId);
      if (evidence.length === 0)
        throw new LivedeskError('invalid_input', 'this viewer is not in the alert’s evidence');
      const userName = evidence.find((item) => item.userName !== undefined)?.userName;
      const channel = options.directory.open({
        profile: {
          viewerId: platformViewerId(alert.platformId, userId),
          tier: 'regular',
          ...(userName === undefined ? {} : { displayName: userName }),
          verified: { platformId: alert.platformId, userId },
        },
        liveContext: { roomId: alert.roomId, scenario: 'show' },
      });
      await channel.commit(() => {
        channel.conversation.platformEvent({
          platformId: alert.platformId,
          eventType: 'room.alert',
          agentText: [
            `Room alert ${alert.id}: ${KIND_TITLES[alert.kind]} (${alert.severity}), opened by ${actor.userId}`,
            ...evidenceLines(evidence).slice(-10),
          ]
            .join('\n')
            .slice(0, 2000),
        });
        channel.conversation.handOff({
          reasons: [alert.kind === 'threat' ? 'public_threat' : 'sensitive'],
          details: [`room alert ${alert.id}: ${alert.kind} in ${alert.roomId}, opened by ${actor.userId}`],
          priority: alert.severity === 'critical' ? 'urgent' : alert.severity === 'high' ? 'high' : 'normal',
          team: options.team ?? 'trust-safety',
        });
      });
      return channel.conversation.id;
    },
  };
}
