import { z } from 'zod';
import type {
  AudioClip,
  SpeechToText,
  TranscribeOptions,
  Transcript,
  TranscriptUpdate,
} from '../../engine/voice/speech-ports.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { describeEndpoint } from './describe-endpoint.js';
import { serverSentData } from './server-sent-events.js';
import { failure, postSpeechRequest, type SpeechEndpointOptions } from './speech-request.js';

export interface OpenAISpeechToTextOptions extends SpeechEndpointOptions {
  /**
   * Ask for streamed transcripts (`stream=true`, server-sent `transcript.text.delta` / `.done`). A server
   * that answers plain JSON instead is read as whole; one that refuses the parameter (HTTP 400) is asked
   * without it from then on. Default true.
   */
  stream?: boolean | undefined;
}

const TranscriptionSchema = z.object({
  text: z.string().max(100_000),
  language: z.string().max(32).optional(),
  duration: z.number().nonnegative().optional(),
});

const StreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transcript.text.delta'), delta: z.string() }),
  z.object({ type: z.literal('transcript.text.done'), text: z.string() }),
]);

const EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/wav': 'wav',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

/** Speech to text over `POST {baseURL}/audio/transcriptions` (OpenAI's wire; local servers speak it too). */
export function createOpenAISpeechToText(options: OpenAISpeechToTextOptions): SpeechToText {
  const where = `the speech server at ${describeEndpoint(options.baseURL)}`;
  let streams = options.stream ?? true;

  const form = (clip: AudioClip, language: string | undefined, stream: boolean): FormData => {
    const body = new FormData();
    const extension = EXTENSIONS[clip.mime.split(';')[0]!.trim()] ?? 'bin';
    body.append('file', new Blob([clip.bytes], { type: clip.mime }), `audio.${extension}`);
    body.append('model', options.model);
    body.append('response_format', 'json');
    if (language) body.append('language', language);
    if (stream) body.append('stream', 'true');
    return body;
  };

  const parseWhole = async (response: Response, signal: AbortSignal): Promise<Transcript> => {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw failure(error, signal, where);
    }
    const parsed = TranscriptionSchema.safeParse(json);
    if (!parsed.success)
      throw new LivedeskError('unavailable', `${where} answered a transcription of the wrong shape`);
    return {
      text: parsed.data.text.trim(),
      language: parsed.data.language,
      durationMs: parsed.data.duration === undefined ? undefined : Math.round(parsed.data.duration * 1000),
    };
  };

  const transcribe = async (
    clip: AudioClip,
    { language, signal }: TranscribeOptions,
  ): Promise<Transcript> => {
    const { response, signal: bounded } = await postSpeechRequest(
      options,
      '/audio/transcriptions',
      form(clip, language, false),
      signal,
    );
    return parseWhole(response, bounded);
  };

  async function* transcribeStream(
    clip: AudioClip,
    { language, signal }: TranscribeOptions,
  ): AsyncIterable<TranscriptUpdate> {
    if (!streams) {
      yield { text: (await transcribe(clip, { language, signal })).text, final: true };
      return;
    }
    let posted;
    try {
      posted = await postSpeechRequest(options, '/audio/transcriptions', form(clip, language, true), signal);
    } catch (error) {
      // A server without streaming may refuse the parameter: ask it whole, now and from now on.
      if (!(error instanceof LivedeskError) || error.code !== 'invalid_input') throw error;
      streams = false;
      yield { text: (await transcribe(clip, { language, signal })).text, final: true };
      return;
    }
    const { response, signal: bounded } = posted;
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      yield { text: (await parseWhole(response, bounded)).text, final: true };
      return;
    }
    let text = '';
    try {
      for await (const data of serverSentData(response.body!)) {
        let json: unknown;
        try {
          json = JSON.parse(data);
        } catch {
          throw new LivedeskError('unavailable', `${where} streamed an event that is not JSON`);
        }
        const event = StreamEventSchema.safeParse(json);
        // Other event types (logprobs, usage) are not ours to read.
        if (!event.success) continue;
        if (event.data.type === 'transcript.text.done') {
          yield { text: event.data.text.trim(), final: true };
          return;
        }
        text += event.data.delta;
        yield { text: text.trim(), final: false };
      }
    } catch (error) {
      throw failure(error, bounded, where);
    }
    throw new LivedeskError('unavailable', `${where} ended the transcript stream without its final text`);
  }

  return { transcribe, transcribeStream };
}
