import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_IMPORT_BYTES = 50 * MAX_BODY_BYTES;
/** A signal model file: a few hundred KiB per classifier. */
export const MAX_SIGNAL_MODEL_BYTES = 16 * MAX_BODY_BYTES;

/**
 * Caps every request body while it streams in, declared length or not, so an oversized or chunked
 * body is refused before it is held in memory. Imports of whole knowledge files get more room.
 */
export function registerBodyLimits(app: Hono): void {
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      // The rest of the body is never read, so the connection cannot carry another request.
      onError: (context) =>
        context.json({ error: 'payload_too_large', message: `body over ${maxSize} bytes` }, 413, {
          connection: 'close',
        }),
    });
  app.use('/api/knowledge/import', limit(MAX_IMPORT_BYTES));
  app.use('/api/signals/models', limit(MAX_SIGNAL_MODEL_BYTES));
  // Media uploads (server/media/) are read with the kind's own cap as they stream in.
  app.use(
    '/api/*',
    except(['/api/knowledge/import', '/api/signals/models', '/api/media'], limit(MAX_BODY_BYTES)),
  );
}
