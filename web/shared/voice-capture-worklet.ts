/** The microphone's audio worklet (voice-capture.ts), apart: the server serves it, and it needs no DOM. */

/**
 * Runs in the audio thread: posts each 128-sample block of the first channel. Served as a file too
 * (VOICE_CAPTURE_WORKLET_ASSET): pages whose CSP allows scripts only from their origin cannot load a blob.
 */
export const VOICE_CAPTURE_WORKLET_SOURCE = `
class LivedeskCapture extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.port.postMessage(channel.slice(0));
    return true;
  }
}
registerProcessor('livedesk-capture', LivedeskCapture);
`;

/** The worklet's file name among the server's `/assets/`. */
export const VOICE_CAPTURE_WORKLET_ASSET = 'voice-capture-worklet.js';
