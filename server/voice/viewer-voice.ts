import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationChannel, SequencedEvent } from '../realtime/conversation-channel.js';
import { RateLimiter } from '../realtime/token-bucket.js';
import { AnswerSpeaker } from './answer-speaker.js';
import { ViewerVoiceSession, type SpokenSegment } from './viewer-voice-session.js';
import type { VoiceStartFrame, VoiceServerFrame } from './voice-frames.js';
import type { VoiceServices } from './voice-services.js';

export type VoiceRefusal = {
  code: 'voice_unavailable' | 'rate_limited' | 'invalid_frame' | 'conflict' | 'unavailable';
  message: string;
};

export interface ViewerVoiceOptions {
  /** Absent: this node has no speech to text; every voice-start is refused. */
  services: VoiceServices | undefined;
  send: (frame: VoiceServerFrame, pcm?: Uint8Array) => void;
  /** Resolves once the socket has room for more audio, or the signal aborts (the answer stopped). */
  drained: (signal?: AbortSignal) => Promise<void>;
  refuse: (refusal: VoiceRefusal) => void;
  /**
   * A segment's final words: the connection takes them as the viewer's voice turn; resolves to what that
   * committed (undefined when the words were refused).
   */
  onFinalTranscript: (
    channel: ConversationChannel,
    transcript: { text: string; durationMs: number },
  ) => Promise<readonly SequencedEvent[]> | undefined;
  nowMs: () => number;
}

/** One viewer socket's voice: its microphone session, the spoken answers, and the limits on its audio. */
export class ViewerVoice {
  private readonly options: ViewerVoiceOptions;
  private session: ViewerVoiceSession | undefined;
  private speaker: AnswerSpeaker | undefined;
  private viewerId = '';
  private readonly frames: RateLimiter | undefined;
  /** When audio was last dropped for coming too fast. */
  private lastAudioRefusalMs = Number.NEGATIVE_INFINITY;

  constructor(options: ViewerVoiceOptions) {
    this.options = options;
    const services = options.services;
    this.frames =
      services &&
      new RateLimiter(
        { perSecond: services.limits.framesPerSecond, burst: services.limits.framesPerSecond * 2 },
        options.nowMs,
      );
  }

  get active(): boolean {
    return this.session !== undefined;
  }

  start(frame: VoiceStartFrame, channel: ConversationChannel): void {
    const services = this.options.services;
    if (!services) {
      this.options.refuse({
        code: 'voice_unavailable',
        message: 'voice input is not available here: no speech-to-text is configured',
      });
      return;
    }
    if (this.session) {
      this.options.refuse({
        code: 'conflict',
        message: 'a voice session is already open; send voice-stop first',
      });
      return;
    }
    if (services.openSessions.viewers.has(channel.owner.viewerId)) {
      this.options.refuse({
        code: 'conflict',
        message: 'your microphone is already open in another window; close it there first',
      });
      return;
    }
    if (services.openSessions.count >= services.limits.maxSessions) {
      this.options.refuse({
        code: 'unavailable',
        message: 'voice is busy on this server; type, or try again later',
      });
      return;
    }
    services.openSessions.count++;
    services.openSessions.viewers.add(channel.owner.viewerId);
    this.viewerId = channel.owner.viewerId;
    this.session = new ViewerVoiceSession({
      conversation: () => channel.conversation,
      stt: services.stt,
      vad: services.vad,
      vadConfig: services.vadConfig,
      language: frame.language,
      send: (voiceFrame) => this.options.send(voiceFrame),
      onFinalTranscript: (segment) => this.turn(channel, segment, services),
      onRecognitionFailed: (error) => {
        services.logger?.error(
          { conversationId: channel.conversationId, error },
          'speech recognition failed',
        );
        this.options.refuse({
          code: 'unavailable',
          message: 'your speech could not be recognised; say it again',
        });
      },
      onActivity: services.onActivity,
    });
    const output = services.tts !== undefined && frame.speakAnswers !== false;
    if (output && services.tts)
      this.speaker = new AnswerSpeaker({
        tts: services.tts,
        voice: services.ttsVoice,
        language: frame.language,
        send: this.options.send,
        drained: this.options.drained,
        onError: (error) =>
          services.logger?.error(
            { conversationId: channel.conversationId, error },
            'speech synthesis failed',
          ),
      });
    this.options.send({ type: 'voice-started', sampleRate: 16_000, output });
  }

  /**
   * A binary message: audio for the open session. Returns why it was refused: a malformed message
   * (`invalid_frame`, which the connection counts as a strike) or audio faster than real time
   * (`rate_limited`, dropped; told once a second at most, so a client streaming too fast gets no flood back).
   */
  audio(bytes: Uint8Array): VoiceRefusal | undefined {
    const services = this.options.services;
    const session = this.session;
    if (!services || !session)
      return { code: 'invalid_frame', message: 'binary messages are voice audio: send voice-start first' };
    if (bytes.length > services.limits.maxFrameBytes || bytes.length % 2 !== 0)
      return {
        code: 'invalid_frame',
        message: `an audio message is whole 16-bit samples, at most ${services.limits.maxFrameBytes} bytes`,
      };
    if (!this.frames?.take('socket') || !services.viewerAudio.take(this.viewerId, bytes.length)) {
      const now = this.options.nowMs();
      if (now - this.lastAudioRefusalMs >= 1000) {
        this.lastAudioRefusalMs = now;
        this.options.refuse({
          code: 'rate_limited',
          message: 'audio is coming faster than real time; some was dropped',
        });
      }
      return undefined;
    }
    session.push(bytes);
    return undefined;
  }

  async stop(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.release();
    this.speaker?.close();
    this.speaker = undefined;
    await session.stop();
  }

  /** Every event of the conversation, for the spoken answers. */
  observe(event: ConversationEvent): void {
    this.speaker?.observe(event);
  }

  close(): void {
    if (this.session) this.release();
    this.session?.close();
    this.session = undefined;
    this.speaker?.close();
    this.speaker = undefined;
  }

  /**
   * A segment heard as words: the viewer's turn, and when it became one (not a backchannel over the answer,
   * not refused by the message limits) its sound is kept for the agents, after the turn so it never delays it.
   */
  private turn(channel: ConversationChannel, segment: SpokenSegment, services: VoiceServices): void {
    const committed = this.options.onFinalTranscript(channel, {
      text: segment.text,
      durationMs: segment.durationMs,
    });
    const keep = services.keepSpokenTurn;
    if (!committed || !keep) return;
    void committed
      .then((items) => {
        const said = items.find(
          (item) => item.event.type === 'viewer-message' && item.event.channel === 'voice',
        );
        if (said?.sequence === undefined) return;
        return keep(channel, { sequence: said.sequence, wav: segment.wav });
      })
      .catch((error: unknown) =>
        services.logger?.error(
          { conversationId: channel.conversationId, error },
          'a spoken turn could not be kept',
        ),
      );
  }

  private release(): void {
    const services = this.options.services;
    if (!services) return;
    services.openSessions.count--;
    services.openSessions.viewers.delete(this.viewerId);
  }
}
