/** `GET /api/widget/config`'s voice switches (server/web/widget-routes.ts). */
export interface VoiceSwitches {
  /** Speech to text is configured: the real microphone shows. */
  input: boolean;
  /** Text to speech too: answers are spoken while the microphone is on. */
  output: boolean;
}

const OFF: VoiceSwitches = { input: false, output: false };

/** The switches, or both off when the config cannot be read: then the page keeps to text. */
export async function loadVoiceSwitches(signal?: AbortSignal): Promise<VoiceSwitches> {
  try {
    const response = await fetch('/api/widget/config', signal ? { signal } : {});
    if (!response.ok) return OFF;
    const json: unknown = await response.json();
    const voice = typeof json === 'object' && json !== null && 'voice' in json ? json.voice : undefined;
    if (typeof voice !== 'object' || voice === null) return OFF;
    const input = 'input' in voice && voice.input === true;
    const output = input && 'output' in voice && voice.output === true;
    return { input, output };
  } catch {
    return OFF;
  }
}
