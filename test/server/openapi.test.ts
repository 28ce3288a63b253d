import { Hono } from 'hono';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRegistry } from '../../server/http/openapi/api-registry.js';
import {
  buildOpenApiDocument,
  toOpenApiPath,
  type OpenApiDocument,
} from '../../server/http/openapi/build-openapi-document.js';
import { findUndocumentedRoutes } from '../../server/http/openapi/find-undocumented-routes.js';
import { requireStaff } from '../../server/http/require-role.js';
import { startAuthTestServer, type AuthTestServer } from './auth-test-server.js';

let server: AuthTestServer;
let document: OpenApiDocument;

beforeAll(async () => {
  server = await startAuthTestServer({ env: { LIVEDESK_SEED_DEMO: 'false' } });
  const response = await server.request('/openapi.json');
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
});

afterAll(async () => {
  await server.close();
});

describe('OpenAPI document', () => {
  it('documents every /api/ route the app serves', () => {
    const served = server.app.routes.filter(
      (route) => route.method !== 'ALL' && route.path.startsWith('/api/'),
    );
    expect(served.length).toBeGreaterThan(15);
    const missing = served.filter(
      (route) => document.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()] === undefined,
    );
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('documents no operation the app does not serve', () => {
    const served = new Set(
      server.app.routes.map((route) => `${route.method.toLowerCase()} ${toOpenApiPath(route.path)}`),
    );
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((operation) => !served.has(operation))).toEqual([]);
  });

  it('is OpenAPI 3.1 with a bearer scheme, required on staff routes and absent on public ones', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/api/users']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/api/users']?.get?.description).toContain('admin');
    expect(document.paths['/api/auth/login']?.post?.security).toBeUndefined();
    expect(document.paths['/api/ask']?.post?.security).toBeUndefined();
    expect(Object.keys(document.paths['/api/users']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '403', '429']),
    );
  });

  it('turns path parameters, queries and bodies into OpenAPI parameters and JSON Schemas', () => {
    const patch = document.paths['/api/users/{id}']?.patch;
    expect(patch?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    const list = document.paths['/api/knowledge/entries']?.get;
    expect(list?.parameters?.map((parameter) => [parameter.name, parameter.in, parameter.required])).toEqual([
      ['tag', 'query', false],
      ['text', 'query', false],
      ['enabled', 'query', false],
    ]);
    const login = document.paths['/api/auth/login']?.post?.requestBody as {
      content: Record<string, { schema: { required: string[]; properties: Record<string, unknown> } }>;
    };
    expect(login.content['application/json']?.schema.required).toEqual(['username', 'password']);
    const created = document.paths['/api/users']?.post?.requestBody as {
      content: Record<string, { schema: { required: string[] } }>;
    };
    // Input schemas: fields with defaults are optional to send.
    expect(created.content['application/json']?.schema.required).not.toContain('capacity');
    expect(document.paths['/api/knowledge/import']?.post?.requestBody).toMatchObject({
      content: { 'text/plain': { schema: { type: 'string' } } },
    });
  });

  it('gives every operation a unique id and a tag listed at the top', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(document.tags.map((tag) => tag.name));
    expect(operations.every((operation) => operation.tags.every((tag) => tags.has(tag)))).toBe(true);
    expect([...tags]).toEqual(
      expect.arrayContaining(['auth', 'health', 'knowledge', 'matching', 'users', 'viewers']),
    );
  });

  it('serves the docs page and its Swagger UI files from this server', async () => {
    const page = await server.request('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).not.toMatch(/https?:\/\//);
    const bundle = await server.request('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await server.request('/docs/assets/package.json')).status).toBe(404);
    expect((await server.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('finding undocumented routes', () => {
  it('names an /api/ route missing from the registry, ignoring middleware and pages', () => {
    const app = new Hono();
    const registry = new ApiRegistry();
    app.use('/api/*', async (_context, next) => next());
    app.get('/api/documented/:id', (context) => context.text('ok'));
    app.post(
      '/api/forgotten',
      requireStaff({ verify: () => Promise.resolve(undefined) }, ['admin']),
      (context) => context.text('ok'),
    );
    app.get('/page', (context) => context.text('ok'));
    registry.add({
      method: 'get',
      path: '/api/documented/:id',
      summary: 'documented',
      tag: 'test',
      responses: { 200: { description: 'ok', schema: z.string() } },
    });
    expect(findUndocumentedRoutes(app.routes, registry.operations())).toEqual(['POST /api/forgotten']);
    expect(buildOpenApiDocument(registry, { title: 't', version: '1' }).paths).toHaveProperty(
      '/api/documented/{id}',
    );
  });
});
