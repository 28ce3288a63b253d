import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';
import { buildOpenApiDocument, type OpenApiDocument, type OpenApiInfo } from './build-openapi-document.js';
import type { ApiRegistry } from './api-registry.js';

/** The swagger-ui-dist files the page uses, served from node_modules: the docs work offline. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Livedesk API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
`;

/** Swagger UI needs inline styles; everything else comes from this server. */
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

function swaggerUiFolder(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** GET /openapi.json (built from the registry on first request) and the Swagger UI page at /docs. */
export function registerDocsRoutes(app: Hono, registry: ApiRegistry, info: OpenApiInfo): void {
  let document: OpenApiDocument | undefined;
  const assets = new Map<string, Promise<Buffer>>();
  const folder = swaggerUiFolder();

  app.get('/openapi.json', (context) => {
    // Routes are all registered before the server listens, so the first build is the final one.
    document ??= buildOpenApiDocument(registry, info);
    return context.json(document);
  });

  app.get('/docs', (context) =>
    context.html(PAGE, 200, { 'content-security-policy': PAGE_POLICY, 'x-content-type-options': 'nosniff' }),
  );

  app.get('/docs/init.js', (context) =>
    context.body(INIT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );

  app.get('/docs/assets/:file', async (context) => {
    const file = context.req.param('file');
    const contentType = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!contentType) return context.json({ error: 'not_found', message: 'no such file' }, 404);
    let content = assets.get(file);
    if (!content) {
      content = readFile(path.join(folder, file));
      assets.set(file, content);
      // A failed read is not cached: the next request tries again.
      void content.catch(() => assets.delete(file));
    }
    return context.body(new Uint8Array(await content), 200, {
      'content-type': contentType,
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  });
}
