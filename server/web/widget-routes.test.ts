import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiRegistry } from '../http/openapi/api-registry.js';
import { registerWidgetRoutes, WidgetConfigSchema } from './widget-routes.js';

function app(humanButton: boolean): Hono {
  const hono = new Hono();
  const registry = new ApiRegistry();
  registerWidgetRoutes(hono, { humanButton }, registry);
  // Stands in for the real session route, registered after the widget's (as createApp does).
  hono.post('/api/viewer/session', (context) => context.json({ token: 't' }));
  return hono;
}

describe('the widget routes', () => {
  it('tell the widget whether the operator turned the "talk to a person" button on', async () => {
    for (const humanButton of [true, false]) {
      const response = await app(humanButton).request('/api/widget/config');
      expect(response.status).toBe(200);
      const config = WidgetConfigSchema.parse(await response.json());
      expect(config).toEqual({
        humanButton,
        voice: { input: false, output: false },
        locales: ['zh', 'en'],
      });
    }
  });

  it('answer the widget on another site: preflight and the session call carry CORS headers', async () => {
    const hono = app(false);
    const preflight = await hono.request('/api/viewer/session', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const session = await hono.request('/api/viewer/session', {
      method: 'POST',
      headers: { origin: 'https://shop.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(session.headers.get('access-control-allow-origin')).toBe('*');
    // No cookies are ever allowed along.
    expect(session.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
