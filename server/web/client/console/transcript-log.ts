import type { DeskEvent } from '../../../../engine/desk/desk-events.js';
import type { ConversationEventView, PacketView } from './agent-frames-client.js';

type TranscriptLine = PacketView['transcript'][number];

export type EntryKind = 'viewer' | 'assistant' | 'agent' | 'system' | 'note';

/** One line of the console's transcript. */
export interface TranscriptEntry {
  kind: EntryKind;
  text: string;
  at?: string;
  /** Agent id for agent lines; the system message kind for system lines. */
  author?: string;
  tags: string[];
}

/**
 * A conversation's transcript as the console shows it, rebuilt from the stored events in sequence order
 * (a replay may arrive after live events of the same conversation), with the handoff packet's lines
 * standing in for the start until the whole history has arrived, and streamed answers as they come.
 */
export class TranscriptLog {
  private readonly stored = new Map<number, ConversationEventView>();
  /** Text streamed so far per turn; not stored, so it only matters until the turn's `turn-end`. */
  private readonly streamed = new Map<string, string>();
  private packetLines: readonly TranscriptLine[] = [];
  private built: TranscriptEntry[] | undefined;
  private readonly describeAgent: (agentId: string) => string;

  constructor(describeAgent: (agentId: string) => string = (agentId) => agentId) {
    this.describeAgent = describeAgent;
  }

  /** The highest stored event seen; `watch` asks for what came after. */
  get lastSequence(): number {
    let highest = 0;
    for (const sequence of this.stored.keys()) highest = Math.max(highest, sequence);
    return highest;
  }

  get entries(): readonly TranscriptEntry[] {
    this.built ??= this.build();
    return this.built;
  }

  /** The packet's (masked) transcript, shown until the stored events replace it. */
  showPacket(lines: readonly TranscriptLine[]): void {
    this.packetLines = lines;
    this.built = undefined;
  }

  /** Applies one event; false when it was already applied (a replay overlapping live events). */
  apply(event: ConversationEventView, sequence?: number): boolean {
    if (sequence === undefined) {
      if (event.type !== 'text-delta') return false;
      this.streamed.set(event.turnId, (this.streamed.get(event.turnId) ?? '') + event.text);
    } else {
      if (this.stored.has(sequence)) return false;
      this.stored.set(sequence, event);
    }
    this.built = undefined;
    return true;
  }

  private build(): TranscriptEntry[] {
    const builder = new EntryBuilder(this.streamed, this.describeAgent);
    // Without the first event the start of the history is missing: the packet tells it.
    if (!this.stored.has(1)) {
      for (const line of this.packetLines) {
        builder.push({
          kind: line.speaker,
          text: line.text,
          at: line.at,
          ...(line.agentId ? { author: line.agentId } : {}),
          tags: [
            ...(line.channel === 'voice' ? ['voice'] : []),
            ...(line.interrupted ? ['interrupted'] : []),
          ],
        });
      }
    }
    for (const sequence of [...this.stored.keys()].sort((a, b) => a - b)) {
      builder.apply(this.stored.get(sequence)!);
    }
    builder.streamRest();
    return builder.entries;
  }
}

/** Turns events, in order, into transcript lines. */
class EntryBuilder {
  readonly entries: TranscriptEntry[] = [];
  private readonly turns = new Map<string, TranscriptEntry>();
  private readonly ended = new Set<string>();
  private readonly streamed: ReadonlyMap<string, string>;
  private readonly describeAgent: (agentId: string) => string;

  constructor(streamed: ReadonlyMap<string, string>, describeAgent: (agentId: string) => string) {
    this.streamed = streamed;
    this.describeAgent = describeAgent;
  }

  push(entry: TranscriptEntry): void {
    this.entries.push(entry);
  }

  /** Turns still streaming show what has arrived so far. */
  streamRest(): void {
    for (const [turnId, entry] of this.turns) {
      if (!this.ended.has(turnId) && entry.text === '') entry.text = this.streamed.get(turnId) ?? '';
    }
  }

