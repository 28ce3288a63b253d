import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiRegistry } from '../http/openapi/api-registry.js';
import { buildWebAssets, type WebAssets } from './build-web-assets.js';
import { registerWebRoutes } from './register-web-routes.js';

/**
 * Classic zod is not tree-shakable; a page that pulls it in grows past 200 KB. The largest page, the console
 * with its commerce, dispute and privacy panels, is about 121 KB minified.
 */
const MAX_SCRIPT_BYTES = 150_000;

describe('web pages', () => {
  let assets: WebAssets;
  let app: Hono;
  let registry: ApiRegistry;

  beforeAll(async () => {
    assets = await buildWebAssets();
    app = new Hono();
    registry = new ApiRegistry();
    registerWebRoutes(app, { assets, registry });
  });

  it.each(['/', '/viewer', '/console', '/admin'])(
    'serves %s with a script policy that forbids inline code',
    async (path) => {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      const html = await response.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toContain('{{asset:');
    },
  );

  it('links every page to bundles it can load', async () => {
    for (const page of assets.pages) {
      const html = await (await app.request(page.path)).text();
      const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        const response = await app.request(url);
        expect(response.status, url).toBe(200);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      }
    }
  });

  it('bundles each page small and minified', async () => {
    for (const name of ['viewer.js', 'console.js', 'admin.js']) {
      const response = await app.request(`/assets/${name}`);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const body = await response.text();
      expect(body.length, name).toBeLessThan(MAX_SCRIPT_BYTES);
      expect(body.split('\n').length, name).toBeLessThan(20);
    }
    expect((await app.request('/assets/viewer.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('answers 304 to a browser that already has the bundle', async () => {
    const first = await app.request('/assets/console.js');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/assets/console.js', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('lets any site read the microphone worklet, without credentials, and no other bundle', async () => {
    const worklet = await app.request('/assets/voice-capture-worklet.js', {
      headers: { origin: 'https://shop.example' },
    });
    expect(worklet.status).toBe(200);
    expect(worklet.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worklet.headers.get('access-control-allow-origin')).toBe('*');
    expect(worklet.headers.get('access-control-allow-credentials')).toBeNull();
    expect(worklet.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await worklet.text()).toContain("registerProcessor('livedesk-capture'");
    const bundle = await app.request('/assets/viewer.js', { headers: { origin: 'https://shop.example' } });
    expect(bundle.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 for an asset that does not exist', async () => {
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect((await app.request('/assets/..%2Fbuild-web-assets.ts')).status).toBe(404);
  });

  it('describes the pages in the API registry', () => {
    const paths = registry.operations().map((operation) => operation.path);
    expect(paths).toEqual(expect.arrayContaining(['/', '/viewer', '/console', '/admin', '/assets/:name']));
  });
});
