import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ImageProcessor } from '../../engine/media/image-processor.js';
import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import type { MediaKind } from '../../engine/media/media-kind.js';
import { decideMedia, largestAllowedBytes, type MediaPolicy } from '../../engine/media/media-policy.js';
import type { MediaRecord, MediaRecordStore } from '../../engine/media/media-record.js';
import { stripAudioMetadata } from '../../engine/media/strip-audio-metadata.js';
import { wavDurationMs } from '../../engine/media/wav-duration.js';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { ConversationChannel, SequencedEvent } from '../realtime/conversation-channel.js';
import type { ConversationAccess } from '../http/conversation-access-guard.js';
import type { ConversationErasures, ErasureWatch } from './conversation-erasures.js';
import type { MediaActor } from './media-actor.js';
import { dropIfUnreferenced } from './media-library.js';
import type { MediaMetrics, MediaRefusal } from './media-metrics.js';
import type { MediaUrlSigner, MediaVariant } from './media-url-signer.js';
import { readUploadBody } from './read-upload-body.js';

export type MediaMessageEvent = Extract<ConversationEvent, { type: 'media-message' }>;

export interface UploadRequest {
  actor: MediaActor;
  conversationId: string;
  body: ReadableStream<Uint8Array> | null;
  /** `as=sticker`: the image is a sticker. */
  requested?: 'sticker' | undefined;
  /** A display name, never used to decide the type. */
  name?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface UploadAnswer {
  mediaId: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  sequence: number;
}

export type MediaFailure = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 413 | 415 | 503;
  error: MediaRefusal | 'not_found' | 'unavailable';
  message: string;
};

export type UploadResult = ({ ok: true } & UploadAnswer) | MediaFailure;

export interface MediaServiceOptions {
  policy: MediaPolicy;
  blobs: MediaBlobStore;
  records: MediaRecordStore;
  images: ImageProcessor;
  signer: MediaUrlSigner;
  metrics: MediaMetrics;
  /** The live conversation (rebuilt from its log when needed); undefined when the log has never seen it. */
  load: (conversationId: string) => Promise<ConversationChannel | undefined>;
  /** The viewer a conversation belongs to (live or stored); undefined when unknown. */
  ownerOf: (conversationId: string, signal?: AbortSignal) => Promise<string | undefined>;
  /** The conversation rule for staff (server/desk/conversation-access.ts). */
  access: ConversationAccess;
  /** The live desk's view: staff send only into a conversation they hold. */
  desk: (conversationId: string) => DeskConversationView | undefined;
  /** A viewer's media message was committed: what the AI does with it (server/media/media-assistant.ts). */
  onViewerMedia?:
    ((channel: ConversationChannel, event: MediaMessageEvent, record: MediaRecord) => void) | undefined;
  newId: () => string;
  clock?: (() => Date) | undefined;
  /** Erasures under way (server/media/conversation-erasures.ts): an upload they overtake keeps nothing. */
  erasures?: ConversationErasures | undefined;
  /**
   * Whether the database still holds the conversation as `viewerId`'s: false once any node erased it
   * (deleted, or anonymised to another id). Read after the upload's record is stored, so an erasure on
   * another node either sees the record (and removes it) or is seen here.
   */
  stillOwned?:
    ((conversationId: string, viewerId: string, signal?: AbortSignal) => Promise<boolean>) | undefined;
}

const NAME_MAX_CHARS = 200;

/**
 * Media in conversations: uploads decided by content, cleaned, stored content-addressed and recorded, then
 * sent as a `media-message` event; links signed per request. Nothing is stored for a refused upload, and
 * an upload whose event cannot be committed takes its record and unshared blobs back out.
 */
export class MediaService {
  private readonly options: MediaServiceOptions;
  private readonly clock: () => Date;

  constructor(options: MediaServiceOptions) {
    this.options = options;
    this.clock = options.clock ?? (() => new Date());
  }

  get urlSigner(): MediaUrlSigner {
    return this.options.signer;
  }

  async upload(request: UploadRequest): Promise<UploadResult> {
    const watch = this.options.erasures?.watch(request.conversationId);
    let result: UploadResult;
    try {
      result = await this.tryUpload(request, watch);
    } finally {
      watch?.release();
    }
    if (!result.ok && result.error !== 'not_found' && result.error !== 'unavailable')
      this.options.metrics.refused(result.error);
    return result;
  }

