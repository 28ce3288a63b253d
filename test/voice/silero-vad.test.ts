import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSileroVad, type SileroVad } from '../../adapters/silero/index.js';
import { VadConfigSchema } from '../../engine/voice/vad-config.js';
import { VoiceActivityDetector, type VoiceActivityEvent } from '../../engine/voice/voice-activity.js';
import { missingSpeechTools, SAMPLE_RATE, sequence, silence, SpokenAudio } from './spoken-audio.js';

const missing = missingSpeechTools();
const config = VadConfigSchema.parse({});
/** How far a detected edge may sit from the true one: a 32 ms frame, plus Silero's onset and the hang-over. */
const START_TOLERANCE_MS = 100;
const END_TOLERANCE_MS = config.redemptionMs + 150;

let vad: SileroVad;
let audio: SpokenAudio;
beforeAll(async () => {
  vad = await loadSileroVad();
  audio = new SpokenAudio();
});
afterAll(async () => {
  audio?.close();
  await vad?.close();
});

/** Streams `samples` through the real model in 20 ms pieces (as a browser sends them); the events it made. */
async function detect(samples: Int16Array): Promise<VoiceActivityEvent[]> {
  const events: VoiceActivityEvent[] = [];
  const detector = new VoiceActivityDetector({ model: vad, config, onEvent: (event) => events.push(event) });
  for (let offset = 0; offset < samples.length; offset += 320)
    detector.push(samples.subarray(offset, offset + 320));
  await detector.end();
  detector.close();
  return events;
}

const ms = (sample: number) => (sample * 1000) / SAMPLE_RATE;

describe.skipIf(missing !== undefined)(
  `Silero VAD on spoken audio${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    it.each([
      ['en', 'Hello, I paid for the membership but my account still shows free.'],
      ['cmn', '我充值了但是一直没到账，请帮我看一下'],
    ] as const)('finds where %s speech starts and ends', async (voice, text) => {
      const speech = audio.speak(text, voice);
      const { samples, starts } = sequence(silence(1200), speech, silence(1500));
      const events = await detect(samples);
      expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
      const [start, end] = events as [
        Extract<VoiceActivityEvent, { type: 'speech-start' }>,
        Extract<VoiceActivityEvent, { type: 'speech-end' }>,
      ];
      const trueStart = ms(starts[1]!);
      const trueEnd = ms(starts[2]!);
      expect(Math.abs(ms(start.atSample) - trueStart)).toBeLessThan(START_TOLERANCE_MS);
      expect(Math.abs(ms(end.atSample) - trueEnd)).toBeLessThan(END_TOLERANCE_MS);
      // The segment's audio holds the speech with its padding, and nothing of the long silences around it.
      expect(ms(end.audio.length)).toBeGreaterThan(trueEnd - trueStart);
      expect(ms(end.audio.length)).toBeLessThan(
        trueEnd - trueStart + config.preSpeechPadMs + config.redemptionMs + 200,
      );
    });

    it('finds two questions apart as two segments, and a pause between words as none', async () => {
      const first = audio.speak('Where is my order?');
      const second = audio.speak('I want a refund.');
      const { samples } = sequence(silence(500), first, silence(1200), second, silence(1000));
      const events = await detect(samples);
      expect(events.map((event) => event.type)).toEqual([
        'speech-start',
        'speech-end',
        'speech-start',
        'speech-end',
      ]);
      const joined = sequence(silence(500), first, silence(150), second, silence(1000));
      expect((await detect(joined.samples)).map((event) => event.type)).toEqual([
        'speech-start',
        'speech-end',
      ]);
    });

    it('hears a short backchannel as a short segment, and silence as nothing', async () => {
      const backchannel = audio.speak('uh-huh');
      const events = await detect(sequence(silence(800), backchannel, silence(1000)).samples);
      const end = events.find((event) => event.type === 'speech-end');
      expect(end && 'speechMs' in end ? end.speechMs : 0).toBeLessThan(1000);
      expect(await detect(silence(3000))).toEqual([]);
    });

    it('does not take a cough for speech that lasts', async () => {
      const events = await detect(sequence(silence(800), audio.cough(), silence(1000)).samples);
      const speech = events.filter((event) => event.type === 'speech-end');
      // Silero may give a cough a frame or two: then it is a misfire, or a segment too short to interrupt.
      for (const end of speech) expect('speechMs' in end ? end.speechMs : 0).toBeLessThan(300);
    });
  },
);
