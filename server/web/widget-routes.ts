import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { ApiRegistry } from '../http/openapi/api-registry.js';

/** The operator's switches for the embeddable widget (web/widget/). */
export interface WidgetSettings {
  /** Show the "talk to a person" button (LIVEDESK_WIDGET_HUMAN_BUTTON). */
  humanButton: boolean;
  /** Voice switches: `input` (the microphone: speech to text configured), `output` (spoken answers). */
  voice?: { input: boolean; output: boolean } | undefined;
}

export const WidgetConfigSchema = z.object({
  humanButton: z.boolean(),
  /** The microphone shows only with `input`; answers are spoken only with `output` (server/voice/). */
  voice: z.object({ input: z.boolean(), output: z.boolean() }),
  /** The UI languages the widget has texts for; others fall back to English. */
  locales: z.array(z.string()),
});
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

const WIDGET_LOCALES = ['zh', 'en'];

/**
 * The widget runs on the platform's pages, another origin: its two HTTP calls (this config, and
 * `POST /api/viewer/session`) answer any origin. Both are public and take no cookies, so a browser on
 * another site gets nothing a script on a server could not.
 */
const widgetCors = cors({
  origin: '*',
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type'],
  maxAge: 600,
});

/** `GET /api/widget/config` and CORS for the widget's calls; registered before the auth routes. */
export function registerWidgetRoutes(app: Hono, settings: WidgetSettings, registry: ApiRegistry): void {
  app.use('/api/widget/config', widgetCors);
  app.use('/api/viewer/session', widgetCors);
  app.get('/api/widget/config', (context) => {
    const config: WidgetConfig = {
      humanButton: settings.humanButton,
      voice: settings.voice ?? { input: false, output: false },
      locales: WIDGET_LOCALES,
    };
    // Read at every page load of every host page: a minute of caching, and changes show within it.
    return context.json(config, 200, { 'cache-control': 'public, max-age=60' });
  });
  registry.add({
    method: 'get',
    path: '/api/widget/config',
    summary:
      'The embeddable widget\'s settings: whether it shows a "talk to a person" button and a microphone, its languages',
    tag: 'viewers',
    responses: { 200: { description: 'The settings', schema: WidgetConfigSchema } },
  });
}
