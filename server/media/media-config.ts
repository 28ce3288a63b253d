import path from 'node:path';
import { z } from 'zod';
import { MediaKindSchema, type MediaKind } from '../../engine/media/media-kind.js';
import {
  DEFAULT_MEDIA_POLICY,
  MediaPolicySchema,
  type MediaPolicy,
} from '../../engine/media/media-policy.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** `10MiB`, `512KiB`, `2000000`: a byte count with an optional binary unit. */
const BYTE_SIZE = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)?$/i;
const UNIT: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

function parseByteSize(text: string): number | undefined {
  const match = BYTE_SIZE.exec(text.trim());
  if (!match) return undefined;
  const bytes = Math.round(Number(match[1]) * UNIT[(match[2] ?? 'b').toLowerCase()]!);
  return bytes > 0 ? bytes : undefined;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const MediaEnvironmentSchema = z.object({
  /** Kinds viewers and agents may send: `image,sticker,voice` by default; add `file` for documents. */
  LIVEDESK_MEDIA_ALLOWED: optionalText,
  /** Per-kind caps, e.g. `image=10MiB,voice=5MiB,file=20MiB`; kinds left out keep their defaults. */
  LIVEDESK_MEDIA_MAX_BYTES: optionalText,
  /** File types accepted as `file` when `file` is allowed: `pdf` (default), `text`. */
  LIVEDESK_MEDIA_FILE_TYPES: optionalText,
  /** Images with more pixels are refused before decoding (decompression bombs). */
  LIVEDESK_MEDIA_MAX_PIXELS: z.coerce.number().int().min(1).max(1_000_000_000).default(40_000_000),
  /** The blob folder; default `<LIVEDESK_DATA_DIR>/media`. */
  LIVEDESK_MEDIA_DIR: optionalText,
  /** How long a signed media link works (seconds). */
  LIVEDESK_MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Uploads per second one viewer (or one staff member) may make, and per client address; bursts of 10 s. */
  LIVEDESK_MEDIA_UPLOADS_PER_SECOND: z.coerce.number().positive().max(10_000).default(0.5),
  LIVEDESK_ADDRESS_MEDIA_UPLOADS_PER_SECOND: z.coerce.number().positive().max(100_000).default(5),
  /** The LLM (LIVEDESK_LLM_*) reads images: viewers' images go to it as OpenAI image content. */
  LIVEDESK_LLM_VISION: flag.default(false),
  /** The most bytes of an image sent to the vision model (the re-encoded image, else its thumbnail). */
  LIVEDESK_LLM_VISION_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(20 * 1024 * 1024)
    .default(1024 * 1024),
  /** Viewer words this close (ms) before or after an image are what the image is about. */
  LIVEDESK_MEDIA_CONTEXT_WINDOW_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** How long a handoff for an image sent with no words waits for the viewer to say what it shows. */
  LIVEDESK_MEDIA_WORDS_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(8_000),
  /** How often blobs no media record points at are swept away (minutes; 0: never). */
  LIVEDESK_MEDIA_SWEEP_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** A blob younger than this is spared by the sweep (an upload between its blob and its record). */
  LIVEDESK_MEDIA_ORPHAN_GRACE_MINUTES: z.coerce.number().int().min(5).max(10_080).default(60),
});

export interface MediaConfig {
  policy: MediaPolicy;
  /** The filesystem blob store's folder. */
  directory: string;
  urlTtlSeconds: number;
  /** Uploads per second (burst: 10 s worth, at least 3) per sender and per address. */
  uploadsPerSecond: { sender: number; address: number };
  /** Images reach the LLM composer as image content (LIVEDESK_LLM_VISION; needs LIVEDESK_LLM_*). */
  vision?: { maxBytes: number } | undefined;
  contextWindowMs: number;
  wordsWaitMs: number;
  /** The orphan blob sweep (server/media/media-orphan-sweep.ts); `intervalMs` 0 turns it off. */
  sweep: { intervalMs: number; graceMs: number };
}

export type MediaConfigResult = { ok: true; config: MediaConfig } | { ok: false; problems: string[] };

/** Reads LIVEDESK_MEDIA_* (and LIVEDESK_LLM_VISION) into a checked upload policy. */
export function readMediaConfig(environment: NodeJS.ProcessEnv, dataDir: string): MediaConfigResult {
  const parsed = MediaEnvironmentSchema.safeParse(environment);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  const env = parsed.data;
  const problems: string[] = [];
  const allowed =
    env.LIVEDESK_MEDIA_ALLOWED === undefined
      ? DEFAULT_MEDIA_POLICY.allowed
      : list(env.LIVEDESK_MEDIA_ALLOWED);
  for (const kind of allowed)
    if (!MediaKindSchema.safeParse(kind).success)
      problems.push(`LIVEDESK_MEDIA_ALLOWED: ${kind} is not one of ${MediaKindSchema.options.join(', ')}`);
  const maxBytes = { ...DEFAULT_MEDIA_POLICY.maxBytes };
  for (const item of list(env.LIVEDESK_MEDIA_MAX_BYTES)) {
    const [kind, size] = item.split('=').map((part) => part.trim());
    const bytes = size === undefined ? undefined : parseByteSize(size);
    if (!MediaKindSchema.safeParse(kind).success || bytes === undefined) {
      problems.push(`LIVEDESK_MEDIA_MAX_BYTES: "${item}" is not kind=size (e.g. image=10MiB)`);
      continue;
    }
    maxBytes[kind as MediaKind] = bytes;
  }
  const fileTypes =
    env.LIVEDESK_MEDIA_FILE_TYPES === undefined
      ? DEFAULT_MEDIA_POLICY.fileTypes
      : list(env.LIVEDESK_MEDIA_FILE_TYPES);
  const policy = MediaPolicySchema.safeParse({
    allowed,
    maxBytes,
    fileTypes,
    maxPixels: env.LIVEDESK_MEDIA_MAX_PIXELS,
  });
  if (!policy.success)
    problems.push(
      ...policy.error.issues.map((issue) => `LIVEDESK_MEDIA_${issue.path.join('.')}: ${issue.message}`),
    );
  if (problems.length > 0 || !policy.success) return { ok: false, problems };
  return {
    ok: true,
    config: {
      policy: policy.data,
      directory: path.resolve(env.LIVEDESK_MEDIA_DIR ?? path.join(dataDir, 'media')),
      urlTtlSeconds: env.LIVEDESK_MEDIA_URL_TTL_SECONDS,
      uploadsPerSecond: {
        sender: env.LIVEDESK_MEDIA_UPLOADS_PER_SECOND,
        address: env.LIVEDESK_ADDRESS_MEDIA_UPLOADS_PER_SECOND,
      },
      vision: env.LIVEDESK_LLM_VISION ? { maxBytes: env.LIVEDESK_LLM_VISION_MAX_BYTES } : undefined,
      contextWindowMs: env.LIVEDESK_MEDIA_CONTEXT_WINDOW_MS,
      wordsWaitMs: env.LIVEDESK_MEDIA_WORDS_WAIT_MS,
      sweep: {
        intervalMs: env.LIVEDESK_MEDIA_SWEEP_INTERVAL_MINUTES * 60_000,
        graceMs: env.LIVEDESK_MEDIA_ORPHAN_GRACE_MINUTES * 60_000,
      },
    },
  };
}
