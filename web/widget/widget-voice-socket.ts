import type { WebSocketConstructor } from '../../sdk/src/index.js';

/** The voice frames the server sends on the viewer socket (server/voice/voice-frames.ts). */
const VOICE_FRAME_TYPES: ReadonlySet<string> = new Set([
  'voice-started',
  'voice-activity',
  'voice-heard',
  'speech-audio',
  'speech-mark',
  'speech-end',
]);

export interface VoiceSocketHandlers {
  /** A voice frame (the SDK reads only the conversation's frames, and skips these). */
  frame(frame: { type: string }): void;
  /** A binary message: spoken-answer audio. */
  audio(bytes: ArrayBuffer): void;
  /** An error frame about no message of the viewer's: voice refusals among them. */
  error(code: string, message: string): void;
  /** The socket closed: a voice session on it is gone. */
  closed(): void;
}

/**
 * The widget's voice rides on the SDK's own viewer socket, not a second one: the SDK opens its sockets
 * with the class given here, which lets the microphone read the voice frames and audio the SDK skips,
 * and send its own frames and PCM on the socket that joined the conversation.
 */
export class VoiceSocket {
  /** The microphone, once loaded (web/widget/widget-voice.ts); until then voice frames have nobody to reach. */
  private handlers: VoiceSocketHandlers | undefined;
  private socket: WebSocket | undefined;

  listen(handlers: VoiceSocketHandlers): void {
    this.handlers = handlers;
  }

  /** The class to pass as `connect`'s `WebSocket` option. */
  webSocketClass(): WebSocketConstructor {
    const attach = (socket: WebSocket): void => this.attach(socket);
    return class VoiceWebSocket extends WebSocket {
      constructor(url: string) {
        super(url);
        attach(this);
      }
    };
  }

  /** A JSON frame on the open socket; false when there is none. */
  send(frame: object): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /** PCM as one binary message; false when there is no open socket. */
  sendAudio(pcm: ArrayBuffer): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(pcm);
    return true;
  }

  private attach(socket: WebSocket): void {
    const previous = this.socket;
    this.socket = socket;
    if (previous) this.handlers?.closed();
    // Audio as ArrayBuffers, read at once; the SDK ignores every binary message anyway.
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (this.socket !== socket) return;
      if (message.data instanceof ArrayBuffer) this.handlers?.audio(message.data);
      else if (typeof message.data === 'string') this.read(message.data);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.handlers?.closed();
    });
  }

  private read(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof json !== 'object' || json === null || !('type' in json) || typeof json.type !== 'string')
      return;
    const handlers = this.handlers;
    if (!handlers) return;
    if (VOICE_FRAME_TYPES.has(json.type)) handlers.frame(json as { type: string });
    else if (
      json.type === 'error' &&
      !('clientMessageId' in json && json.clientMessageId !== undefined) &&
      'code' in json &&
      typeof json.code === 'string'
    )
      handlers.error(json.code, 'message' in json && typeof json.message === 'string' ? json.message : '');
  }
}