  apply(event: ConversationEventView): void {
    switch (event.type) {
      case 'viewer-message':
        this.push({
          kind: 'viewer',
          text: event.text,
          at: event.at,
          tags: event.channel === 'voice' ? ['voice'] : [],
        });
        return;
      case 'agent-message':
        this.push({
          kind: 'agent',
          text: event.text,
          at: event.at,
          author: event.agentId,
          tags: (event.entryIds ?? []).map((id) => `entry ${id}`),
        });
        return;
      case 'system-message':
        this.push({ kind: 'system', text: event.text, at: event.at, author: event.kind, tags: [] });
        return;
      case 'turn-start':
        this.turn(event.turnId);
        return;
      case 'answer-source':
        this.turn(event.turnId).tags.push(...event.entryIds.map((id) => `entry ${id}`));
        return;
      case 'clarify':
        this.turn(event.turnId).text ||=
          `Asked which: ${event.options.map((option) => option.question).join(' / ')}`;
        return;
      case 'decline':
        this.turn(event.turnId).text ||=
          `No answer; suggested: ${event.closestTopics.map((topic) => topic.question).join(' / ')}`;
        return;
      case 'turn-end': {
        const turn = this.turn(event.turnId);
        this.ended.add(event.turnId);
        if (turn.text === '') turn.text = event.delivered;
        if (event.reason !== 'done') turn.tags.push(event.reason);
        return;
      }
      case 'handoff':
        this.note(`Handed to people: ${event.packet.reasons.join(', ') || 'no reason given'}`);
        return;
      case 'state-change':
        this.note(
          `${event.from} → ${event.to}${event.reason ? ` (${this.withNames(event.reason)})` : ''}`,
          event.at,
        );
        return;
      case 'desk':
        this.note(describeDeskEvent(event.event, this.describeAgent), event.event.at);
        return;
      case 'satisfaction-request':
        this.note('The viewer was asked for a rating', event.at);
        return;
      case 'satisfaction':
        this.note(`Rated ${event.score}/5${event.comment ? `: “${event.comment}”` : ''}`, event.at);
        return;
      case 'conversation-opened':
        this.note(`Opened in ${event.liveContext.roomId ?? 'an unknown room'}`, event.at);
        return;
      default:
        return;
    }
  }

  /** Reasons name agents by id (`assigned to <uuid>`); people read names. */
  private withNames(text: string): string {
    return text.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, (id) =>
      this.describeAgent(id),
    );
  }

  private turn(turnId: string): TranscriptEntry {
    let entry = this.turns.get(turnId);
    if (!entry) {
      entry = { kind: 'assistant', text: '', tags: [] };
      this.turns.set(turnId, entry);
      this.entries.push(entry);
    }
    return entry;
  }

  private note(text: string, at?: string): void {
    this.push({ kind: 'note', text, ...(at ? { at } : {}), tags: [] });
  }
}

export function describeDeskEvent(event: DeskEvent, name: (agentId: string) => string = (id) => id): string {
  switch (event.type) {
    case 'conversation-queued':
      return `Queued for ${event.team} (${event.lane})`;
    case 'conversation-assigned':
      return `Offered to ${name(event.agentId)}`;
    case 'conversation-accepted':
      return `Accepted by ${name(event.agentId)}`;
    case 'conversation-requeued':
      return `Back in the queue (${event.reason})`;
    case 'conversation-needs-reassignment':
      return `${name(event.previousAgentId)} went offline; needs reassignment`;
    case 'conversation-transferred': {
      const to = 'agentId' in event.to ? name(event.to.agentId) : `team ${event.to.team}`;
      return `${event.escalation ? 'Escalated' : 'Transferred'} to ${to} by ${name(event.by)}${event.note ? `: “${event.note}”` : ''}`;
    }
    case 'conversation-released':
      return `Released (${event.reason})`;
    case 'agent-updated':
      return `${name(event.agentId)} is ${event.presence}`;
  }
}