  /** Counts a refusal made before the service saw the upload (the routes' rate limits). */
  countRefusal(reason: MediaRefusal): void {
    this.options.metrics.refused(reason);
  }

  /** Whether `actor` may see the conversation's media: its viewer, or staff the conversation rule lets in. */
  async mayRead(actor: MediaActor, conversationId: string, signal?: AbortSignal): Promise<boolean> {
    if (actor.kind === 'viewer')
      return (await this.options.ownerOf(conversationId, signal)) === actor.viewerId;
    return (await this.options.access.reach(actor, conversationId, signal)) === 'allowed';
  }

  get(mediaId: string): Promise<MediaRecord | undefined> {
    return this.options.records.get(mediaId);
  }

  /** A conversation's media as ticket attachments, with links signed now. */
  async attachments(conversationId: string): Promise<MediaAttachment[]> {
    const records = await this.options.records.listByConversation(conversationId);
    return records.map((record) => {
      const full = this.options.signer.sign(record.id, 'full').url;
      const thumb =
        record.thumbKey === undefined ? undefined : this.options.signer.sign(record.id, 'thumb').url;
      return {
        mediaId: record.id,
        kind: record.kind,
        mime: record.mime,
        bytes: record.bytes,
        ...(record.name === undefined ? {} : { name: record.name }),
        url: full,
        ...(thumb === undefined ? {} : { thumbUrl: thumb }),
      };
    });
  }

  /** The key of a variant: `thumb` exists for images and stickers only. */
  keyOf(record: MediaRecord, variant: MediaVariant): string | undefined {
    return variant === 'full' ? record.contentKey : record.thumbKey;
  }

  blobs(): MediaBlobStore {
    return this.options.blobs;
  }

  private async tryUpload(request: UploadRequest, watch: ErasureWatch | undefined): Promise<UploadResult> {
    const { actor, conversationId } = request;
    const refusal = await this.refuseSender(actor, conversationId, request.signal);
    if (refusal) return refusal;
    const { policy } = this.options;
    const requested = request.requested;
    const body = await readUploadBody(request.body, {
      maxBytes: largestAllowedBytes(policy, requested),
      inspectHead: (head) => {
        const decision = decideMedia(policy, head, { requested, complete: false });
        if (!decision.ok)
          return decision.reason === 'empty'
            ? { ok: false, reason: 'unsupported_type', message: decision.message }
            : { ok: false, reason: decision.reason, message: decision.message };
        return { ok: true, maxBytes: policy.maxBytes[decision.kind] };
      },
    });
    if (!body.ok) return fail(body.reason === 'too_large' ? 413 : 415, body.reason, body.message);
    const decision = decideMedia(policy, body.bytes, { requested, complete: true });
    if (!decision.ok) {
      if (decision.reason === 'empty') return fail(400, 'empty', decision.message);
      return fail(decision.reason === 'too_large' ? 413 : 415, decision.reason, decision.message);
    }
    const stored = await this.prepare(decision.kind, decision.type.mime, body.bytes, request.signal);
    if (!stored.ok) return stored;
    return this.store(request, { kind: decision.kind, ...stored.value }, watch);
  }

