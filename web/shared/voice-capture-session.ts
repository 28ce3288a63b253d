import type { VoiceServerFrame } from '../../server/voice/voice-frames.js';
import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import { SpeechPlayer, type PlaybackReport } from './speech-player.js';
import { startVoiceCapture, VOICE_SAMPLE_RATE, type VoiceCapture } from './voice-capture.js';
import type { MicrophoneTexts } from './voice-capture-texts.js';

export type ListeningState = keyof MicrophoneTexts['listening'];
export type SpeechState = keyof MicrophoneTexts['speech'];

/** `GET /api/widget/config`'s voice switches (server/web/widget-routes.ts). */
export interface MicrophoneSwitches {
  /** Speech to text is configured: the microphone shows. */
  input: boolean;
  /** Text to speech too: answers are spoken while the microphone is on. */
  output: boolean;
}

/** The frames a microphone sends on the viewer socket (server/voice/voice-frames.ts). */
export type MicrophoneFrame =
  | { type: 'voice-start'; sampleRate: 16000; encoding: 'pcm16'; language?: string; speakAnswers?: boolean }
  | { type: 'voice-stop' }
  | ({ type: 'playback' } & PlaybackReport);

/** What a page draws of the microphone: the viewer page's panel, the widget's button and line. */
export interface MicrophoneView {
  /** The switches arrived: show the microphone (`input`) and the spoken-answer indicator (`output`). */
  showSwitches(switches: MicrophoneSwitches): void;
  setPressed(pressed: boolean): void;
  /** The server has no speech to text after all: the button goes quiet. */
  disable(): void;
  showListening(state: ListeningState): void;
  /** What the recogniser heard so far (`final` once the question is whole); empty: nothing yet. */
  showHeard(text: string, final: boolean): void;
  showSpeech(state: SpeechState): void;
  /** One line about what went wrong; undefined clears it. */
  showProblem(line: string | undefined): void;
}

export interface MicrophoneSessionOptions {
  texts: MicrophoneTexts;
  /** ISO 639-1: the recogniser's language hint. */
  language: string;
  view: MicrophoneView;
  send: (frame: MicrophoneFrame) => boolean;
  sendAudio: (pcm: ArrayBuffer) => boolean;
  /** Where the capture worklet is served (an origin the page's CSP takes scripts from). */
  workletUrl: string;
  /** Answers are now spoken for real (true) or no longer (false). */
  onSpeaksAnswers?: (speaking: boolean) => void;
}

/** About a second of 20 ms pieces kept while the server opens the session, so the first words are not lost. */
const MAX_EARLY_PIECES = 50;

const VOICE_ERRORS: ReadonlySet<string> = new Set([
  'voice_unavailable',
  'rate_limited',
  'conflict',
  'unavailable',
]);

/**
 * The real microphone and spoken answers over a viewer socket, whatever draws them: `toggle` opens a
 * voice session and streams 16 kHz PCM, again ends it. While it is open the answers are played as they
 * stream in, paused at once on `speech-stop` (barge-in) and dropped when interrupted, and what was heard
 * is reported back.
 */
export class MicrophoneSession {
  private readonly options: MicrophoneSessionOptions;
  private switches: MicrophoneSwitches = { input: false, output: false };
  private capture: VoiceCapture | undefined;
  /** Pieces captured before `voice-started`; undefined once the session is open. */
  private early: ArrayBuffer[] | undefined;
  private active = false;
  private player: SpeechPlayer | undefined;
  private speech: SpeechState = 'silent';
  /** The turn whose audio is playing: its `speech-stop` pauses, its interrupted `turn-end` drops. */
  private speechTurnId: string | undefined;
  /** Counts presses that open the microphone: a capture that opens after its press was undone is closed. */
  private attempt = 0;
  /** The turn a `speech-stop` paused, until its `speech-resume` or its end. */
  private pausedTurnId: string | undefined;

  constructor(options: MicrophoneSessionOptions) {
    this.options = options;
    options.view.showListening('off');
    this.showSpeech('silent');
  }

  /** Whether the microphone is open or opening. */
  get open(): boolean {
    return this.capture !== undefined || this.early !== undefined || this.active;
  }

  /** The voice switches: the microphone shows only with speech to text. */
  configure(switches: MicrophoneSwitches): void {
    this.switches = switches;
    this.options.view.showSwitches(switches);
    if (!switches.input) void this.end(false);
  }

  /** A voice frame from the server; false when the frame is not one. */
  frame(frame: { type: string }): boolean {
    const voice = frame as VoiceServerFrame;
    switch (voice.type) {
      case 'voice-started':
        this.started();
        return true;
      case 'voice-activity':
        if (this.active)
          this.options.view.showListening(voice.state === 'speech-start' ? 'hearing' : 'listening');
        return true;
      case 'voice-heard':
        this.options.view.showHeard(voice.text, voice.final);
        return true;
      case 'speech-audio':
        this.speechTurnId = voice.turnId;
        this.player?.audioHeader(voice);
        return true;
      case 'speech-mark':
        this.player?.mark(voice.turnId, voice.chars);
        return true;
      case 'speech-end':
        this.player?.end(voice.turnId, voice.reason);
        return true;
      default:
        return false;
    }
  }

