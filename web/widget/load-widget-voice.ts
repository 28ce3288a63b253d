import type { WidgetVoiceModule } from './widget-voice.js';

let loading: Promise<WidgetVoiceModule | undefined> | undefined;

/**
 * The widget's microphone (`/widget-voice.js`, web/widget/widget-voice.ts), loaded once per page as a
 * classic script from where the widget came, and only when the server has speech to text: every other
 * page keeps widget.js small. Undefined when it cannot be had: the widget then stays text only.
 */
export function loadWidgetVoice(baseUrl: string): Promise<WidgetVoiceModule | undefined> {
  const ready = window.LivedeskWidgetVoice;
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = `${baseUrl}/widget-voice.js`;
    script.async = true;
    script.onload = () => resolve(window.LivedeskWidgetVoice);
    script.onerror = () => {
      loading = undefined;
      console.warn('Livedesk widget: its microphone could not be loaded; text only');
      resolve(undefined);
    };
    document.documentElement.append(script);
  });
  return loading;
}
