import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebAssets } from './build-web-assets.js';
import { registerWebRoutes } from './register-web-routes.js';

/**
 * The widget loads on every page of a platform: a regression past this size is a bug. 23.0 KiB on
 * 2026-12-07, with texts in ten languages, dispute forms, rating, agent status and translated replies
 * (10.5 KiB before them); 21.5 KiB with pictures, voice clips and emoji (issue 17), the nine languages
 * beyond Chinese and English then loading on demand (/widget-languages.js), the dispute forms' own words
 * in them included there (not in widget.js). The queue banner's further languages
 * (server/desk/queue-status-more.ts, about 1.8 KiB) are the next saving.
 */
const MAX_WIDGET_GZIP_BYTES = 24 * 1024;

describe('the widget bundle at /widget.js', () => {
  let app: Hono;

  beforeAll(async () => {
    app = new Hono();
    registerWebRoutes(app, { assets: await buildWebAssets() });
  });

  it('is one classic script other sites may load, small enough for every page', async () => {
    const response = await app.request('/widget.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // Not a page: no page policy that would mean nothing on a script.
    expect(response.headers.get('content-security-policy')).toBeNull();
    const body = new Uint8Array(await response.arrayBuffer());
    const script = new TextDecoder().decode(body);
    // An IIFE, not a module: `<script src>` without type="module" must run it.
    expect(script).not.toMatch(/^\s*(import|export)\b/m);
    expect(script).toContain('LivedeskWidget');
    // No markup from strings: the widget builds its DOM with createElement and textContent.
    expect(script).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/);
    expect(gzipSync(body).byteLength).toBeLessThan(MAX_WIDGET_GZIP_BYTES);

    const again = await app.request('/widget.js', {
      headers: { 'if-none-match': response.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('keeps the further languages in their own script, loaded only by a widget that speaks one', async () => {
    const widget = await (await app.request('/widget.js')).text();
    // Japanese words live in the language script, not in every page's widget.
    expect(widget).not.toContain('お問い合わせ');
    expect(widget).toContain('在线客服');
    const response = await app.request('/widget-languages.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const languages = await response.text();
    expect(languages).not.toMatch(/^\s*(import|export)\b/m);
    expect(languages).toContain('LivedeskWidgetLanguages');
    expect(languages).toContain('お問い合わせ');
  });

  it('keeps the microphone in its own script, loaded only where speech to text is configured', async () => {
    const widget = await (await app.request('/widget.js')).text();
    // The audio worklet's processor name and the speech player live in the voice script only.
    expect(widget).not.toContain('livedesk-capture');
    expect(widget).not.toContain('createBufferSource');
    const response = await app.request('/widget-voice.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const voice = await response.text();
    expect(voice).not.toMatch(/^\s*(import|export)\b/m);
    expect(voice).toContain('LivedeskWidgetVoice');
    expect(voice).toContain('createBufferSource');
  });

  it('serves the sample host page that embeds it with one tag', async () => {
    const response = await app.request('/embed-demo');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/src="\/widget\.js"/g)).toHaveLength(1);
    expect(html).toContain('data-room="demo-room"');
  });
});
