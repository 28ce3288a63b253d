import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeSpeechServer } from '../../test/support/fake-speech-server.js';
import { pcmBytes, SAMPLE_RATE, sequence, silence, type SpokenAudio } from '../../test/voice/spoken-audio.js';
import { isEvent, isType, VoiceTestClient } from '../../test/voice/voice-test-client.js';
import { startServerProcess } from '../load/server-process.js';
import { anonymousViewerToken } from '../stall/local-client.js';
import { summarizeLatencies, type LatencySummary } from '../statistics.js';

/** Joining and the first spoken answer, on a machine busy with other work (the server's first match warms it). */
const SETUP_TIMEOUT_MS = 60_000;

export interface BargeInFigures {
  viewers: number;
  /** From the first sample of the viewer's speech (its capture, in real time) to `speech-stop` at the client. */
  latency: LatencySummary;
  /** Barge-ins that got no `speech-stop` within 3 s. */
  missed: number;
  /** From the end of the backchannel's audio to `speech-resume` (the recogniser's answer included). */
  resume: LatencySummary;
  serverCpuMs: number;
}

/**
 * The product as `npm start` runs it, with the fake speech server on loopback: each viewer asks a typed
 * question, its answer is spoken (the client reports playback), then the viewer says "uh-huh" over it
 * again and again. Each time: how long from the start of the sound to the `speech-stop` frame (the
 * client stops its audio on it), then to the `speech-resume` once the backchannel is recognised.
 */
export async function measureBargeIn(
  audio: SpokenAudio,
  options: { viewers: number; bargesPerViewer: number; progress: (line: string) => void },
): Promise<BargeInFigures> {
  const backchannel = audio.speak('uh-huh');
  const backchannelMs = (backchannel.length * 1000) / SAMPLE_RATE;
  const speech = await startFakeSpeechServer({
    transcribe: ({ durationMs }) => (durationMs < backchannelMs + 1200 ? 'uh-huh' : ''),
    chunkMs: 100,
    chunkDelayMs: 100,
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-voice-'));
  const secret = randomBytes(32).toString('hex');
  const server = await startServerProcess({
    LIVEDESK_DATA_DIR: dataDir,
    LIVEDESK_SECRET: secret,
    LIVEDESK_LOG_LEVEL: 'warn',
    LIVEDESK_STT_BASE_URL: speech.baseURL,
    LIVEDESK_STT_MODEL: 'bench-stt',
    LIVEDESK_TTS_BASE_URL: speech.baseURL,
    LIVEDESK_TTS_MODEL: 'bench-tts',
    LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP: '10000',
  });
  const latencies: number[] = [];
  const resumes: number[] = [];
  let missed = 0;
  const cpuBefore = server.cpuMs();
  try {
    const leadMs = 300;
    const bytes = pcmBytes(sequence(silence(leadMs), backchannel, silence(900)).samples);
    await Promise.all(
      Array.from({ length: options.viewers }, async (_, index) => {
        // Staggered, as real viewers are.
        await new Promise((resolve) => setTimeout(resolve, index * 137));
        const viewer = await VoiceTestClient.connect(`${server.url.replace(/^http/, 'ws')}/ws/viewer`);
        try {
          viewer.send({
            type: 'join',
            token: await anonymousViewerToken(secret, `bench-voice-${index}`),
            locale: 'en',
          });
          await viewer.waitFor(isType('joined'), 0, SETUP_TIMEOUT_MS);
          viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16', language: 'en' });
          await viewer.waitFor(isType('voice-started'), 0, SETUP_TIMEOUT_MS);
          viewer.send({ type: 'message', text: 'How do I top up coins?' });
          await viewer.waitFor(isType('speech-audio'), 0, SETUP_TIMEOUT_MS);
          viewer.send({ type: 'playback', state: 'speaking', playedChars: 0 });
          for (let barge = 0; barge < options.bargesPerViewer; barge++) {
            const from = viewer.mark();
            let speechStartAt = Number.NaN;
            let soundEndAt = Number.NaN;
            const leadSamples = (leadMs * SAMPLE_RATE) / 1000;
            await viewer.speak(bytes, (endSample, at) => {
              // The piece holding the first speech sample left when its last sample was captured.
              if (Number.isNaN(speechStartAt) && endSample > leadSamples)
                speechStartAt = at - ((endSample - leadSamples) * 1000) / SAMPLE_RATE;
              if (Number.isNaN(soundEndAt) && endSample >= leadSamples + backchannel.length) soundEndAt = at;
            });
            try {
              const stopped = await viewer.waitFor(isEvent('speech-stop'), from, 3000);
              latencies.push(stopped.at - speechStartAt);
              const resumed = await viewer.waitFor(isEvent('speech-resume'), from, 5000);
              resumes.push(resumed.at - soundEndAt);
            } catch {
              missed++;
            }
          }
        } finally {
          viewer.close();
        }
      }),
    );
    return {
      viewers: options.viewers,
      latency: summarizeLatencies(latencies),
      missed,
      resume: summarizeLatencies(resumes),
      serverCpuMs: server.cpuMs() - cpuBefore,
    };
  } finally {
    await server.stop();
    await speech.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
