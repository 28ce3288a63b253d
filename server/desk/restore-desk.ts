import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { ConversationDirectory } from './conversation-directory.js';
import type { DeskService } from './desk-service.js';
import { queuePlace } from './queue-place.js';

export interface RestoreDeskOptions {
  log: ConversationEventLog<ConversationEvent>;
  directory: ConversationDirectory;
  desk: DeskService;
}

/**
 * After a restart, before any connection is accepted: every conversation waiting for or with a person
 * is rebuilt from its log and put back in the queue at its original place, oldest first, with its
 * response clock and an escalation's lane. One that was
 * with an agent goes back to the queue too (the desk's assignments lived in memory; the agent, when they
 * reconnect, is offered it like anyone else). Returns how many were put back.
 */
export async function restoreDesk(options: RestoreDeskOptions): Promise<number> {
  const { log, directory, desk } = options;
  if (!log.conversationsInState) return 0;
  const waiting = await log.conversationsInState(['pending_human', 'human']);
  const entries = [];
  for (const { conversationId } of waiting) {
    const channel = await directory.load(conversationId);
    const packet = channel?.conversation.handoffPacket;
    if (!channel || !packet) {
      console.error('conversation waiting for a person has no handoff packet; not queued', {
        conversationId,
      });
      continue;
    }
    const place = queuePlace(await directory.read(conversationId, 0), packet);
    entries.push({ channel, packet: { ...packet, team: place.team }, place });
  }
  entries.sort((a, b) => a.place.enqueuedAt.getTime() - b.place.enqueuedAt.getTime());
  for (const { channel, packet, place } of entries) {
    if (channel.conversation.state === 'human') channel.conversation.requeue('server restarted');
    const { team: _team, ...restored } = place;
    desk.enqueue(packet, { restored });
  }
  return entries.length;
}
