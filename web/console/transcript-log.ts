import { transcribedClip, type MediaMessageView } from '../shared/media-message.js';
import type { ConversationEventView, PacketView } from './agent-frames-client.js';
import type { ConsoleTexts } from './console-texts.js';
import { disputeOfferNote, disputeUpdateNote } from './dispute-note.js';
import type { MaskedLine, PiiSpanWire } from './pii-reveal.js';
import {
  deskEventNote,
  releaseNote,
  stateChangeNote,
  type DeskEventLike,
  type NoteContext,
} from './transcript-notes.js';

type TranscriptLine = PacketView['transcript'][number];

/** Stored events this close to the release frame are the release itself. */
const RELEASE_TOLD_WITHIN_MS = 60_000;

export type EntryKind = 'viewer' | 'assistant' | 'agent' | 'system' | 'note';

/** One line of the console's transcript. */
export interface TranscriptEntry {
  kind: EntryKind;
  text: string;
  at?: string;
  /** Agent id for agent lines; the system message kind for system lines. */
  author?: string;
  tags: string[];
  /** Personal data the server masked in this (viewer) line, drawn as "reveal" controls. */
  masked?: MaskedLine;
  /** A picture, sticker, voice clip or file: drawn as such (web/console/console-media.ts), `text` aside. */
  media?: MediaMessageView;
}

/**
 * A conversation's transcript as the console shows it, rebuilt from the stored events in sequence order
 * (a replay may arrive after live events of the same conversation), with the handoff packet's lines
 * standing in for the start until the whole history has arrived, and streamed answers as they come.
 */
export class TranscriptLog {
  private readonly stored = new Map<number, ConversationEventView>();
  /** The masked spans of stored events, by sequence. */
  private readonly masks = new Map<number, readonly PiiSpanWire[]>();
  /** Text streamed so far per turn; not stored, so it only matters until the turn's `turn-end`. */
  private readonly streamed = new Map<string, string>();
  private packetLines: readonly TranscriptLine[] = [];
  private built: TranscriptEntry[] | undefined;
  private released: { reason: string; at: string } | undefined;
  private readonly context: NoteContext;

  constructor(context: NoteContext) {
    this.context = context;
  }

  /** The highest stored event seen; `watch` asks for what came after. */
  get lastSequence(): number {
    let highest = 0;
    for (const sequence of this.stored.keys()) highest = Math.max(highest, sequence);
    return highest;
  }

  /** The same array until something changes: the console redraws only when this changes. */
  get entries(): readonly TranscriptEntry[] {
    this.built ??= this.build();
    return this.built;
  }

  /** Builds the lines again on next read: names learnt since then replace the ids they showed. */
  refresh(): void {
    this.built = undefined;
  }

  /** The desk released the conversation from this agent (undefined: it came back to them). */
  release(released: { reason: string; at: string } | undefined): void {
    this.released = released;
    this.built = undefined;
  }

  /** The packet's (masked) transcript, shown until the stored events replace it. */
  showPacket(lines: readonly TranscriptLine[]): void {
    this.packetLines = lines;
    this.built = undefined;
  }

  /** Applies one event; false when it was already applied (a replay overlapping live events). */
  apply(event: ConversationEventView, sequence?: number, pii?: readonly PiiSpanWire[]): boolean {
    if (sequence === undefined) {
      if (event.type !== 'text-delta') return false;
      this.streamed.set(event.turnId, (this.streamed.get(event.turnId) ?? '') + event.text);
    } else {
      if (this.stored.has(sequence)) return false;
      this.stored.set(sequence, event);
      if (pii && pii.length > 0) this.masks.set(sequence, pii);
    }
    this.built = undefined;
    return true;
  }

  private build(): TranscriptEntry[] {
    const builder = new EntryBuilder(this.streamed, this.context);
    // Without the first event the start of the history is missing: the packet tells it.
    if (!this.stored.has(1)) {
      for (const line of this.packetLines) {
        builder.push({
          kind: line.speaker,
          text: line.text,
          at: line.at,
          ...(line.agentId ? { author: line.agentId } : {}),
          tags: [
            ...(line.channel === 'voice' ? [this.context.texts.tags.voice] : []),
            ...(line.interrupted ? [this.context.texts.tags.interrupted] : []),
          ],
        });
      }
    }
    for (const sequence of [...this.stored.keys()].sort((a, b) => a - b)) {
      const spans = this.masks.get(sequence);
      builder.apply(this.stored.get(sequence)!, sequence, spans && { sequence, spans });
    }
    builder.streamRest();
    if (this.released) {
      const text = releaseNote(this.released.reason, this.context.texts);
      const releasedMs = Date.parse(this.released.at);
      // A supervisor still watching gets the stored events of the release: they already told it.
      const told = builder.entries.some(
        (entry) =>
          entry.kind === 'note' &&
          entry.text === text &&
          entry.at !== undefined &&
          Date.parse(entry.at) >= releasedMs - RELEASE_TOLD_WITHIN_MS,
      );
      if (!told) builder.ending(text, this.released.at);
    }
    return builder.entries;
  }
}

