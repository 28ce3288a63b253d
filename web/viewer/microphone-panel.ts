import type { VoiceServerFrame } from '../../server/voice/voice-frames.js';
import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import { h, show } from '../shared/dom.js';
import { SpeechPlayer, type PlaybackReport } from '../shared/speech-player.js';
import {
  startVoiceCapture,
  VOICE_CAPTURE_WORKLET_ASSET,
  VOICE_SAMPLE_RATE,
  type VoiceCapture,
} from '../shared/voice-capture.js';
import { microphoneIcon } from './microphone-icon.js';
import type { MicrophoneTexts } from './microphone-texts.js';
import type { VoiceSwitches } from './voice-switches.js';

type ListeningState = keyof MicrophoneTexts['listening'];
type SpeechState = keyof MicrophoneTexts['speech'];

/** The frames this panel sends on the viewer socket. */
export type MicrophoneFrame =
  | { type: 'voice-start'; sampleRate: 16000; encoding: 'pcm16'; language?: string; speakAnswers?: boolean }
  | { type: 'voice-stop' }
  | ({ type: 'playback' } & PlaybackReport);

export interface MicrophonePanelOptions {
  texts: MicrophoneTexts;
  /** ISO 639-1: the recogniser's language hint. */
  language: string;
  /** Where the panel goes (before `before`, inside its parent). */
  before: HTMLElement;
  send: (frame: MicrophoneFrame) => boolean;
  sendAudio: (pcm: ArrayBuffer) => boolean;
  /** Answers are now spoken for real (true) or no longer (false): the simulated speech stays quiet meanwhile. */
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
 * The real microphone and spoken answers over the viewer socket (server/voice/voice-frames.ts): press to
 * open a voice session and stream 16 kHz PCM, press again to end it. While it is open the answers are
 * played as they stream in, paused and dropped on the server's word, and what was heard is reported.
 */
export class MicrophonePanel {
  private readonly options: MicrophonePanelOptions;
  private readonly section: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly buttonLabel: HTMLElement;
  private readonly listening: HTMLElement;
  private readonly heard: HTMLElement;
  private readonly speaking: HTMLElement;
  private readonly problem: HTMLElement;
  private switches: VoiceSwitches = { input: false, output: false };
  private capture: VoiceCapture | undefined;
  /** Pieces captured before `voice-started`; undefined once the session is open. */
  private early: ArrayBuffer[] | undefined;
  private active = false;
  private player: SpeechPlayer | undefined;
  /** The turn whose audio is playing: its `speech-stop` pauses, its interrupted `turn-end` drops. */
  private speechTurnId: string | undefined;
  /** Counts presses that open the microphone: a capture that opens after its press was undone is closed. */
  private attempt = 0;
  /** The turn a `speech-stop` paused, until its `speech-resume` or its end. */
  private pausedTurnId: string | undefined;

  constructor(options: MicrophonePanelOptions) {
    this.options = options;
    const { texts } = options;
    this.buttonLabel = h('span', { text: texts.start });
    this.button = h(
      'button',
      { className: 'mic-button', attributes: { type: 'button', id: 'mic-button', 'aria-pressed': 'false' } },
      [microphoneIcon(), this.buttonLabel],
    );
    this.listening = h('span', {
      className: 'mic-listening',
      attributes: { id: 'mic-state', role: 'status' },
    });
    this.heard = h('p', { className: 'mic-heard', attributes: { id: 'mic-heard' } });
    this.speaking = h('span', {
      className: 'mic-speaking',
      attributes: { id: 'mic-speaking', role: 'status' },
    });
    this.problem = h('p', { className: 'mic-problem', attributes: { id: 'mic-problem', role: 'alert' } });
    this.section = h(
      'section',
      { className: 'mic', attributes: { id: 'mic-panel', 'aria-labelledby': 'mic-title' } },
      [
        h('h2', { text: texts.title, attributes: { id: 'mic-title' } }),
        h('p', { className: 'hint', text: texts.hint }),
        h('div', { className: 'mic-line' }, [this.button, this.listening]),
        this.heard,
        this.speaking,
        this.problem,
      ],
    );
    show(this.section, false);
    show(this.heard, false);
    show(this.problem, false);
    options.before.before(this.section);
    this.button.addEventListener('click', () => void this.toggle());
    this.showListening('off');
    this.showSpeech('silent');
  }

  /** `GET /api/widget/config`'s voice switches: the microphone shows only with speech to text. */
  configure(switches: VoiceSwitches): void {
    this.switches = switches;
    this.section.dataset.configured = 'true';
    show(this.section, switches.input);
    show(this.speaking, switches.output);
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
        if (this.active) this.showListening(voice.state === 'speech-start' ? 'hearing' : 'listening');
        return true;
      case 'voice-heard':
        this.showHeard(voice.text, voice.final);
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

  /** A server error; true when it was about voice and is shown here. */
  error(code: string, message: string): boolean {
    if (!VOICE_ERRORS.has(code)) return false;
    if (code !== 'voice_unavailable' && !this.active && this.early === undefined) return false;
    const { texts } = this.options;
    if (code === 'voice_unavailable') {
      // The server has no speech to text after all: the line stays, the button goes quiet.
      this.showProblem(texts.unavailable);
      void this.end(false);
      this.button.disabled = true;
    } else if (code === 'rate_limited') this.showProblem(texts.tooFast);
    else {
      this.showProblem(texts.failed(message));
      // Refused (busy, or one already open): nothing is open on the server.
      if (!this.active) void this.end(false);
    }
    return true;
  }

  /** The socket dropped: its voice session is gone with it. */
  disconnected(): void {
    void this.end(false);
  }

  private async toggle(): Promise<void> {
    if (this.capture || this.early) {
      await this.end(true);
      return;
    }
    this.showProblem(undefined);
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
    this.showListening('starting');
    this.setPressed(true);
    try {
      const capture = await startVoiceCapture({
        send: (pcm) => this.piece(pcm),
        // The page's CSP takes scripts from this origin only: the worklet is served beside the bundles.
        workletUrl: `/assets/${VOICE_CAPTURE_WORKLET_ASSET}`,
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
      const { texts } = this.options;
      this.showProblem(
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
    this.showListening('listening');
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
    this.setPressed(false);
    this.showListening('off');
    if (tellServer && wasOpen) this.options.send({ type: 'voice-stop' });
    await capture?.stop();
  }

  private reported(report: PlaybackReport): void {
    this.options.send({ type: 'playback', ...report });
    if (this.speaking.dataset.state !== 'paused' || report.state === 'done')
      this.showSpeech(report.state === 'done' ? 'silent' : 'speaking');
  }

  private setPressed(pressed: boolean): void {
    this.button.setAttribute('aria-pressed', String(pressed));
    this.buttonLabel.textContent = pressed ? this.options.texts.stop : this.options.texts.start;
    this.section.dataset.open = String(pressed);
  }

  private showListening(state: ListeningState): void {
    this.listening.dataset.state = state;
    this.listening.textContent = this.options.texts.listening[state];
  }

  private showHeard(text: string, final: boolean): void {
    this.heard.replaceChildren(
      h('span', { className: 'kind', text: this.options.texts.heard(final) }),
      h('span', { className: 'words', text }),
    );
    this.heard.dataset.final = String(final);
    show(this.heard, text !== '');
  }

  private showSpeech(state: SpeechState): void {
    this.speaking.dataset.state = state;
    this.speaking.textContent = this.options.texts.speech[state];
  }

  private showProblem(line: string | undefined): void {
    this.problem.textContent = line ?? '';
    show(this.problem, line !== undefined);
  }
}
