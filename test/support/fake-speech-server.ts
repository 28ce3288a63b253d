import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { pcm16FromBytes } from '../../engine/voice/pcm-wav.js';

/** A clip the fake recogniser received, decoded (WAV, 16-bit PCM only: what Livedesk sends). */
export interface HeardAudio {
  samples: Int16Array;
  sampleRate: number;
  durationMs: number;
  language?: string | undefined;
}

export interface TranscriptionRecord {
  model: string;
  language?: string | undefined;
  stream: boolean;
  durationMs: number;
  text: string;
  receivedAt: number;
}

export interface SpeechRecord {
  model: string;
  voice: string;
  input: string;
  /** Bytes of PCM written before the response ended or the client hung up. */
  bytesSent: number;
  clientClosedEarly: boolean;
  receivedAt: number;
  closedAt?: number | undefined;
}

export interface FakeSpeechServerOptions {
  /** What the recogniser "hears" in a clip; default: `''`. */
  transcribe?: ((audio: HeardAudio) => string) | undefined;
  /** Whether `stream=true` is honoured with server-sent events (else plain JSON). Default true. */
  streaming?: boolean | undefined;
  /** Answer `stream=true` with HTTP 400, as a server that does not know the parameter may. */
  refuseStream?: boolean | undefined;
  /** Transcription: wait this long before answering (a busy recogniser). Default 0. */
  transcribeDelayMs?: number | undefined;
  /** Speech: milliseconds of tone per character of input. Default 60. */
  msPerChar?: number | undefined;
  /** Speech: milliseconds of audio per written chunk. Default 100. */
  chunkMs?: number | undefined;
  /** Speech: wait this long between chunks (a server synthesising as it goes). Default 0. */
  chunkDelayMs?: number | undefined;
  apiKey?: string | undefined;
}

export interface FakeSpeechServer {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
  readonly transcriptions: readonly TranscriptionRecord[];
  readonly speeches: readonly SpeechRecord[];
  /** The most transcription requests that were open at once. */
  readonly peakOpenTranscriptions: number;
  /** The PCM sample rate of `/audio/speech` (OpenAI's `pcm`: 24 kHz). */
  readonly speechSampleRate: number;
  /** Samples the fake speaks for `text`: positions in its audio map back to characters exactly. */
  samplesFor(text: string): number;
  setTranscriber(transcribe: (audio: HeardAudio) => string): void;
  close(): Promise<void>;
}

const SPEECH_SAMPLE_RATE = 24_000;

const SpeechRequestSchema = z.object({
  model: z.string().min(1),
  voice: z.string().min(1),
  input: z.string().min(1).max(4096),
  response_format: z.literal('pcm'),
});

/**
 * A local stand-in for an OpenAI-compatible speech server, speaking its wire: `POST /v1/audio/transcriptions`
 * (multipart; JSON, or server-sent `transcript.text.delta` / `transcript.text.done` with `stream=true`)
 * and `POST /v1/audio/speech` (`response_format=pcm`: 24 kHz 16-bit mono, streamed in chunks). Its speech
 * is a tone `msPerChar` long per character, so a position in the audio is a position in the text.
 */
