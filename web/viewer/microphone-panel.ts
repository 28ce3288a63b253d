import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import { h, show } from '../shared/dom.js';
import { VOICE_CAPTURE_WORKLET_ASSET } from '../shared/voice-capture.js';
import {
  MicrophoneSession,
  type ListeningState,
  type MicrophoneFrame,
  type MicrophoneView,
  type SpeechState,
} from '../shared/voice-capture-session.js';
import type { MicrophoneTexts } from '../shared/voice-capture-texts.js';
import { microphoneIcon } from './microphone-icon.js';
import type { VoiceSwitches } from './voice-switches.js';

export type { MicrophoneFrame } from '../shared/voice-capture-session.js';

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

/**
 * The viewer page's real microphone and spoken answers: a panel with the button and its indicators,
 * driven by the shared voice session (web/shared/voice-capture-session.ts).
 */
export class MicrophonePanel implements MicrophoneView {
  private readonly texts: MicrophoneTexts;
  private readonly section: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly buttonLabel: HTMLElement;
  private readonly listening: HTMLElement;
  private readonly heard: HTMLElement;
  private readonly speaking: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly session: MicrophoneSession;

  constructor(options: MicrophonePanelOptions) {
    const { texts } = options;
    this.texts = texts;
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
    this.session = new MicrophoneSession({
      texts,
      language: options.language,
      view: this,
      send: options.send,
      sendAudio: options.sendAudio,
      // The page's CSP takes scripts from this origin only: the worklet is served beside the bundles.
      workletUrl: `/assets/${VOICE_CAPTURE_WORKLET_ASSET}`,
      ...(options.onSpeaksAnswers ? { onSpeaksAnswers: options.onSpeaksAnswers } : {}),
    });
    this.button.addEventListener('click', () => void this.session.toggle());
  }

  /** `GET /api/widget/config`'s voice switches: the microphone shows only with speech to text. */
  configure(switches: VoiceSwitches): void {
    this.session.configure(switches);
  }

  /** A voice frame from the server; false when the frame is not one. */
  frame(frame: { type: string }): boolean {
    return this.session.frame(frame);
  }

  /** A binary message: the audio of the last `speech-audio` frame. */
  audio(bytes: ArrayBuffer): void {
    this.session.audio(bytes);
  }

  /** Conversation events that steer the spoken answer. */
  event(event: ViewerEvent): void {
    this.session.event(event);
  }

  /** A server error; true when it was about voice and is shown here. */
  error(code: string, message: string): boolean {
    return this.session.error(code, message);
  }

  /** The socket dropped: its voice session is gone with it. */
  disconnected(): void {
    this.session.disconnected();
  }

  showSwitches(switches: VoiceSwitches): void {
    this.section.dataset.configured = 'true';
    show(this.section, switches.input);
    show(this.speaking, switches.output);
  }

  setPressed(pressed: boolean): void {
    this.button.setAttribute('aria-pressed', String(pressed));
    this.buttonLabel.textContent = pressed ? this.texts.stop : this.texts.start;
    this.section.dataset.open = String(pressed);
  }

  disable(): void {
    this.button.disabled = true;
  }

  showListening(state: ListeningState): void {
    this.listening.dataset.state = state;
    this.listening.textContent = this.texts.listening[state];
  }

  showHeard(text: string, final: boolean): void {
    this.heard.replaceChildren(
      h('span', { className: 'kind', text: this.texts.heard(final) }),
      h('span', { className: 'words', text }),
    );
    this.heard.dataset.final = String(final);
    show(this.heard, text !== '');
  }

  showSpeech(state: SpeechState): void {
    this.speaking.dataset.state = state;
    this.speaking.textContent = this.texts.speech[state];
  }

  showProblem(line: string | undefined): void {
    this.problem.textContent = line ?? '';
    show(this.problem, line !== undefined);
  }
}