  /** A binary message: the audio of the last `speech-audio` frame. */
  audio(bytes: ArrayBuffer): void {
    this.player?.audio(bytes);
  }

  /** Conversation events that steer the spoken answer. */
  event(event: ViewerEvent): void {
    const player = this.player;
    if (!player) return;
    if (event.type === 'speech-stop') {
      // Silent at once, whichever turn: its audio may still be on its way.
      this.pausedTurnId = event.turnId;
      void player.pause();
      this.showSpeech('paused');
    } else if (event.type === 'speech-resume' && event.turnId === this.pausedTurnId) {
      this.pausedTurnId = undefined;
      void player.resume();
      this.showSpeech('speaking');
    } else if (event.type === 'turn-end') {
      if (event.reason === 'interrupted' && event.turnId === this.speechTurnId) {
        player.drop();
        this.showSpeech('silent');
      }
      // A paused turn that ended never resumes: the next answer must still play.
      if (event.turnId === this.pausedTurnId) {
        this.pausedTurnId = undefined;
        void player.resume();
      }
    }
  }

  /** A server error; true when it was about voice and is shown by the microphone. */
  error(code: string, message: string): boolean {
    if (!VOICE_ERRORS.has(code)) return false;
    if (code !== 'voice_unavailable' && !this.active && this.early === undefined) return false;
    const { texts, view } = this.options;
    if (code === 'voice_unavailable') {
      // The server has no speech to text after all: the line stays, the button goes quiet.
      view.showProblem(texts.unavailable);
      void this.end(false);
      view.disable();
    } else if (code === 'rate_limited') view.showProblem(texts.tooFast);
    else {
      view.showProblem(texts.failed(message));
      // Refused (busy, or one already open): nothing is open on the server.
      if (!this.active) void this.end(false);
    }
    return true;
  }

  /** The socket dropped: its voice session is gone with it. */
  disconnected(): void {
    void this.end(false);
  }

  /** The page or widget goes away: the microphone closes and the answer's audio stops for good. */
  async close(): Promise<void> {
    await this.end(false);
    const player = this.player;
    this.player = undefined;
    await player?.close();
  }

  /** A press of the microphone button: opens the microphone, or closes an open one. */
  async toggle(): Promise<void> {
    if (this.capture || this.early) {
      await this.end(true);
      return;
    }
    const { view, texts } = this.options;
    view.showProblem(undefined);
    // Made inside the click: browsers let audio play only from a context the user started.
    if (this.switches.output && !this.player)
      this.player = new SpeechPlayer({ report: (report) => this.reported(report) });
    void this.player?.resume();
    const sent = this.options.send({
      type: 'voice-start',
      sampleRate: VOICE_SAMPLE_RATE,
      encoding: 'pcm16',
      language: this.options.language,
      speakAnswers: this.switches.output,
    });
    if (!sent) return;
    const attempt = ++this.attempt;
    this.early = [];
    view.showListening('starting');
    view.setPressed(true);
    try {
      const capture = await startVoiceCapture({
        send: (pcm) => this.piece(pcm),
        workletUrl: this.options.workletUrl,
      });
      if (attempt !== this.attempt || (this.early === undefined && !this.active)) {
        // Stopped while the microphone was opening.
        await capture.stop();
        return;
      }
      this.capture = capture;
    } catch (error) {
      if (attempt !== this.attempt) return;
      const name = error instanceof DOMException ? error.name : '';
      view.showProblem(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? texts.permissionDenied
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? texts.noMicrophone
            : texts.failed(error instanceof Error ? error.message : String(error)),
      );
      await this.end(true);
    }
  }

  private started(): void {
    const early = this.early;
    if (early === undefined) return;
    this.early = undefined;
    this.active = true;
    if (this.switches.output) this.options.onSpeaksAnswers?.(true);
    this.options.view.showListening('listening');
    for (const piece of early) this.options.sendAudio(piece);
  }

  private piece(pcm: ArrayBuffer): void {
    if (this.active) this.options.sendAudio(pcm);
    else if (this.early && this.early.length < MAX_EARLY_PIECES) this.early.push(pcm);
  }

  /** Closes the microphone; `tellServer`: the socket is still up, so the session is ended there too. */
  private async end(tellServer: boolean): Promise<void> {
    const wasOpen = this.active || this.early !== undefined;
    const capture = this.capture;
    this.capture = undefined;
    this.attempt++;
    this.early = undefined;
    if (this.active) this.options.onSpeaksAnswers?.(false);
    this.active = false;
    this.options.view.setPressed(false);
    this.options.view.showListening('off');
    if (tellServer && wasOpen) this.options.send({ type: 'voice-stop' });
    await capture?.stop();
  }

  private reported(report: PlaybackReport): void {
    this.options.send({ type: 'playback', ...report });
    if (this.speech !== 'paused' || report.state === 'done')
      this.showSpeech(report.state === 'done' ? 'silent' : 'speaking');
  }

  private showSpeech(state: SpeechState): void {
    this.speech = state;
    this.options.view.showSpeech(state);
  }
}
