export { defaultSileroModelPath, loadSileroVad } from './silero-vad-model.js';
export type { SileroVad, SileroVadOptions } from './silero-vad-model.js';