/** Turns events, in order, into transcript lines. */
class EntryBuilder {
  readonly entries: TranscriptEntry[] = [];
  private readonly turns = new Map<string, TranscriptEntry>();
  private readonly ended = new Set<string>();
  /** Voice clip lines by message id: the recogniser's transcript of one joins its line. */
  private readonly clips = new Map<string, TranscriptEntry>();
  /** Spoken (voice) viewer lines by sequence: the recording of one joins its line. */
  private readonly spoken = new Map<number, TranscriptEntry>();
  private readonly streamed: ReadonlyMap<string, string>;
  private readonly context: NoteContext;
  private readonly texts: ConsoleTexts;

  constructor(streamed: ReadonlyMap<string, string>, context: NoteContext) {
    this.streamed = streamed;
    this.context = context;
    this.texts = context.texts;
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

  apply(event: ConversationEventView, sequence: number, masked?: MaskedLine): void {
    const { texts } = this;
    switch (event.type) {
      case 'viewer-message': {
        const clip = this.clips.get(transcribedClip(event.clientMessageId) ?? '');
        if (clip?.media) {
          clip.media = { ...clip.media, transcript: event.text };
          clip.text = event.text;
          return;
        }
        const line: TranscriptEntry = {
          kind: 'viewer',
          text: event.text,
          at: event.at,
          tags: event.channel === 'voice' ? [texts.tags.voice] : [],
          ...(masked
            ? { masked: { ...masked, spans: masked.spans.filter((span) => span.field === 'text') } }
            : {}),
        };
        if (event.channel === 'voice') this.spoken.set(sequence, line);
        this.push(line);
        return;
      }
      case 'agent-message':
        this.push({
          kind: 'agent',
          text: event.text,
          at: event.at,
          author: event.agentId,
          tags: [
            ...(event.entryIds ?? []).map((id) => texts.entryTag(id)),
            ...(event.translation ? [texts.sentTranslated(event.translation.language)] : []),
            ...(event.untranslatedTo ? [texts.sentUntranslated(event.untranslatedTo)] : []),
          ],
        });
        return;
      case 'media-message': {
        // The event as delivered: the server adds its signed addresses (`url`, `thumbUrl`).
        const media = event as MediaMessageView;
        // A spoken turn's recording plays on the turn's own line, its words under the player.
        const turn = media.spokenTurn === undefined ? undefined : this.spoken.get(media.spokenTurn);
        if (turn) {
          turn.media = { ...media, transcript: turn.text };
          return;
        }
        const entry: TranscriptEntry = {
          kind: media.by,
          text: media.transcript ?? media.name ?? media.kind,
          at: media.at,
          ...(media.agentId ? { author: media.agentId } : {}),
          tags: media.kind === 'voice' ? [texts.tags.voice] : [],
          media,
        };
        if (media.kind === 'voice') this.clips.set(media.messageId, entry);
        this.push(entry);
        return;
      }
      case 'message-translation':
        this.note(texts.translationOf(event.language, event.text), event.at);
        return;
      case 'system-message':
        this.push({ kind: 'system', text: event.text, at: event.at, author: event.kind, tags: [] });
        return;
      case 'turn-start':
        this.turn(event.turnId);
        return;
      case 'answer-source':
        this.turn(event.turnId).tags.push(...event.entryIds.map((id) => texts.entryTag(id)));
        return;
      case 'clarify':
        this.turn(event.turnId).text ||= texts.askedWhich(
          event.options.map((option) => option.question).join(' / '),
        );
        return;
      case 'decline':
        this.turn(event.turnId).text ||= texts.suggested(
          event.closestTopics.map((topic) => topic.question).join(' / '),
        );
        return;
      case 'turn-end': {
        const turn = this.turn(event.turnId);
        this.ended.add(event.turnId);
        if (turn.text === '') turn.text = event.delivered;
        if (event.reason !== 'done') turn.tags.push(texts.tags[event.reason]);
        return;
      }
      case 'state-change':
        this.note(stateChangeNote(event, this.context), event.at);
        return;
      case 'desk': {
        const desk = event.event as DeskEventLike;
        this.note(deskEventNote(desk, this.context), typeof desk.at === 'string' ? desk.at : undefined);
        return;
      }
      case 'satisfaction-request':
        this.note(texts.ratingRequested, event.at);
        return;
      case 'satisfaction':
        this.note(texts.rated(event.score, event.comment ?? ''), event.at);
        return;
      case 'conversation-opened':
        this.note(texts.opened(event.liveContext.roomId ?? texts.unknownRoom), event.at);
        return;
      case 'platform-event':
        this.note(
          texts.platformEvent(event.platformId, event.eventType, event.agentText, event.viewerText),
          event.at,
        );
        return;
      case 'live-context': {
        const context = event.liveContext;
        this.note(
          texts.liveContextUpdated(
            context.productInView,
            context.streamerName ?? context.streamerId,
            context.streamState,
          ),
          event.at,
        );
        return;
      }
      case 'dispute-form':
        this.note(disputeOfferNote(event), event.at);
        return;
      case 'dispute-update':
        this.note(disputeUpdateNote(event), event.at);
        return;
      default:
        // The handoff itself is told by its state change; other events are not for people.
        return;
    }
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

  /** The last line, told by this console itself (see `TranscriptLog.release`). */
  ending(text: string, at: string): void {
    this.note(text, at);
  }

  /** One line per thing that happened: the same words right after themselves (a release and its state change) are dropped. */
  private note(text: string | undefined, at?: string): void {
    if (text === undefined) return;
    const last = this.entries.at(-1);
    if (last?.kind === 'note' && last.text === text) return;
    this.push({ kind: 'note', text, ...(at ? { at } : {}), tags: [] });
  }
}
