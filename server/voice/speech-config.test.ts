import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { readSpeechConfig } from './speech-config.js';

describe('speech configuration (LIVEDESK_STT_*, LIVEDESK_TTS_*)', () => {
  it('is off without either side, and never borrows the LLM’s endpoint', () => {
    const result = readSpeechConfig({
      LIVEDESK_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
      LIVEDESK_LLM_MODEL: 'm',
    });
    expect(result).toMatchObject({
      ok: true,
      config: { stt: undefined, tts: undefined, maxVoiceSessions: 100 },
    });
  });

  it('reads each side with its key, voice and streaming switch', () => {
    const result = readSpeechConfig({
      LIVEDESK_STT_BASE_URL: 'http://127.0.0.1:8000/v1',
      LIVEDESK_STT_MODEL: 'whisper-1',
      LIVEDESK_STT_API_KEY: 'k1',
      LIVEDESK_STT_STREAM: 'false',
      LIVEDESK_TTS_BASE_URL: 'http://127.0.0.1:8001/v1',
      LIVEDESK_TTS_MODEL: 'tts-1',
      LIVEDESK_TTS_VOICE: 'nova',
      LIVEDESK_STT_CLIP_CONCURRENCY: '2',
      LIVEDESK_STT_CLIP_QUEUE: '0',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        stt: { baseURL: 'http://127.0.0.1:8000/v1', model: 'whisper-1', apiKey: 'k1', stream: false },
        tts: { baseURL: 'http://127.0.0.1:8001/v1', model: 'tts-1', apiKey: undefined, voice: 'nova' },
        timeoutMs: 20_000,
        maxVoiceSessions: 100,
        clipTranscription: { concurrent: 2, queued: 0 },
      },
    });
  });

  it('stops start-up on a half-configured side or a bad URL, naming it', () => {
    expect(() => loadConfig({ LIVEDESK_STT_BASE_URL: 'http://127.0.0.1:8000/v1' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIVEDESK_STT_BASE_URL: 'http://127.0.0.1:8000/v1' })).toThrow(
      /LIVEDESK_STT_BASE_URL and LIVEDESK_STT_MODEL/,
    );
    expect(readSpeechConfig({ LIVEDESK_TTS_BASE_URL: 'ftp://x', LIVEDESK_TTS_MODEL: 'm' })).toEqual({
      ok: false,
      problems: ['LIVEDESK_TTS_BASE_URL must be an http(s) URL'],
    });
    expect(readSpeechConfig({ LIVEDESK_VOICE_MAX_SESSIONS: 'lots' }).ok).toBe(false);
    expect(readSpeechConfig({ LIVEDESK_STT_CLIP_CONCURRENCY: '0' }).ok).toBe(false);
  });
});
