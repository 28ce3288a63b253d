import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import { decideMedia, type MediaPolicy } from '../../engine/media/media-policy.js';
import type { MediaRecord, MediaRecordStore } from '../../engine/media/media-record.js';
import { wavDurationMs } from '../../engine/media/wav-duration.js';
import type { ConversationChannel, SequencedEvent } from '../realtime/conversation-channel.js';
import { dropIfUnreferenced } from './media-library.js';

/** A viewer's spoken turn: the voice message stored at `sequence`, and the sound it was heard from. */
export interface SpokenTurnAudio {
  sequence: number;
  wav: Uint8Array;
}

export type SpokenTurnRecorder = (channel: ConversationChannel, turn: SpokenTurnAudio) => Promise<void>;

export interface SpokenTurnRecorderOptions {
  policy: MediaPolicy;
  blobs: MediaBlobStore;
  records: MediaRecordStore;
  newId: () => string;
  clock?: (() => Date) | undefined;
}

/**
 * Keeps the sound of a viewer's spoken turn for the agents (issue 17, part 5): stored like a voice clip the
 * viewer sent (content-addressed blob, media record of the conversation, so tickets list it and privacy
 * export and erasure cover it) and told as a `media-message` naming the turn (`spokenTurn`). The operator's
 * media policy holds: with voice not allowed, or a segment over the voice size limit, nothing is kept. A
 * recording whose message cannot be stored takes its record and unshared blob back out.
 */
export function createSpokenTurnRecorder(options: SpokenTurnRecorderOptions): SpokenTurnRecorder {
  const clock = options.clock ?? (() => new Date());
  const drop = (key: string) => dropIfUnreferenced(options, key);
  return async (channel, turn) => {
    const decision = decideMedia(options.policy, turn.wav, { complete: true });
    if (!decision.ok || decision.kind !== 'voice') return;
    const contentKey = await options.blobs.put(turn.wav, {});
    const durationMs = wavDurationMs(turn.wav);
    const record: MediaRecord = {
      id: `m_${options.newId()}`,
      conversationId: channel.conversationId,
      uploader: { kind: 'viewer', id: channel.owner.viewerId },
      kind: 'voice',
      mime: decision.type.mime,
      bytes: turn.wav.byteLength,
      contentKey,
      ...(durationMs === undefined ? {} : { durationMs }),
      // What a ticket's attachments call it: the turn it was heard in.
      name: spokenTurnName(turn.sequence),
      createdAt: clock().toISOString(),
    };
    try {
      await options.records.add(record);
    } catch (error) {
      await drop(contentKey);
      throw error;
    }
    let committed: SequencedEvent[];
    try {
      committed = await channel.commit(() => {
        channel.conversation.mediaMessage({
          by: 'viewer',
          mediaId: record.id,
          kind: 'voice',
          mime: record.mime,
          bytes: record.bytes,
          ...(durationMs === undefined ? {} : { durationMs }),
          spokenTurn: turn.sequence,
        });
      });
    } catch (error) {
      // The conversation is gone (erased under the turn): nothing of it is kept, and the caller is told.
      await options.records.delete(record.id);
      await drop(contentKey);
      throw error;
    }
    const item = committed.find((candidate) => candidate.event.type === 'media-message');
    if (item?.sequence !== undefined) return;
    await options.records.delete(record.id);
    await drop(contentKey);
  };
}

/** The file name a spoken turn's recording goes by among a ticket's attachments. */
export function spokenTurnName(sequence: number): string {
  return `spoken-turn-${sequence}.wav`;
}
