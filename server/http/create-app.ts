import { Hono } from 'hono';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { registerAskRoute } from './ask-route.js';
import { registerBodyLimits } from './body-limits.js';
import { registerKnowledgeRoutes } from './knowledge-routes.js';
import { ApiRegistry } from './openapi/api-registry.js';

const STATUS_BY_CODE = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  timeout: 504,
  aborted: 499,
  internal: 500,
} as const;

export interface AppOptions {
  knowledgeBase: KnowledgeBase;
  isReady: () => boolean;
  /** Where routes describe themselves for /openapi.json; a fresh one when left out. */
  registry?: ApiRegistry;
}

/** The HTTP surface: health, matching, knowledge. Vendor and internal error text never reaches clients. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (context) =>
    options.isReady() ? context.json({ status: 'ok' }) : context.json({ status: 'starting' }, 503),
  );
  registerBodyLimits(app);
  registerAskRoute(app, options.knowledgeBase);
  registerKnowledgeRoutes(app, options.knowledgeBase);
  app.notFound((context) => context.json({ error: 'not_found', message: 'no such route' }, 404));
  app.onError((error, context) => {
    if (error instanceof LivedeskError) {
      const status = STATUS_BY_CODE[error.code];
      return context.json({ error: error.code, message: error.message }, status === 499 ? 400 : status);
    }
    console.error('request failed', error);
    return context.json({ error: 'internal', message: 'internal error' }, 500);
  });
  return app;
}
