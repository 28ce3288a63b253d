/** The `playback` frame the viewer channel takes. */
export interface PlaybackFrame {
  type: 'playback';
  state: 'speaking' | 'done';
  uninterruptible?: boolean;
  playedChars?: number;
}

export type SpeechStatus =
  | { state: 'silent' }
  | { state: 'speaking'; played: number; total: number }
  | { state: 'paused'; played: number; total: number };

export interface SimulatedSpeechOptions {
  send: (frame: PlaybackFrame) => void;
  onStatus: (status: SpeechStatus) => void;
  charactersPerSecond?: number;
  tickMs?: number;
  /** How often the played count is reported while speaking. */
  reportEveryMs?: number;
}

interface Utterance {
  turnId: string;
  text: string;
  /** Character ranges the engine marked as not to be cut (a price, a legal line). */
  protectedRanges: { start: number; end: number }[];
  played: number;
  ended: boolean;
  paused: boolean;
}

/**
 * Stands in for text-to-speech: "plays" each answer at a reading pace and reports playback state to the
 * server, so barge-in can be tried from a browser with no audio at all.
 */
export class SimulatedSpeech {
  private readonly options: SimulatedSpeechOptions;
  private enabled = false;
  private current: Utterance | undefined;
  private timer: number | undefined;
  private sinceReportMs = 0;
  private lastProtected = false;

  constructor(options: SimulatedSpeechOptions) {
    this.options = options;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.stop();
  }

  /** More answer text arrived. */
  addText(turnId: string, text: string, uninterruptible: boolean): void {
    if (!this.enabled) return;
    if (this.current && this.current.turnId !== turnId) this.stop();
    if (!this.current) {
      this.current = { turnId, text: '', protectedRanges: [], played: 0, ended: false, paused: false };
      this.lastProtected = false;
      this.report();
      this.startTicking();
    }
    const start = this.current.text.length;
    this.current.text += text;
    if (uninterruptible) this.current.protectedRanges.push({ start, end: this.current.text.length });
    this.status();
  }

  endTurn(turnId: string, reason: 'done' | 'interrupted' | 'error'): void {
    if (this.current?.turnId !== turnId) return;
    if (reason === 'done') this.current.ended = true;
    else this.stop();
  }

  /** `speech-stop`: the viewer started talking; hold still until told to go on or to stop. */
  pause(turnId: string): void {
    if (this.current?.turnId !== turnId) return;
    this.current.paused = true;
    this.status();
  }

  /** `speech-resume`: it was a cough, carry on. */
  resume(turnId: string): void {
    if (this.current?.turnId !== turnId) return;
    this.current.paused = false;
    this.status();
  }

  /** Stops playing and tells the server how much was heard. */
  stop(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    const utterance = this.current;
    this.current = undefined;
    if (utterance) this.options.send({ type: 'playback', state: 'done', playedChars: utterance.played });
    this.options.onStatus({ state: 'silent' });
  }

  private startTicking(): void {
    const tickMs = this.options.tickMs ?? 100;
    const perTick = ((this.options.charactersPerSecond ?? 16) * tickMs) / 1000;
    let carry = 0;
    this.timer = window.setInterval(() => {
      const utterance = this.current;
      if (!utterance || utterance.paused) return;
      carry += perTick;
      const step = Math.floor(carry);
      carry -= step;
      utterance.played = Math.min(utterance.text.length, utterance.played + step);
      if (utterance.ended && utterance.played >= utterance.text.length) {
        this.stop();
        return;
      }
      this.sinceReportMs += tickMs;
      const isProtected = this.isProtected(utterance);
      if (isProtected !== this.lastProtected || this.sinceReportMs >= (this.options.reportEveryMs ?? 1000)) {
        this.report();
      }
      this.status();
    }, tickMs);
  }

  private isProtected(utterance: Utterance): boolean {
    return utterance.protectedRanges.some(
      (range) => utterance.played >= range.start && utterance.played < range.end,
    );
  }

  /** Tells the server how far playback got and whether the words now playing may be cut. */
  private report(): void {
    const utterance = this.current;
    if (!utterance) return;
    const isProtected = this.isProtected(utterance);
    this.lastProtected = isProtected;
    this.sinceReportMs = 0;
    this.options.send({
      type: 'playback',
      state: 'speaking',
      playedChars: utterance.played,
      ...(isProtected ? { uninterruptible: true } : {}),
    });
  }

  private status(): void {
    const utterance = this.current;
    if (!utterance) return;
    this.options.onStatus({
      state: utterance.paused ? 'paused' : 'speaking',
      played: utterance.played,
      total: utterance.text.length,
    });
  }
}
