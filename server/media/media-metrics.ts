import { Counter, type Registry } from 'prom-client';
import type { MediaKind } from '../../engine/media/media-kind.js';

/** Why an upload was refused (the error code its answer carries). */
export type MediaRefusal =
  | 'too_large'
  | 'unsupported_type'
  | 'invalid_image'
  | 'invalid_audio'
  | 'empty'
  | 'rate_limited'
  | 'forbidden'
  | 'conflict';

export interface MediaMetrics {
  uploaded(kind: MediaKind, bytes: number): void;
  refused(reason: MediaRefusal): void;
  /** A voice clip found clip transcription full (server/media/work-gate.ts): left for people, not heard. */
  transcriptionRefused(): void;
}

/** Uploads stored (by kind, with their bytes) and refused (by reason), on the server's registry. */
export function registerMediaMetrics(registry: Registry): MediaMetrics {
  const uploads = new Counter({
    name: 'livedesk_media_uploads_total',
    help: 'Media uploads stored, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const bytes = new Counter({
    name: 'livedesk_media_upload_bytes_total',
    help: 'Bytes of media stored (after re-encoding), by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'livedesk_media_refused_total',
    help: 'Media uploads refused, by reason (too_large, unsupported_type, invalid_image, invalid_audio, empty, rate_limited, forbidden, conflict)',
    labelNames: ['reason'],
    registers: [registry],
  });
  const transcriptionsRefused = new Counter({
    name: 'livedesk_media_clip_transcriptions_refused_total',
    help: 'Voice clips not transcribed because clip transcription was full (running and queue); left for people',
    registers: [registry],
  });
  return {
    transcriptionRefused: () => transcriptionsRefused.inc(),
    uploaded: (kind, size) => {
      uploads.inc({ kind });
      bytes.inc({ kind }, size);
    },
    refused: (reason) => refused.inc({ reason }),
  };
}

export function uncountedMediaMetrics(): MediaMetrics {
  return { uploaded: () => undefined, refused: () => undefined, transcriptionRefused: () => undefined };
}
