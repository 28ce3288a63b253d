import WebSocket from 'ws';
import { ViewerServerFrameSchema, type ViewerServerFrame } from '../../server/realtime/viewer-frames.js';

export type SpeechAudio = Extract<ViewerServerFrame, { type: 'speech-audio' }> & { pcm: Buffer; at: number };

/**
 * A viewer's socket that talks: JSON frames validated against the server's schema, binary messages taken as
 * the audio of the `speech-audio` frame just before them (as the protocol says), and audio sent in real time.
 */
export class VoiceTestClient {
  readonly frames: { frame: ViewerServerFrame; at: number }[] = [];
  readonly audio: SpeechAudio[] = [];
  private pendingAudio: Extract<ViewerServerFrame, { type: 'speech-audio' }> | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer, isBinary) => {
      const at = performance.now();
      if (isBinary) {
        const header = this.pendingAudio;
        if (!header) throw new Error('audio arrived without its speech-audio frame');
        if (header.bytes !== data.length)
          throw new Error(`speech-audio said ${header.bytes} bytes, got ${data.length}`);
        this.pendingAudio = undefined;
        this.audio.push({ ...header, pcm: data, at });
      } else {
        const frame = ViewerServerFrameSchema.parse(JSON.parse(data.toString('utf8')));
        if (this.pendingAudio) throw new Error('a frame came between speech-audio and its audio');
        if (frame.type === 'speech-audio') this.pendingAudio = frame;
        this.frames.push({ frame, at });
      }
      for (const wake of this.waiters) wake();
    });
  }

  static connect(url: string): Promise<VoiceTestClient> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new VoiceTestClient(socket)));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendBinary(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  /** Index the next frame will get: wait for frames from here. */
  mark(): number {
    return this.frames.length;
  }

  /** The first frame from `from` on that `matches`, waiting up to `timeoutMs` for it. */
  async waitFor<T extends ViewerServerFrame>(
    matches: (frame: ViewerServerFrame) => frame is T,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<{ frame: T; at: number; index: number }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex((entry, at) => at >= from && matches(entry.frame));
      if (index >= 0) return { frame: this.frames[index]!.frame as T, at: this.frames[index]!.at, index };
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Sends PCM in 20 ms pieces at the pace it would be spoken; calls `onSent` with each piece's last sample. */
  async speak(bytes: Uint8Array, onSent?: (endSample: number, at: number) => void): Promise<void> {
    const pieceBytes = 640;
    const started = performance.now();
    for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
      const piece = bytes.subarray(offset, offset + pieceBytes);
      const due = started + ((offset + piece.length) / 32_000) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.sendBinary(piece);
      onSent?.((offset + piece.length) / 2, performance.now());
    }
  }

  close(): void {
    this.socket.close();
  }
}

export function isType<K extends ViewerServerFrame['type']>(type: K) {
  return (frame: ViewerServerFrame): frame is Extract<ViewerServerFrame, { type: K }> => frame.type === type;
}

type EventFrame = Extract<ViewerServerFrame, { type: 'event' }>;
type ViewerEventOf<K extends EventFrame['event']['type']> = Extract<EventFrame['event'], { type: K }>;

export function isEvent<K extends EventFrame['event']['type']>(
  type: K,
  where: (event: ViewerEventOf<K>) => boolean = () => true,
) {
  return (frame: ViewerServerFrame): frame is EventFrame & { event: ViewerEventOf<K> } =>
    frame.type === 'event' && frame.event.type === type && where(frame.event as ViewerEventOf<K>);
}
