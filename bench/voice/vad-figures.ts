import { loadSileroVad } from '../../adapters/silero/index.js';
import { VadConfigSchema } from '../../engine/voice/vad-config.js';
import { VoiceActivityDetector } from '../../engine/voice/voice-activity.js';
import { SAMPLE_RATE, sequence, silence, type SpokenAudio } from '../../test/voice/spoken-audio.js';
import { summarizeLatencies, type LatencySummary } from '../statistics.js';

const FRAME = 512;
const FRAME_MS = (FRAME * 1000) / SAMPLE_RATE;

function noiseFrame(seed: number): Int16Array {
  const frame = new Int16Array(FRAME);
  let state = seed;
  for (let index = 0; index < FRAME; index++) {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    frame[index] = (state % 2000) - 1000;
  }
  return frame;
}

export interface FrameCost {
  /** Inference alone, on the model's thread, one stream (batch of one). */
  inference: LatencySummary;
  /** From the event loop's request to its answer: the inference plus the hop to the worker and back. */
  roundTrip: LatencySummary;
}

/** One stream's frames one after another: what a lone viewer's frame costs. */
export async function measureFrameCost(frames: number): Promise<FrameCost> {
  const inference: number[] = [];
  const vad = await loadSileroVad({ onBatch: ({ inferenceMs }) => inference.push(inferenceMs) });
  try {
    const stream = vad.openStream();
    const roundTrip: number[] = [];
    for (let index = 0; index < frames; index++) {
      const started = performance.now();
      await stream.probability(noiseFrame(index));
      roundTrip.push(performance.now() - started);
    }
    stream.close();
    // The first frames warm the model up.
    return {
      inference: summarizeLatencies(inference.slice(50)),
      roundTrip: summarizeLatencies(roundTrip.slice(50)),
    };
  } finally {
    await vad.close();
  }
}

export interface StreamLoad {
  streams: number;
  /** From a frame's arrival (its audio captured) to its probability, across all streams. */
  lag: LatencySummary;
  /** Frames scored per second of wall time over the sustained period. */
  framesPerSecond: number;
  meanBatch: number;
  keptUp: boolean;
}

/** A frame scored later than this after it came is late: the pause it feeds would come too late. */
const KEPT_UP_LAG_MS = 100;

/**
 * `streams` viewers talking at once, each sending a 32 ms frame every 32 ms (staggered, as real clients
 * are): they are kept up with while frames are scored as fast as they come, with p95 lag under 100 ms
 * (p99 is reported: on a shared machine it is other processes' preemption more than the model's load).
 */
