import type { ApiOperation } from './api-registry.js';

export interface RegisteredRoute {
  /** Hono's upper-case method; `ALL` for middleware. */
  method: string;
  path: string;
}

/**
 * `/api/` routes of the app (its `app.routes`) that no registered operation describes, as `GET /api/x`.
 * Middleware (`ALL`) is not a route.
 */
export function findUndocumentedRoutes(
  routes: readonly RegisteredRoute[],
  operations: readonly Pick<ApiOperation, 'method' | 'path'>[],
): string[] {
  const documented = new Set(
    operations.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`),
  );
  const undocumented = routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`)
    .filter((route) => !documented.has(route));
  return [...new Set(undocumented)];
}
