/**
 * Plays spoken answers streamed over the viewer socket (server/voice/voice-frames.ts): each `speech-audio`
 * frame's PCM is scheduled right after the previous one, `speech-mark`s are placed where they fall in the
 * audio, and what has really been played is reported back (`playback` frames) as the playhead passes
 * them, so the server knows exactly which words the viewer heard.
 */

export interface SpeechAudioHeader {
  turnId: string;
  sampleRate: number;
  bytes: number;
  start: number;
  end: number;
  uninterruptible: boolean;
}

export interface PlaybackReport {
  state: 'speaking' | 'done';
  playedChars: number;
  uninterruptible: boolean;
}

interface Scheduled {
  source: AudioBufferSourceNode;
  startsAt: number;
  endsAt: number;
  uninterruptible: boolean;
}

/** How often the playhead is read while audio plays. */
const REPORT_EVERY_MS = 100;

export class SpeechPlayer {
  private readonly context: AudioContext;
  private readonly report: (playback: PlaybackReport) => void;
  private turnId: string | undefined;
  private header: SpeechAudioHeader | undefined;
  private scheduled: Scheduled[] = [];
  /** Marks by audio-clock time: at `at`, the viewer has heard `chars` characters. */
  private marks: { at: number; chars: number }[] = [];
  private nextStart = 0;
  private ended: { at: number } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private last: PlaybackReport | undefined;

  constructor(options: { report: (playback: PlaybackReport) => void; context?: AudioContext }) {
    this.context = options.context ?? new AudioContext();
    this.report = options.report;
  }

  /** A `speech-audio` frame: its PCM is the next binary message. */
  audioHeader(header: SpeechAudioHeader): void {
    if (header.turnId !== this.turnId) this.startTurn(header.turnId);
    this.header = header;
  }

  /** The binary message after a `speech-audio` frame. */
  audio(bytes: ArrayBuffer): void {
    const header = this.header;
    this.header = undefined;
    if (!header || header.turnId !== this.turnId) return;
    const samples = new DataView(bytes);
    const count = Math.floor(bytes.byteLength / 2);
    const buffer = this.context.createBuffer(1, Math.max(1, count), header.sampleRate);
    const channel = buffer.getChannelData(0);
    for (let index = 0; index < count; index++) channel[index] = samples.getInt16(index * 2, true) / 32768;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const startsAt = Math.max(this.context.currentTime, this.nextStart);
    source.start(startsAt);
    this.nextStart = startsAt + buffer.duration;
    this.scheduled.push({
      source,
      startsAt,
      endsAt: this.nextStart,
      uninterruptible: header.uninterruptible,
    });
    this.watch();
  }

  /** A `speech-mark`: reached when everything scheduled so far has played. */
  mark(turnId: string, chars: number): void {
    if (turnId === this.turnId)
      this.marks.push({ at: Math.max(this.nextStart, this.context.currentTime), chars });
  }

  /** A `speech-end`: once the scheduled audio has played, the turn is `done`. */
  end(turnId: string, reason: 'done' | 'stopped' | 'failed'): void {
    if (turnId !== this.turnId) return;
    if (reason === 'stopped') this.drop();
    else this.ended = { at: Math.max(this.nextStart, this.context.currentTime) };
    this.watch();
  }

  /** `speech-stop`: silent at once, the rest kept. */
  pause(): Promise<void> {
    return this.context.suspend();
  }

  /** `speech-resume`: on from where it stopped. */
  resume(): Promise<void> {
    return this.context.resume();
  }

  /** The turn was interrupted: its audio is dropped, and what was heard is reported. */
  drop(): void {
    const heard = this.played();
    for (const item of this.scheduled) item.source.stop();
    this.scheduled = [];
    this.marks = this.marks.filter((mark) => mark.chars <= heard);
    this.nextStart = this.context.currentTime;
    this.ended = { at: this.context.currentTime };
  }

  close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    return this.context.close();
  }

  private startTurn(turnId: string): void {
    if (this.turnId !== undefined) this.drop();
    this.turnId = turnId;
    this.scheduled = [];
    this.marks = [];
    this.ended = undefined;
    this.last = undefined;
    this.nextStart = this.context.currentTime;
  }

  private played(): number {
    const now = this.context.currentTime;
    let chars = 0;
    for (const mark of this.marks) if (mark.at <= now) chars = Math.max(chars, mark.chars);
    return chars;
  }

  private watch(): void {
    if (this.timer !== undefined) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), REPORT_EVERY_MS);
  }

  private tick(): void {
    const now = this.context.currentTime;
    const done = this.ended !== undefined && now >= this.ended.at;
    const playing = this.scheduled.find((item) => item.startsAt <= now && now < item.endsAt);
    const next: PlaybackReport = {
      state: done ? 'done' : 'speaking',
      playedChars: this.played(),
      uninterruptible: !done && (playing?.uninterruptible ?? false),
    };
    const last = this.last;
    if (
      !last ||
      last.state !== next.state ||
      last.playedChars !== next.playedChars ||
      last.uninterruptible !== next.uninterruptible
    ) {
      this.last = next;
      this.report(next);
    }
    if (done && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
