/**
 * The microphone for streamed voice (server/voice/voice-frames.ts): 16 kHz mono PCM16LE in 20 ms pieces,
 * given to `send` (the viewer socket's binary messages after `voice-start`). The browser resamples: the
 * audio graph runs at 16 kHz, and an AudioWorklet hands its samples over off the page's main work.
 */

import { VOICE_CAPTURE_WORKLET_SOURCE } from './voice-capture-worklet.js';

export { VOICE_CAPTURE_WORKLET_ASSET } from './voice-capture-worklet.js';

export const VOICE_SAMPLE_RATE = 16_000;
/** 20 ms: small enough that speech starts reach the server at once, large enough to be cheap. */
const PIECE_SAMPLES = 320;

export interface VoiceCapture {
  /** Stops the microphone and the audio graph; the last partial piece is sent. */
  stop(): Promise<void>;
}

export interface VoiceCaptureOptions {
  send: (pcm: ArrayBuffer) => void;
  /** A stream to capture instead of asking for the microphone (tests, a chosen device). */
  stream?: MediaStream;
  /** Where the worklet is served (the server's pages: VOICE_CAPTURE_WORKLET_ASSET); absent: loaded from a blob. */
  workletUrl?: string;
}

export async function startVoiceCapture(options: VoiceCaptureOptions): Promise<VoiceCapture> {
  const stream =
    options.stream ??
    (await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    }));
  const context = new AudioContext({ sampleRate: VOICE_SAMPLE_RATE });
  if (options.workletUrl !== undefined) await context.audioWorklet.addModule(options.workletUrl);
  else {
    const moduleUrl = URL.createObjectURL(
      new Blob([VOICE_CAPTURE_WORKLET_SOURCE], { type: 'text/javascript' }),
    );
    try {
      await context.audioWorklet.addModule(moduleUrl);
    } finally {
      URL.revokeObjectURL(moduleUrl);
    }
  }
  const source = context.createMediaStreamSource(stream);
  const capture = new AudioWorkletNode(context, 'livedesk-capture', {
    numberOfInputs: 1,
    numberOfOutputs: 0,
  });
  const piece = new Int16Array(PIECE_SAMPLES);
  let filled = 0;
  const flush = (): void => {
    if (filled === 0) return;
    options.send(piece.slice(0, filled).buffer);
    filled = 0;
  };
  capture.port.onmessage = (message: MessageEvent<Float32Array>) => {
    for (const sample of message.data) {
      const clamped = Math.max(-1, Math.min(1, sample));
      // Int16Array stores in the platform's order: little-endian on every browser's hardware.
      piece[filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
      if (filled === PIECE_SAMPLES) flush();
    }
  };
  source.connect(capture);
  if (context.state === 'suspended') await context.resume();
  return {
    async stop() {
      source.disconnect();
      capture.port.onmessage = null;
      flush();
      if (!options.stream) for (const track of stream.getTracks()) track.stop();
      await context.close();
    },
  };
}
