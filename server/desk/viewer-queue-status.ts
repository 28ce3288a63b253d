import type { QueueSnapshot, QueueSnapshotEntry } from '../../engine/desk/queue-snapshot.js';
import type { ConversationDirectory } from './conversation-directory.js';

/** Estimates closer than this count as unchanged, so the viewer is not told about every few seconds. */
const ESTIMATE_STEP_MS = 5000;

/** Tells each waiting viewer their place in the queue and the estimated wait, when either changes. */
export class ViewerQueueStatus {
  private readonly directory: ConversationDirectory;
  private readonly lastSent = new Map<string, string>();

  constructor(directory: ConversationDirectory) {
    this.directory = directory;
  }

  update(snapshot: QueueSnapshot): void {
    const waiting = new Set<string>();
    for (const entry of snapshot.waiting) {
      waiting.add(entry.conversationId);
      if (this.lastSent.get(entry.conversationId) !== keyOf(entry)) this.send(entry);
    }
    for (const conversationId of this.lastSent.keys()) {
      if (!waiting.has(conversationId)) this.lastSent.delete(conversationId);
    }
  }

  /** Sends the entry now, changed or not (a viewer's new socket, the welcome). */
  send(entry: QueueSnapshotEntry): void {
    const conversation = this.directory.get(entry.conversationId)?.conversation;
    if (!conversation) return;
    this.lastSent.set(entry.conversationId, keyOf(entry));
    conversation.queueStatus({ position: entry.position, estimatedWaitMs: entry.estimatedWaitMs });
  }
}

function keyOf(entry: QueueSnapshotEntry): string {
  const estimate =
    entry.estimatedWaitMs === null ? 'none' : String(Math.round(entry.estimatedWaitMs / ESTIMATE_STEP_MS));
  return `${entry.position}:${estimate}`;
}
