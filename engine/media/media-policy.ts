import { z } from 'zod';
import { MediaKindSchema, type MediaKind } from './media-kind.js';
import { carriesActiveContent } from './active-content.js';
import { sniffMediaType, type SniffedType } from './sniff-media-type.js';

const MiB = 1024 * 1024;

/** The operator's rules for uploads (LIVEDESK_MEDIA_*; server/media/media-config.ts reads them). */
export const MediaPolicySchema = z.object({
  /** Kinds accepted at all; `file` (documents) only when the operator says so. */
  allowed: z.array(MediaKindSchema).min(1),
  /** The most bytes of each kind, checked while the body streams in. */
  maxBytes: z.object({
    image: z.number().int().positive(),
    sticker: z.number().int().positive(),
    voice: z.number().int().positive(),
    file: z.number().int().positive(),
  }),
  /** File types accepted as `file` (`pdf`, `text`). */
  fileTypes: z.array(z.enum(['pdf', 'text'])),
  /** Images with more pixels than this are refused before they are decoded (decompression bombs). */
  maxPixels: z.number().int().positive(),
});
export type MediaPolicy = z.infer<typeof MediaPolicySchema>;

export const DEFAULT_MEDIA_POLICY: MediaPolicy = {
  allowed: ['image', 'sticker', 'voice'],
  maxBytes: { image: 10 * MiB, sticker: 2 * MiB, voice: 10 * MiB, file: 20 * MiB },
  fileTypes: ['pdf'],
  maxPixels: 40_000_000,
};

export type MediaDecision =
  | { ok: true; kind: MediaKind; type: SniffedType }
  | { ok: false; reason: 'unsupported_type' | 'too_large' | 'empty'; message: string };

/** The most bytes any upload may have under the policy: the cap while a body's type is not yet known. */
export function largestAllowedBytes(policy: MediaPolicy, requested?: MediaKind): number {
  const kinds = requested ? [requested] : policy.allowed;
  return Math.max(...kinds.map((kind) => policy.maxBytes[kind]));
}

/**
 * The kind of an upload and whether the policy takes it, from its bytes alone (the whole body, or its head
 * while it streams in: `complete` false skips what needs the whole file). `requested` is the sender's
 * `as=sticker`: a sticker must be an image.
 */
export function decideMedia(
  policy: MediaPolicy,
  bytes: Uint8Array,
  options: { requested?: 'sticker' | undefined; complete: boolean },
): MediaDecision {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'the body is empty' };
  const type = sniffMediaType(bytes);
  if (!type) return refuse('the content is not an image, voice clip or file type this desk takes');
  const kind = kindOf(type, policy, options.requested);
  if (!kind) return refuse(`${type.mime} is not accepted here`);
  if (!policy.allowed.includes(kind)) return refuse(`${kind} uploads are not accepted here`);
  if (bytes.length > policy.maxBytes[kind])
    return {
      ok: false,
      reason: 'too_large',
      message: `a ${kind} may have at most ${policy.maxBytes[kind]} bytes`,
    };
  if (options.complete && carriesActiveContent(bytes, type.family))
    return refuse('the file carries markup or script');
  return { ok: true, kind, type };
}

function kindOf(
  type: SniffedType,
  policy: MediaPolicy,
  requested: 'sticker' | undefined,
): MediaKind | undefined {
  if (requested === 'sticker') return type.family === 'image' ? 'sticker' : undefined;
  if (type.family === 'image') return 'image';
  if (type.family === 'audio') return 'voice';
  return (policy.fileTypes as readonly string[]).includes(type.fileType) ? 'file' : undefined;
}

const refuse = (message: string): MediaDecision => ({ ok: false, reason: 'unsupported_type', message });