  /**
   * Images are re-encoded (metadata gone) with a thumbnail; voice clips lose their tags without being
   * re-encoded (a container that cannot be read safely is refused); files are kept as they came.
   */
  private async prepare(
    kind: MediaKind,
    mime: string,
    bytes: Uint8Array,
    signal: AbortSignal | undefined,
  ): Promise<
    | {
        ok: true;
        value: {
          mime: string;
          bytes: Uint8Array;
          thumbnail?: Uint8Array;
          width?: number;
          height?: number;
          durationMs?: number;
        };
      }
    | MediaFailure
  > {
    if (kind === 'image' || kind === 'sticker') {
      const processed = await this.options.images.process(bytes, { signal });
      if (!processed.ok)
        return processed.reason === 'too_large'
          ? fail(413, 'too_large', processed.message)
          : processed.reason === 'busy'
            ? fail(503, 'unavailable', processed.message)
            : fail(400, 'invalid_image', processed.message);
      const { image } = processed;
      return {
        ok: true,
        value: {
          mime: image.mime,
          bytes: image.bytes,
          thumbnail: image.thumbnail,
          width: image.width,
          height: image.height,
        },
      };
    }
    if (kind !== 'voice') return { ok: true, value: { mime, bytes } };
    let stripped: ReturnType<typeof stripAudioMetadata>;
    try {
      stripped = stripAudioMetadata(mime, bytes);
    } catch (error) {
      // A stripper that fails in a way it did not foresee has still not cleaned the clip: refuse it.
      stripped = {
        ok: false,
        message: error instanceof Error ? error.message : 'the container cannot be read',
      };
    }
    if (!stripped.ok)
      return fail(400, 'invalid_audio', `the voice clip cannot be cleaned of metadata: ${stripped.message}`);
    const durationMs = mime === 'audio/wav' ? wavDurationMs(stripped.bytes) : undefined;
    return {
      ok: true,
      value: { mime, bytes: stripped.bytes, ...(durationMs === undefined ? {} : { durationMs }) },
    };
  }

  private async store(
    request: UploadRequest,
    media: {
      kind: MediaKind;
      mime: string;
      bytes: Uint8Array;
      thumbnail?: Uint8Array;
      width?: number;
      height?: number;
      durationMs?: number;
    },
    watch: ErasureWatch | undefined,
  ): Promise<UploadResult> {
    const { actor, conversationId, signal } = request;
    let channel = await this.options.load(conversationId);
    if (!channel) return fail(404, 'not_found', `no conversation ${conversationId}`);
    const contentKey = await this.options.blobs.put(media.bytes, { signal });
    const thumbKey = media.thumbnail ? await this.options.blobs.put(media.thumbnail, { signal }) : undefined;
    const name = request.name?.trim().slice(0, NAME_MAX_CHARS) || undefined;
    const record: MediaRecord = {
      id: `m_${this.options.newId()}`,
      conversationId,
      uploader:
        actor.kind === 'viewer'
          ? { kind: 'viewer', id: actor.viewerId }
          : { kind: 'agent', id: actor.userId },
      kind: media.kind,
      mime: media.mime,
      bytes: media.bytes.byteLength,
      contentKey,
      ...(thumbKey === undefined ? {} : { thumbKey }),
      ...(media.width === undefined ? {} : { width: media.width }),
      ...(media.height === undefined ? {} : { height: media.height }),
      ...(media.durationMs === undefined ? {} : { durationMs: media.durationMs }),
      ...(name === undefined ? {} : { name }),
      createdAt: this.clock().toISOString(),
    };
    try {
      await this.options.records.add(record);
    } catch (error) {
      await this.dropUnreferenced(record);
      throw error;
    }
    // A record removed with the same bytes just before ours was added may have taken the shared blob along.
    await this.restoreIfGone(contentKey, media.bytes, signal);
    if (thumbKey && media.thumbnail) await this.restoreIfGone(thumbKey, media.thumbnail, signal);
    // The viewer was erased while the file was stored (here, or on any node): their conversation keeps
    // nothing, this included.
    if (watch?.erased || !(await this.stillOwned(channel, signal))) return this.withdraw(record);
    let committed: SequencedEvent[] | 'gone';
    try {
      committed = await this.commitMedia(channel, record, actor);
      // Let go of while quiet (not erased: the store still has it as the viewer's): once more, reloaded.
      const again =
        committed === 'gone' && (await this.stillOwned(channel, signal))
          ? await this.options.load(conversationId)
          : undefined;
      if (again) {
        channel = again;
        committed = await this.commitMedia(again, record, actor);
      }
    } catch (error) {
      await this.options.records.delete(record.id);
      await this.dropUnreferenced(record);
      throw error;
    }
    if (committed === 'gone') return this.withdraw(record);
    const item = committed.find((candidate) => candidate.event.type === 'media-message');
    if (!item || item.sequence === undefined) {
      await this.options.records.delete(record.id);
      await this.dropUnreferenced(record);
      return item
        ? fail(503, 'unavailable', 'the message could not be stored; try again')
        : fail(409, 'conflict', 'the conversation is not with a person');
    }
    if (watch?.erased) return this.withdraw(record);
    this.options.metrics.uploaded(record.kind, record.bytes);
    if (record.uploader.kind === 'viewer')
      this.options.onViewerMedia?.(channel, item.event as MediaMessageEvent, record);
    return {
      ok: true,
      mediaId: record.id,
      kind: record.kind,
      mime: record.mime,
      bytes: record.bytes,
      ...(record.width === undefined ? {} : { width: record.width }),
      ...(record.height === undefined ? {} : { height: record.height }),
      ...(record.durationMs === undefined ? {} : { durationMs: record.durationMs }),
      sequence: item.sequence,
    };
  }