export async function startFakeSpeechServer(
  options: FakeSpeechServerOptions = {},
): Promise<FakeSpeechServer> {
  let transcribe = options.transcribe ?? (() => '');
  const streaming = options.streaming ?? true;
  const msPerChar = options.msPerChar ?? 60;
  const chunkMs = options.chunkMs ?? 100;
  const transcriptions: TranscriptionRecord[] = [];
  const speeches: SpeechRecord[] = [];
  let openTranscriptions = 0;
  let peakOpenTranscriptions = 0;
  const samplesFor = (text: string) => Math.round((text.length * msPerChar * SPEECH_SAMPLE_RATE) / 1000);

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, String(error));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendError(response, 401, 'invalid api key');
      return;
    }
    if (request.method === 'POST' && request.url === '/v1/audio/transcriptions') {
      openTranscriptions++;
      peakOpenTranscriptions = Math.max(peakOpenTranscriptions, openTranscriptions);
      try {
        const body = await readBody(request);
        if (options.transcribeDelayMs) await pause(options.transcribeDelayMs);
        await answerTranscription(request, body, response);
      } finally {
        openTranscriptions--;
      }
      return;
    }
    const body = await readBody(request);
    if (request.method === 'POST' && request.url === '/v1/audio/speech') {
      await answerSpeech(body, request, response);
      return;
    }
    sendError(response, 404, 'no such route');
  }

  async function answerTranscription(
    request: IncomingMessage,
    body: Buffer,
    response: ServerResponse,
  ): Promise<void> {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body,
    })
      .formData()
      .catch(() => undefined);
    const file = form?.get('file');
    const model = form?.get('model');
    if (!form || !(file instanceof Blob) || typeof model !== 'string') {
      sendError(response, 400, 'file and model are required');
      return;
    }
    const audio = decodeWav(new Uint8Array(await file.arrayBuffer()));
    if (!audio) {
      sendError(response, 400, 'the file is not 16-bit PCM WAV');
      return;
    }
    if (options.refuseStream && form.get('stream') !== null) {
      sendError(response, 400, 'unknown parameter: stream');
      return;
    }
    const language = stringField(form.get('language'));
    const stream = form.get('stream') === 'true' && streaming;
    const text = transcribe({ ...audio, language });
    transcriptions.push({
      model,
      language,
      stream,
      durationMs: audio.durationMs,
      text,
      receivedAt: performance.now(),
    });
    if (!stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ text }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const piece of text.match(/\S+\s*|\s+/gu) ?? []) {
      response.write(`data: ${JSON.stringify({ type: 'transcript.text.delta', delta: piece })}\n\n`);
      await pause(1);
    }
    response.end(`data: ${JSON.stringify({ type: 'transcript.text.done', text })}\n\n`);
  }

  async function answerSpeech(
    body: Buffer,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      sendError(response, 400, 'the body is not JSON');
      return;
    }
    const parsed = SpeechRequestSchema.safeParse(json);
    if (!parsed.success) {
      sendError(response, 400, parsed.error.issues.map((issue) => issue.message).join('; '));
      return;
    }
    const record: SpeechRecord = {
      model: parsed.data.model,
      voice: parsed.data.voice,
      input: parsed.data.input,
      bytesSent: 0,
      clientClosedEarly: false,
      receivedAt: performance.now(),
    };
    speeches.push(record);
    response.on('close', () => {
      record.closedAt = performance.now();
      record.clientClosedEarly = !response.writableFinished;
    });
    request.on('aborted', () => (record.clientClosedEarly = true));
    response.writeHead(200, { 'content-type': 'audio/pcm' });
    const total = samplesFor(parsed.data.input);
    const perChunk = Math.round((chunkMs * SPEECH_SAMPLE_RATE) / 1000);
    for (let start = 0; start < total; start += perChunk) {
      if (response.destroyed) return;
      const chunk = tone(start, Math.min(perChunk, total - start));
      response.write(chunk);
      record.bytesSent += chunk.length;
      if (options.chunkDelayMs) await pause(options.chunkDelayMs);
    }
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    transcriptions,
    speeches,
    get peakOpenTranscriptions() {
      return peakOpenTranscriptions;
    },
    speechSampleRate: SPEECH_SAMPLE_RATE,
    samplesFor,
    setTranscriber(next) {
      transcribe = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A 440 Hz tone at a fifth of full scale, continuous across chunks. */
function tone(startSample: number, samples: number): Buffer {
  const bytes = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++) {
    const value = Math.round(
      6500 * Math.sin((2 * Math.PI * 440 * (startSample + index)) / SPEECH_SAMPLE_RATE),
    );
    bytes.writeInt16LE(value, index * 2);
  }
  return bytes;
}

/** The samples of a 16-bit mono PCM WAV, found by walking its chunks (any header length). */
export function decodeWav(bytes: Uint8Array): Omit<HeardAudio, 'language'> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') return undefined;
  let sampleRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ') {
      if (view.getUint16(offset + 8, true) !== 1 || view.getUint16(offset + 22, true) !== 16)
        return undefined;
      sampleRate = view.getUint32(offset + 12, true);
    }
    if (id === 'data' && sampleRate !== undefined) {
      const samples = pcm16FromBytes(bytes.subarray(offset + 8, offset + 8 + size));
      return { samples, sampleRate, durationMs: (samples.length * 1000) / sampleRate };
    }
    offset += 8 + size + (size & 1);
  }
  return undefined;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendError(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
