import type { Scheduler } from '../../engine/conversation/conversation.js';
import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import { mediaHandoffLine } from '../../engine/media/media-handoff-lines.js';
import type { MediaRecord } from '../../engine/media/media-record.js';
import { viewerWordsBefore } from '../../engine/media/words-around-media.js';
import { maskPiiText } from '../../engine/privacy/mask-pii.js';
import type { SpeechToText } from '../../engine/voice/speech-ports.js';
import type { ConversationChannel } from '../realtime/conversation-channel.js';
import type { MediaMetrics } from './media-metrics.js';
import type { MediaMessageEvent } from './media-service.js';
import { createWorkGate, type WorkGateLimits } from './work-gate.js';

export interface MediaAssistantOptions {
  blobs: MediaBlobStore;
  /** The recogniser for voice clips (LIVEDESK_STT_*); absent: clips are kept for agents. */
  stt?: SpeechToText | undefined;
  sttTimeoutMs: number;
  /**
   * Clips transcribed at once on this node, and clips waiting for a turn; past both a clip is not
   * transcribed (kept for people, handed to them while the AI has the conversation). Default 4 and 32.
   */
  transcription?: WorkGateLimits | undefined;
  /** The LLM reads images (LIVEDESK_LLM_VISION): the image goes to it at most this big (else its preview). */
  vision?: { maxBytes: number } | undefined;
  /** The desk team a media handoff goes to, from the viewer's words around it (empty: none). */
  route: (words: string, signal: AbortSignal) => Promise<string>;
  /** Viewer words this close before an image are what it is about. */
  contextWindowMs: number;
  /** With no words before it, how long to wait for some before handing an image to a person. */
  wordsWaitMs: number;
  schedule?: Scheduler | undefined;
  onError?: ((error: unknown, context: { conversationId: string; mediaId: string }) => void) | undefined;
  /** Counts clips refused by a full transcription queue (/metrics). */
  metrics?: Pick<MediaMetrics, 'transcriptionRefused'> | undefined;
}

export interface MediaAssistant {
  /** What the AI does with a viewer's committed media message (MediaService's `onViewerMedia`). */
  onViewerMedia: (channel: ConversationChannel, event: MediaMessageEvent, record: MediaRecord) => void;
}

const DEFAULT_TRANSCRIPTION_LIMITS: WorkGateLimits = { concurrent: 4, queued: 32 };

const defaultScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * What the AI does with what a viewer sends (issue 17, part 2). A voice clip is transcribed, when a
 * recogniser is configured, and answered like a final voice transcript (the transcript follows the clip as a
 * viewer message). An image goes to a model that reads images with the viewer's words around it, when one
 * is configured and there are words; otherwise the viewer is told plainly that a person will look at it, and
 * the conversation is handed to people, routed by those words (a top-up screenshot with "充值没到账" reaches
 * the team that settles top-ups, where the ticket lists the image). A clip with no recogniser and a file go
 * to people the same way; a sticker is a reaction and gets no answer. While people have the conversation
 * they see the media themselves, and a clip is still transcribed so they read its words beside the player.
 * Clip transcription is bounded per node (`transcription`): a burst of clips waits in a short queue, and a
 * clip that finds it full is left for people, told in the log, never an unbounded pile of requests.
 */