export async function measureStreams(streams: number, seconds: number): Promise<StreamLoad> {
  const batches: number[] = [];
  const vad = await loadSileroVad({ onBatch: ({ size }) => batches.push(size) });
  try {
    const open = Array.from({ length: streams }, () => vad.openStream());
    const lags: number[] = [];
    const frames = Math.round((seconds * 1000) / FRAME_MS);
    const started = performance.now();
    let scored = 0;
    const results: Promise<void>[] = [];
    const sent = open.map(() => 0);
    // One ticker sends every frame that is due (a timer per stream would load the driver, not the model).
    while (sent.some((count) => count < frames)) {
      const now = performance.now();
      for (const [index, stream] of open.entries()) {
        const offset = (index / streams) * FRAME_MS;
        while (sent[index]! < frames && started + offset + (sent[index]! + 1) * FRAME_MS <= now) {
          const frame = sent[index]!++;
          const sentAt = performance.now();
          results.push(
            stream.probability(noiseFrame(frame + index)).then(() => {
              scored++;
              // Frames in the first second warm the model and the timers up.
              if (frame * FRAME_MS > 1000) lags.push(performance.now() - sentAt);
            }),
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(results);
    const elapsedSeconds = (performance.now() - started) / 1000;
    const offeredPerSecond = (streams * 1000) / FRAME_MS;
    for (const stream of open) stream.close();
    const lag = summarizeLatencies(lags);
    return {
      streams,
      lag,
      framesPerSecond: scored / elapsedSeconds,
      meanBatch: batches.reduce((sum, size) => sum + size, 0) / Math.max(1, batches.length),
      // Kept up: every frame scored about as fast as it came, and none waited more than about three frames.
      keptUp: lag.p95Ms < KEPT_UP_LAG_MS && scored / elapsedSeconds >= 0.97 * offeredPerSecond,
    };
  } finally {
    await vad.close();
  }
}

export interface EndDelay {
  /** From the last sample of speech (its capture, in real time) to the speech-end event. */
  delay: LatencySummary;
  /** The same less the configured hang-over (`redemptionMs`), which is waited on purpose. */
  beyondHangOver: LatencySummary;
  redemptionMs: number;
  /** Onset error: detected start minus the true start, in audio time. */
  startError: LatencySummary;
}

/** Spoken phrases fed in real time, several streams at once; when each end is told, against the true end. */
export async function measureEndDelay(
  audio: SpokenAudio,
  phrases: readonly { text: string; voice: 'en' | 'cmn' }[],
  rounds: number,
): Promise<EndDelay> {
  const config = VadConfigSchema.parse({});
  const vad = await loadSileroVad();
  const delays: number[] = [];
  const startErrors: number[] = [];
  try {
    const clips = phrases.map((phrase) => audio.speak(phrase.text, phrase.voice));
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        clips.map(async (clip, index) => {
          const lead = 400 + ((index * 137 + round * 59) % 500);
          const { samples, starts } = sequence(silence(lead), clip, silence(1200));
          const trueStart = starts[1]!;
          const trueEnd = starts[2]!;
          const started = performance.now();
          let ended: number | undefined;
          let detectedStart: number | undefined;
          const detector = new VoiceActivityDetector({
            model: vad,
            config,
            onEvent: (event) => {
              if (event.type === 'speech-start' && detectedStart === undefined)
                detectedStart = event.atSample;
              if (event.type === 'speech-end' && ended === undefined) ended = performance.now();
            },
          });
          for (let offset = 0; offset < samples.length; offset += 320) {
            const due = started + ((offset + 320) * 1000) / SAMPLE_RATE;
            const wait = due - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            detector.push(samples.subarray(offset, offset + 320));
          }
          await detector.end();
          detector.close();
          if (ended !== undefined) delays.push(ended - (started + (trueEnd * 1000) / SAMPLE_RATE));
          if (detectedStart !== undefined)
            startErrors.push(((detectedStart - trueStart) * 1000) / SAMPLE_RATE);
        }),
      );
    }
  } finally {
    await vad.close();
  }
  return {
    delay: summarizeLatencies(delays),
    beyondHangOver: summarizeLatencies(delays.map((delay) => delay - config.redemptionMs)),
    redemptionMs: config.redemptionMs,
    startError: summarizeLatencies(startErrors),
  };
}

export interface Throughput {
  streams: number;
  frames: number;
  framesPerSecond: number;
  /** 16 kHz streams that many frames a second is: frames/s ÷ 31.25. */
  realTimeStreams: number;
  meanBatch: number;
}

/** Every stream's frames given at once: how many frames a second the model thread scores at most. */
export async function measureThroughput(streams: number, framesPerStream: number): Promise<Throughput> {
  const batches: number[] = [];
  const vad = await loadSileroVad({ onBatch: ({ size }) => batches.push(size) });
  try {
    const open = Array.from({ length: streams }, () => vad.openStream());
    // Warm-up.
    await Promise.all(open.map((stream, index) => stream.probability(noiseFrame(index))));
    batches.length = 0;
    const started = performance.now();
    const results: Promise<number>[] = [];
    for (let frame = 0; frame < framesPerStream; frame++)
      for (const [index, stream] of open.entries())
        results.push(stream.probability(noiseFrame(frame * 7 + index)));
    await Promise.all(results);
    const framesPerSecond = results.length / ((performance.now() - started) / 1000);
    for (const stream of open) stream.close();
    return {
      streams,
      frames: results.length,
      framesPerSecond,
      realTimeStreams: Math.floor(framesPerSecond / (1000 / FRAME_MS)),
      meanBatch: batches.reduce((sum, size) => sum + size, 0) / Math.max(1, batches.length),
    };
  } finally {
    await vad.close();
  }
}
