import type { ViewerEvent } from '../../sdk/src/index.js';
import { h } from '../shared/dom.js';
import { VOICE_CAPTURE_WORKLET_ASSET } from '../shared/voice-capture.js';
import { microphoneIcon } from '../shared/voice-capture-icon.js';
import {
  MicrophoneSession,
  type ListeningState,
  type MicrophoneSwitches,
  type MicrophoneView,
  type SpeechState,
} from '../shared/voice-capture-session.js';
import type { MicrophoneTexts } from '../shared/voice-capture-texts.js';
import type { VoiceSocket } from './widget-voice-socket.js';

export const WIDGET_MICROPHONE_CSS = `
.mic-button[hidden], .mic-bar[hidden], .mic-bar [hidden] { display: none; }
.mic-button[aria-pressed="true"] { color: var(--ld-on-accent); background: var(--ld-accent); }
.mic-button:disabled { opacity: 0.4; cursor: default; }
.mic-bar { display: flex; flex-direction: column; gap: 2px; padding: 6px 14px; background: #fff; border-top: 1px solid #ececf0; font-size: 12px; color: #6b6b73; }
.mic-line { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.mic-state::before { content: ""; display: inline-block; width: 8px; height: 8px; margin-inline-end: 6px; border-radius: 50%; background: #c9c9d1; }
.mic-state[data-state="listening"]::before { background: #3ddc84; }
.mic-state[data-state="hearing"]::before { background: var(--ld-accent); }
.mic-heard { color: #1c1c1f; overflow-wrap: anywhere; }
.mic-heard .kind { color: #6b6b73; margin-inline-end: 6px; }
.mic-problem { color: #b42318; }
.message .channel { margin-inline-start: 6px; padding: 0 6px; border-radius: 8px; background: #ececf0; color: #6b6b73; font-size: 11px; }
`;

export interface WidgetMicrophoneOptions {
  texts: MicrophoneTexts;
  /** The widget's locale (`zh-CN`, `pt`…): its primary subtag is the recogniser's hint. */
  locale: string;
  /** Where Livedesk runs: the worklet is loaded from there, not from the host page's origin. */
  baseUrl: string;
  /** The SDK's viewer socket, tapped (web/widget/widget-voice-socket.ts). */
  socket: VoiceSocket;
}

/**
 * The widget's microphone: a button among the composer's tools and a line above the composer with what
 * it hears and whether the answer is being spoken. Shown only when the server has speech to text; its
 * voice goes over the widget's own viewer socket (web/widget/widget-voice-socket.ts). Not in widget.js:
 * it comes with widget-voice.js (web/widget/widget-voice.ts), loaded only where the server has speech to text.
 */
export class WidgetMicrophone implements MicrophoneView {
  readonly button: HTMLButtonElement;
  readonly bar: HTMLDivElement;
  private readonly texts: MicrophoneTexts;
  private readonly state: HTMLSpanElement;
  private readonly speaking: HTMLSpanElement;
  private readonly heard: HTMLDivElement;
  private readonly problem: HTMLDivElement;
  private readonly socket: VoiceSocket;
  private readonly session: MicrophoneSession;
  private configured: MicrophoneSwitches = { input: false, output: false };
  private connected = false;
  private unavailable = false;
  private pressed = false;

  constructor(options: WidgetMicrophoneOptions) {
    const { texts } = options;
    this.texts = texts;
    this.button = h('button', {
      className: 'tool mic-button',
      attributes: { type: 'button', 'aria-pressed': 'false', 'aria-label': texts.start },
      title: texts.hint,
    });
    this.button.append(microphoneIcon());
    this.button.hidden = true;
    this.state = h('span', { className: 'mic-state', attributes: { role: 'status' } });
    this.speaking = h('span', { className: 'mic-speaking', attributes: { role: 'status' } });
    this.heard = h('div', { className: 'mic-heard' });
    this.problem = h('div', { className: 'mic-problem', attributes: { role: 'alert' } });
    this.bar = h('div', { className: 'mic-bar' }, [
      h('div', { className: 'mic-line' }, [this.state, this.speaking]),
      this.heard,
      this.problem,
    ]);
    this.bar.hidden = true;
    this.heard.hidden = true;
    this.problem.hidden = true;
    this.socket = options.socket;
    this.socket.listen({
      frame: (frame) => this.session.frame(frame),
      audio: (bytes) => this.session.audio(bytes),
      error: (code, message) => this.session.error(code, message),
      closed: () => this.session.disconnected(),
    });
    this.session = new MicrophoneSession({
      texts,
      language: options.locale.split('-')[0]?.toLowerCase() ?? 'en',
      view: this,
      send: (frame) => this.socket.send(frame),
      sendAudio: (pcm) => this.socket.sendAudio(pcm),
      // From Livedesk's origin, served with CORS: a host page that lets widget.js in lets this in, and
      // its CSP may well refuse the blob: a worklet made here would need.
      workletUrl: `${options.baseUrl}/assets/${VOICE_CAPTURE_WORKLET_ASSET}`,
    });
    this.button.addEventListener('click', () => void this.session.toggle());
    this.enable();
  }

  /** `GET /api/widget/config`'s voice switches. */
  configure(switches: MicrophoneSwitches): void {
    this.session.configure(switches);
  }

  /** In the conversation (or not): the microphone can start only on a joined socket. */
  setConnected(connected: boolean): void {
    this.connected = connected;
    this.enable();
    if (!connected) this.session.disconnected();
  }

  /** The widget is taken off the page: the microphone and the answer's audio stop. */
  close(): void {
    void this.session.close();
  }

  /** A conversation event: `speech-stop`, `speech-resume` and interrupted turns steer the spoken answer. */
  event(event: ViewerEvent): void {
    this.session.event(event);
  }

  showSwitches(switches: MicrophoneSwitches): void {
    this.configured = switches;
    this.button.hidden = !switches.input;
    this.speaking.hidden = !switches.output;
    this.button.dataset.configured = 'true';
    this.refreshBar();
  }

  setPressed(pressed: boolean): void {
    this.pressed = pressed;
    this.button.setAttribute('aria-pressed', String(pressed));
    this.button.setAttribute('aria-label', pressed ? this.texts.stop : this.texts.start);
    this.refreshBar();
  }

  disable(): void {
    this.unavailable = true;
    this.enable();
  }

  showListening(state: ListeningState): void {
    this.state.dataset.state = state;
    this.state.textContent = this.texts.listening[state];
  }

  showHeard(text: string, final: boolean): void {
    this.heard.replaceChildren(
      h('span', { className: 'kind', text: this.texts.heard(final) }),
      h('span', { className: 'words', text }),
    );
    this.heard.dataset.final = String(final);
    this.heard.hidden = text === '';
    this.refreshBar();
  }

  showSpeech(state: SpeechState): void {
    this.speaking.dataset.state = state;
    this.speaking.textContent = this.texts.speech[state];
    this.refreshBar();
  }

  showProblem(line: string | undefined): void {
    this.problem.textContent = line ?? '';
    this.problem.hidden = line === undefined;
    this.refreshBar();
  }

  private enable(): void {
    this.button.disabled = this.unavailable || !this.connected;
  }

  /** The line shows while the microphone is open, an answer is spoken, or there is a problem to read. */
  private refreshBar(): void {
    const speaking = this.configured.output && this.speaking.dataset.state !== 'silent';
    this.bar.hidden = !this.configured.input || (!this.pressed && !speaking && this.problem.hidden);
  }
}