export function createMediaAssistant(options: MediaAssistantOptions): MediaAssistant {
  const schedule = options.schedule ?? defaultScheduler;
  const transcriptions = createWorkGate(options.transcription ?? DEFAULT_TRANSCRIPTION_LIMITS);

  const readAll = async (key: string): Promise<Uint8Array | undefined> => {
    const blob = await options.blobs.get(key, {});
    if (!blob) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of blob.body) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  };

  const withAi = (channel: ConversationChannel) => channel.conversation.state === 'ai';

  /** Tells the viewer a person will see to it, and hands the conversation over to the routed team. */
  const handToPerson = async (
    channel: ConversationChannel,
    event: MediaMessageEvent,
    words: string,
  ): Promise<void> => {
    const kind = event.kind;
    if (kind === 'sticker' || !withAi(channel)) return;
    const team = await options.route(words, AbortSignal.timeout(5_000));
    if (!withAi(channel)) return;
    const { conversation } = channel;
    const what = event.kind === 'image' ? 'an image' : event.kind === 'voice' ? 'a voice clip' : 'a file';
    await channel.commit(() => {
      conversation.systemMessage({
        kind: 'notice',
        text: conversation.inViewerScript(mediaHandoffLine(kind, conversation.language)),
      });
      conversation.handOff({
        reasons: ['low_confidence'],
        details: [
          `the viewer sent ${what} (${event.mime}, media ${event.mediaId}) the assistant cannot ${event.kind === 'voice' ? 'hear' : 'see'}`,
          ...(words === '' ? [] : [`their words around it: ${maskPiiText(words)}`]),
        ],
        priority: 'normal',
        team,
      });
    });
  };

  const hear = async (
    channel: ConversationChannel,
    event: MediaMessageEvent,
    record: MediaRecord,
    stt: SpeechToText,
  ) => {
    const context = { conversationId: channel.conversationId, mediaId: record.id };
    const heard = transcriptions.run(async () => {
      const bytes = await readAll(record.contentKey);
      if (!bytes) return undefined;
      // The timeout runs from the request, not from the wait for a place.
      return stt.transcribe(
        { bytes, mime: record.mime },
        { language: channel.conversation.language, signal: AbortSignal.timeout(options.sttTimeoutMs) },
      );
    });
    if (!heard) {
      options.metrics?.transcriptionRefused();
      options.onError?.(
        new Error(
          `clip transcription is full (${transcriptions.running} running, ${transcriptions.waiting} waiting); the clip is left for people`,
        ),
        context,
      );
      return handToPerson(channel, event, '');
    }
    const transcript = await heard.catch((error: unknown) => {
      options.onError?.(error, context);
      return undefined;
    });
    const text = transcript?.text.trim() ?? '';
    if (text === '') return handToPerson(channel, event, '');
    await channel.commit(() =>
      channel.conversation.voiceTranscript({
        text,
        final: true,
        durationMs: record.durationMs ?? transcript?.durationMs,
        clientMessageId: `media:${event.messageId}`,
      }),
    );
  };

  /** The viewer's words before the media, else the first message they send within the wait. */
  const wordsFor = (channel: ConversationChannel, event: MediaMessageEvent): Promise<string> => {
    const before = viewerWordsBefore(channel.conversation.transcript, {
      atMs: Date.parse(event.at),
      windowMs: options.contextWindowMs,
    });
    if (before !== '' || options.wordsWaitMs === 0) return Promise.resolve(before);
    return new Promise((resolve) => {
      let cancel: () => void = () => undefined;
      const unsubscribe = channel.subscribe(({ event: next }) => {
        if (next.type !== 'viewer-message' || next.text.trim() === '') return;
        finish(next.text.trim());
      });
      const finish = (words: string) => {
        unsubscribe();
        cancel();
        resolve(words);
      };
      cancel = schedule(() => finish(''), options.wordsWaitMs);
    });
  };

  const look = async (channel: ConversationChannel, event: MediaMessageEvent, record: MediaRecord) => {
    const words = await wordsFor(channel, event);
    const vision = options.vision;
    if (vision && words !== '' && withAi(channel)) {
      const key = record.bytes <= vision.maxBytes ? record.contentKey : record.thumbKey;
      const mime = key === record.contentKey ? record.mime : 'image/webp';
      const bytes = key === undefined ? undefined : await readAll(key);
      if (bytes && bytes.byteLength <= vision.maxBytes) {
        const dataUrl = `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
        await channel.commit(() => {
          channel.conversation.askAboutImage({ text: words, images: [{ mime, dataUrl }] });
        });
        return;
      }
    }
    await handToPerson(channel, event, words);
  };

  const run = async (channel: ConversationChannel, event: MediaMessageEvent, record: MediaRecord) => {
    switch (event.kind) {
      case 'voice':
        // Transcribed even while people have the conversation: they read what the clip says.
        if (options.stt) return hear(channel, event, record, options.stt);
        return handToPerson(channel, event, '');
      case 'image':
        if (!withAi(channel)) return;
        return look(channel, event, record);
      case 'file':
        return handToPerson(channel, event, await wordsFor(channel, event));
      case 'sticker':
        return;
    }
  };

  return {
    onViewerMedia: (channel, event, record) => {
      run(channel, event, record).catch((error: unknown) =>
        options.onError?.(error, { conversationId: channel.conversationId, mediaId: record.id }),
      );
    },
  };
}
