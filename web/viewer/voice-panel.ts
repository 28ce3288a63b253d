import { byId, h, show } from '../shared/dom.js';
import { SimulatedSpeech, type PlaybackFrame, type SpeechStatus } from './simulated-speech.js';
import type { ViewerTexts } from './viewer-texts.js';

export interface VoiceTranscriptFrame {
  type: 'voice-transcript';
  text: string;
  final: boolean;
  durationMs?: number;
}

export interface VoicePanelOptions {
  texts: ViewerTexts;
  send: (frame: VoiceTranscriptFrame | PlaybackFrame) => void;
  /** Pause between the words of a simulated utterance. */
  wordIntervalMs?: number;
}

/**
 * The voice simulation: typed words go out as speech-to-text results (interim, then final), and the
 * simulated text-to-speech reports what it "plays", so barge-in works from a plain browser.
 */
export class VoicePanel {
  readonly speech: SimulatedSpeech;
  private readonly options: VoicePanelOptions;
  private readonly input = byId('voice-input', HTMLInputElement);
  private readonly log = byId('voice-log', HTMLOListElement);
  private readonly playback = byId('playback-state', HTMLElement);
  private readonly stopButton = byId('stop-speaking', HTMLButtonElement);
  private utteranceStartedMs: number | undefined;
  private speakTimer: number | undefined;

  constructor(options: VoicePanelOptions) {
    this.options = options;
    this.speech = new SimulatedSpeech({ send: options.send, onStatus: (status) => this.showStatus(status) });
    const toggle = byId('speak-answers', HTMLInputElement);
    toggle.addEventListener('change', () => this.speech.setEnabled(toggle.checked));
    this.speech.setEnabled(toggle.checked);
    this.stopButton.addEventListener('click', () => this.speech.stop());
    byId('voice-interim', HTMLButtonElement).addEventListener('click', () => this.transcript(false));
    byId('voice-final', HTMLButtonElement).addEventListener('click', () => this.transcript(true));
    byId('voice-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      this.speakWordByWord();
    });
    this.showStatus({ state: 'silent' });
  }

  /** The real microphone speaks the answers: the simulated speech would talk over them, so it waits. */
  yieldToRealSpeech(realSpeech: boolean): void {
    const toggle = byId('speak-answers', HTMLInputElement);
    toggle.disabled = realSpeech;
    this.speech.setEnabled(!realSpeech && toggle.checked);
  }

  private transcript(final: boolean, text = this.input.value.trim()): void {
    if (text === '') return;
    const now = performance.now();
    this.utteranceStartedMs ??= now;
    const durationMs = Math.round(now - this.utteranceStartedMs);
    this.options.send({ type: 'voice-transcript', text, final, ...(durationMs > 0 ? { durationMs } : {}) });
    this.log.prepend(
      h('li', { className: final ? 'final' : 'interim' }, [
        h('span', { className: 'kind', text: this.options.texts.heard(final) }),
        h('span', { text }),
      ]),
    );
    while (this.log.childElementCount > 8) this.log.lastElementChild?.remove();
    if (final) {
      this.utteranceStartedMs = undefined;
      this.input.value = '';
    }
  }

  /** Sends the growing phrase as interim results, one word at a time, then the whole as final. */
  private speakWordByWord(): void {
    const text = this.input.value.trim();
    if (text === '') return;
    window.clearInterval(this.speakTimer);
    // Chinese has no spaces: a "word" is then a character or two.
    const words = /\s/.test(text) ? text.split(/\s+/) : (text.match(/.{1,2}/gsu) ?? [text]);
    const joiner = /\s/.test(text) ? ' ' : '';
    let count = 0;
    this.speakTimer = window.setInterval(() => {
      count += 1;
      if (count < words.length) {
        this.transcript(false, words.slice(0, count).join(joiner));
        return;
      }
      window.clearInterval(this.speakTimer);
      this.transcript(true, text);
    }, this.options.wordIntervalMs ?? 250);
  }

  private showStatus(status: SpeechStatus): void {
    const { texts } = this.options;
    this.playback.dataset.state = status.state;
    this.playback.textContent =
      status.state === 'silent'
        ? texts.silent
        : status.state === 'paused'
          ? texts.paused
          : texts.speaking(status.played, status.total);
    show(this.stopButton, status.state !== 'silent');
  }
}