  /**
   * A viewer sends only into their own conversation; staff only into one the conversation rule lets them
   * reach and that they hold (the agent the desk gave it to, with it accepted). A conversation the caller
   * may not reach answers 404, as an unknown one does.
   */
  private async refuseSender(
    actor: MediaActor,
    conversationId: string,
    signal?: AbortSignal,
  ): Promise<MediaFailure | undefined> {
    if (actor.kind === 'viewer') {
      const owner = await this.options.ownerOf(conversationId, signal);
      // Someone else's conversation answers as an unknown one does: conversation ids cannot be probed.
      return owner === actor.viewerId
        ? undefined
        : fail(404, 'not_found', `no conversation ${conversationId}`);
    }
    const reach = await this.options.access.reach(actor, conversationId, signal);
    if (reach !== 'allowed') return fail(404, 'not_found', `no conversation ${conversationId}`);
    const held = this.options.desk(conversationId);
    if (held?.agentId !== actor.userId || held.status !== 'active')
      return fail(403, 'forbidden', 'only the agent holding the conversation sends into it');
    return undefined;
  }

  /** The media message, committed; `gone` when the channel was let go of (erased, or quiet) under the upload. */
  private async commitMedia(
    channel: ConversationChannel,
    record: MediaRecord,
    actor: MediaActor,
  ): Promise<SequencedEvent[] | 'gone'> {
    try {
      return await channel.commit(() => {
        channel.conversation.mediaMessage({
          by: record.uploader.kind,
          ...(actor.kind === 'staff' ? { agentId: actor.userId } : {}),
          mediaId: record.id,
          kind: record.kind,
          mime: record.mime,
          bytes: record.bytes,
          ...(record.width === undefined ? {} : { width: record.width }),
          ...(record.height === undefined ? {} : { height: record.height }),
          ...(record.durationMs === undefined ? {} : { durationMs: record.durationMs }),
          ...(record.name === undefined ? {} : { name: record.name }),
        });
      });
    } catch (error) {
      if (error instanceof LivedeskError && error.code === 'not_found') return 'gone';
      throw error;
    }
  }

  private async stillOwned(channel: ConversationChannel, signal: AbortSignal | undefined): Promise<boolean> {
    const check = this.options.stillOwned;
    if (!check) return true;
    // Its opening must be in the store before the store can say the conversation is there.
    await channel.whenSent();
    return check(channel.conversationId, channel.owner.viewerId, signal);
  }

  private async withdraw(record: MediaRecord): Promise<MediaFailure> {
    await this.options.records.delete(record.id);
    await this.dropUnreferenced(record);
    return fail(
      404,
      'not_found',
      'the conversation was erased while the file was being stored; nothing was kept',
    );
  }

  private async restoreIfGone(
    key: string,
    bytes: Uint8Array,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!(await this.options.blobs.has(key))) await this.options.blobs.put(bytes, { signal });
  }

  private async dropUnreferenced(record: Pick<MediaRecord, 'contentKey' | 'thumbKey'>): Promise<void> {
    await dropIfUnreferenced(this.options, record.contentKey);
    if (record.thumbKey) await dropIfUnreferenced(this.options, record.thumbKey);
  }
}

export interface MediaAttachment {
  mediaId: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  name?: string;
  url: string;
  thumbUrl?: string;
}

function fail(status: MediaFailure['status'], error: MediaFailure['error'], message: string): MediaFailure {
  return { ok: false, status, error, message };
}
