// The icon is shared with the widget's microphone (web/widget/widget-microphone.ts).
export { microphoneIcon } from '../shared/voice-capture-icon.js';
