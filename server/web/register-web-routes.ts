import type { Context, Hono } from 'hono';
import type { ApiRegistry } from '../http/openapi/api-registry.js';
import type { WebAsset, WebAssets } from './build-web-assets.js';
import { WIDGET_ASSET, WIDGET_LANGUAGES_ASSET, WIDGET_VOICE_ASSET } from './build-widget.js';
import { VOICE_CAPTURE_WORKLET_ASSET } from '../../web/shared/voice-capture-worklet.js';

/**
 * Scripts and styles only from this origin, no inline code, no plugins, no framing by other sites:
 * even if some viewer text slipped past `textContent`, the browser would refuse to run it.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Other sites load the widget: no framing rules, just no sniffing, and allowed to be read cross-origin. */
const WIDGET_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'cross-origin',
};

/**
 * The microphone's audio worklet, loaded by the widget on other sites' pages: `addModule` fetches it in
 * CORS mode. Any origin may read it (it is public and the same for everyone), never with credentials.
 */
const WORKLET_HEADERS: Readonly<Record<string, string>> = {
  ...WIDGET_HEADERS,
  'access-control-allow-origin': '*',
};

/** Serves the web pages (`/`, `/viewer`, `/console`, `/admin`) and their bundles under `/assets/`. */
export function registerWebRoutes(app: Hono, options: { assets: WebAssets; registry?: ApiRegistry }): void {
  const { assets, registry } = options;
  for (const page of assets.pages) {
    app.get(page.path, (context) => {
      const html = assets.page(page.path);
      return html ? send(context, html, PAGE_SECURITY_HEADERS) : context.notFound();
    });
    registry?.add({
      method: 'get',
      path: page.path,
      summary: page.title,
      tag: 'web',
      responses: { 200: { description: 'The page', contentType: 'text/html' } },
    });
  }
  // The widget at a fixed address, for other sites' script tags (web/widget/).
  app.get('/widget.js', (context) => {
    const widget = assets.asset(WIDGET_ASSET);
    return widget ? send(context, widget, WIDGET_HEADERS) : context.notFound();
  });
  registry?.add({
    method: 'get',
    path: '/widget.js',
    summary: 'The embeddable chat widget: `<script src="…/widget.js" data-room="…">` on any page',
    tag: 'web',
    responses: {
      200: { description: 'The widget script', contentType: 'text/javascript' },
      304: { description: 'Unchanged since the ETag the browser sent' },
    },
  });
  // Its further languages, fetched by the widget itself from the same place (web/widget/load-widget-languages.ts).
  app.get('/widget-languages.js', (context) => {
    const languages = assets.asset(WIDGET_LANGUAGES_ASSET);
    return languages ? send(context, languages, WIDGET_HEADERS) : context.notFound();
  });
  registry?.add({
    method: 'get',
    path: '/widget-languages.js',
    summary: "The widget's texts in its languages beyond Chinese and English, loaded by the widget on demand",
    tag: 'web',
    responses: {
      200: { description: 'The language script', contentType: 'text/javascript' },
      304: { description: 'Unchanged since the ETag the browser sent' },
    },
  });
  // Its microphone, fetched by the widget only when speech to text is configured (web/widget/load-widget-voice.ts).
  app.get('/widget-voice.js', (context) => {
    const voice = assets.asset(WIDGET_VOICE_ASSET);
    return voice ? send(context, voice, WIDGET_HEADERS) : context.notFound();
  });
  registry?.add({
    method: 'get',
    path: '/widget-voice.js',
    summary:
      "The widget's microphone and spoken answers, loaded by the widget when speech to text is configured",
    tag: 'web',
    responses: {
      200: { description: 'The microphone script', contentType: 'text/javascript' },
      304: { description: 'Unchanged since the ETag the browser sent' },
    },
  });
  app.get('/assets/:name', (context) => {
    const name = context.req.param('name');
    const asset = assets.asset(name);
    if (!asset) return context.notFound();
    return send(
      context,
      asset,
      name === VOICE_CAPTURE_WORKLET_ASSET ? WORKLET_HEADERS : { 'x-content-type-options': 'nosniff' },
    );
  });
  registry?.add({
    method: 'get',
    path: '/assets/:name',
    summary: 'A bundled script or style sheet of the web pages',
    tag: 'web',
    responses: {
      200: { description: 'The bundle', contentType: 'text/javascript' },
      304: { description: 'Unchanged since the ETag the browser sent' },
      404: { description: 'No such asset' },
    },
  });
}

function send(context: Context, asset: WebAsset, headers: Readonly<Record<string, string>>): Response {
  // Revalidated on every load: a restart after a change must never leave a stale console open.
  const common = { etag: asset.etag, 'cache-control': 'no-cache', ...headers };
  if (context.req.header('if-none-match') === asset.etag) return context.body(null, 304, common);
  return context.body(asset.body, 200, { ...common, 'content-type': asset.contentType });
}
