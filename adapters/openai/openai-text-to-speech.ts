import type { SpeechAudioChunk, SynthesizeOptions, TextToSpeech } from '../../engine/voice/speech-ports.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { describeEndpoint } from './describe-endpoint.js';
import { failure, postSpeechRequest, type SpeechEndpointOptions } from './speech-request.js';

export interface OpenAITextToSpeechOptions extends SpeechEndpointOptions {
  /** The voice asked for when the caller names none (e.g. `alloy`). */
  voice: string;
  /** What `response_format=pcm` means on the wire: OpenAI's is 24 kHz 16-bit mono. Default 24000. */
  sampleRate?: number | undefined;
}

/** Input the synthesiser takes in one request at most (OpenAI's limit is 4096 characters). */
const MAX_INPUT_CHARS = 4096;

/**
 * Text to speech over `POST {baseURL}/audio/speech` with `response_format=pcm`: raw 16-bit mono PCM,
 * yielded as the body arrives (each chunk an even number of bytes), so playback starts before the end.
 */
export function createOpenAITextToSpeech(options: OpenAITextToSpeechOptions): TextToSpeech {
  const where = `the speech server at ${describeEndpoint(options.baseURL)}`;
  const sampleRate = options.sampleRate ?? 24_000;
  return {
    async *synthesize(text: string, { voice, signal }: SynthesizeOptions): AsyncIterable<SpeechAudioChunk> {
      if (text.trim() === '') return;
      if (text.length > MAX_INPUT_CHARS)
        throw new LivedeskError('invalid_input', `text to speak is limited to ${MAX_INPUT_CHARS} characters`);
      const body = JSON.stringify({
        model: options.model,
        voice: voice ?? options.voice,
        input: text,
        response_format: 'pcm',
      });
      const { response, signal: bounded } = await postSpeechRequest(options, '/audio/speech', body, signal);
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('json') || type.startsWith('text/')) {
        await response.body?.cancel().catch(() => undefined);
        throw new LivedeskError('unavailable', `${where} answered ${type}, not audio`);
      }
      let odd: number | undefined;
      try {
        const body = response.body as ReadableStream<Uint8Array>;
        for await (const bytes of body) {
          // A sample may be split between two network chunks: keep its first byte for the next.
          const joined = odd === undefined ? bytes : concat(odd, bytes);
          const even = joined.length & ~1;
          odd = even < joined.length ? joined[even] : undefined;
          if (even > 0) yield { pcm: joined.subarray(0, even), sampleRate };
        }
      } catch (error) {
        throw failure(error, bounded, where);
      }
    },
  };
}

function concat(first: number, rest: Uint8Array): Uint8Array {
  const joined = new Uint8Array(rest.length + 1);
  joined[0] = first;
  joined.set(rest, 1);
  return joined;
}
