import {
  WidgetMicrophone,
  WIDGET_MICROPHONE_CSS,
  type WidgetMicrophoneOptions,
} from './widget-microphone.js';

/** What widget-voice.js hands widget.js: the microphone and its styles. */
export interface WidgetVoiceModule {
  createMicrophone(options: WidgetMicrophoneOptions): WidgetMicrophone;
  css: string;
}

declare global {
  interface Window {
    /** Set by widget-voice.js for widget.js (web/widget/load-widget-voice.ts). */
    LivedeskWidgetVoice?: WidgetVoiceModule;
  }
}

// The widget's microphone, as its own classic script: served at /widget-voice.js, loaded only by a widget
// whose server has speech to text.
window.LivedeskWidgetVoice = {
  createMicrophone: (options) => new WidgetMicrophone(options),
  css: WIDGET_MICROPHONE_CSS,
};
