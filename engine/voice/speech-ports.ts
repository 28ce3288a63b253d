/**
 * Speech ports: what the engine needs from a speech recogniser and a speech synthesiser. Adapters
 * (adapters/openai) speak the OpenAI-compatible audio endpoints; any local server with that wire works.
 */

/** Audio the engine holds: a whole clip in a container the recogniser reads (WAV, WebM/Opus, MP3, M4A). */
export interface AudioClip {
  bytes: Uint8Array;
  /** The content type decided from the bytes (never from a name or header), e.g. `audio/wav`. */
  mime: string;
}

export interface TranscribeOptions {
  /** An ISO 639-1 hint (`zh`, `en`); omitted, the recogniser decides. */
  language?: string | undefined;
  signal: AbortSignal;
}

export interface Transcript {
  text: string;
  /** The language the recogniser heard, when it says. */
  language?: string | undefined;
  durationMs?: number | undefined;
}

/** A transcript as it grows: interim texts while the recogniser streams, then the final one. */
export interface TranscriptUpdate {
  text: string;
  final: boolean;
}

export interface SpeechToText {
  /** Transcribes one clip. Aborting the signal ends the request at once. */
  transcribe(clip: AudioClip, options: TranscribeOptions): Promise<Transcript>;
  /**
   * The same, streamed where the server supports it (interim updates, then exactly one final); an adapter
   * without streaming yields the final transcript only.
   */
  transcribeStream(clip: AudioClip, options: TranscribeOptions): AsyncIterable<TranscriptUpdate>;
}

export interface SynthesizeOptions {
  voice?: string | undefined;
  language?: string | undefined;
  signal: AbortSignal;
}

/** A piece of synthesised speech: raw 16-bit little-endian mono PCM at `sampleRate`. */
export interface SpeechAudioChunk {
  pcm: Uint8Array;
  sampleRate: number;
}

export interface TextToSpeech {
  /** Speaks `text` as a stream of PCM chunks; aborting the signal stops the stream and the request. */
  synthesize(text: string, options: SynthesizeOptions): AsyncIterable<SpeechAudioChunk>;
}
