import type { QueueSnapshot } from '../../engine/desk/queue-snapshot.js';
import type { ConversationDirectory } from './conversation-directory.js';

/** Estimates closer than this count as unchanged, so the viewer is not told about every few seconds. */
const ESTIMATE_STEP_MS = 5000;

/** Where one waiting viewer stands, from the desk's snapshot: the one source for welcome and banner. */
export interface ViewerQueuePlace {
  /** 1: next in line; 0: an agent is being asked now. */
  position: number;
  estimatedWaitMs: number | null;
  /** Online agents who could take it; 0 means nobody who could help is here. */
  agentsOnline: number;
}

/** The viewer's place in the snapshot; undefined once a person has accepted (or it left the desk). */
export function viewerQueuePlace(
  snapshot: QueueSnapshot,
  conversationId: string,
): ViewerQueuePlace | undefined {
  const waiting = snapshot.waiting.find((entry) => entry.conversationId === conversationId);
  if (waiting) {
    return {
      position: waiting.position,
      estimatedWaitMs: waiting.estimatedWaitMs,
      agentsOnline: waiting.eligibleAgentsOnline,
    };
  }
  const held = snapshot.held.find((entry) => entry.conversationId === conversationId);
  if (held?.status === 'offered') return { position: 0, estimatedWaitMs: 0, agentsOnline: 1 };
  return undefined;
}

/** Tells each waiting viewer their place, the estimated wait and who is online, when any changes. */
export class ViewerQueueStatus {
  private readonly directory: ConversationDirectory;
  private readonly placeKeptMs: number | null;
  private readonly lastSent = new Map<string, string>();

  constructor(directory: ConversationDirectory, options: { placeKeptMs: number | null }) {
    this.directory = directory;
    this.placeKeptMs = options.placeKeptMs;
  }

  update(snapshot: QueueSnapshot): void {
    const waiting = new Set<string>();
    const ids = [
      ...snapshot.waiting.map((entry) => entry.conversationId),
      ...snapshot.held.filter((entry) => entry.status === 'offered').map((entry) => entry.conversationId),
    ];
    for (const conversationId of ids) {
      const place = viewerQueuePlace(snapshot, conversationId);
      if (!place) continue;
      waiting.add(conversationId);
      if (this.lastSent.get(conversationId) !== keyOf(place)) this.send(conversationId, place);
    }
    for (const conversationId of this.lastSent.keys()) {
      if (!waiting.has(conversationId)) this.lastSent.delete(conversationId);
    }
  }

  /** Sends the place now, changed or not (a viewer's new socket, the welcome). */
  send(conversationId: string, place: ViewerQueuePlace): void {
    const conversation = this.directory.get(conversationId)?.conversation;
    if (!conversation || conversation.state !== 'pending_human') return;
    this.lastSent.set(conversationId, keyOf(place));
    conversation.queueStatus({ ...place, placeKeptMs: this.placeKeptMs });
  }
}

function keyOf(place: ViewerQueuePlace): string {
  const estimate =
    place.estimatedWaitMs === null ? 'none' : String(Math.round(place.estimatedWaitMs / ESTIMATE_STEP_MS));
  return `${place.position}:${estimate}:${place.agentsOnline > 0}`;
}
