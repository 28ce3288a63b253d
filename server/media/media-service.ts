import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ImageProcessor } from '../../engine/media/image-processor.js';
import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import type { MediaKind } from '../../engine/media/media-kind.js';
import { decideMedia, largestAllowedBytes, type MediaPolicy } from '../../engine/media/media-policy.js';
import type { MediaRecord, MediaRecordStore } from '../../engine/media/media-record.js';
import { wavDurationMs } from '../../engine/media/wav-duration.js';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import type { ConversationChannel } from '../realtime/conversation-channel.js';
import type { ConversationAccess } from '../http/conversation-access-guard.js';
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
    const result = await this.tryUpload(request);
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

  private async tryUpload(request: UploadRequest): Promise<UploadResult> {
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
    return this.store(request, { kind: decision.kind, ...stored.value });
  }

  /** Images are re-encoded (metadata gone) with a thumbnail; everything else is kept as it came. */
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
    const durationMs = mime === 'audio/wav' ? wavDurationMs(bytes) : undefined;
    return { ok: true, value: { mime, bytes, ...(durationMs === undefined ? {} : { durationMs }) } };
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
  ): Promise<UploadResult> {
    const { actor, conversationId, signal } = request;
    const channel = await this.options.load(conversationId);
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
    const committed = await channel.commit(() => {
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
    const item = committed.find((candidate) => candidate.event.type === 'media-message');
    if (!item || item.sequence === undefined) {
      await this.options.records.delete(record.id);
      await this.dropUnreferenced(record);
      return item
        ? fail(503, 'unavailable', 'the message could not be stored; try again')
        : fail(409, 'conflict', 'the conversation is not with a person');
    }
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
   * reach and that they hold (the agent the desk gave it to, with it accepted).
   */
  private async refuseSender(
    actor: MediaActor,
    conversationId: string,
    signal?: AbortSignal,
  ): Promise<MediaFailure | undefined> {
    if (actor.kind === 'viewer') {
      const owner = await this.options.ownerOf(conversationId, signal);
      if (owner === undefined) return fail(404, 'not_found', `no conversation ${conversationId}`);
      return owner === actor.viewerId
        ? undefined
        : fail(403, 'forbidden', 'a viewer sends only into their own conversation');
    }
    const reach = await this.options.access.reach(actor, conversationId, signal);
    if (reach === 'unknown') return fail(404, 'not_found', `no conversation ${conversationId}`);
    const held = this.options.desk(conversationId);
    if (reach !== 'allowed' || held?.agentId !== actor.userId || held.status !== 'active')
      return fail(403, 'forbidden', 'only the agent holding the conversation sends into it');
    return undefined;
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
