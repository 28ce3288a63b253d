import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { EntrySchema } from '../../knowledge/entry.js';
import {
  parseEntriesCsv,
  parseEntriesJsonl,
  writeEntriesCsv,
  writeEntriesJsonl,
} from '../../knowledge/io/index.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { SynonymSchema } from '../../knowledge/synonym.js';
import { readJsonBody } from './read-json-body.js';

const ListQuerySchema = z.object({
  tag: z.string().max(64).optional(),
  text: z.string().max(200).optional(),
  enabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
const VersionsQuerySchema = z.object({
  entryId: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const FormatSchema = z.enum(['jsonl', 'csv']).default('jsonl');

/** Until accounts exist, writes are attributed to whoever the caller says they are. */
function actorOf(context: Context): string {
  return context.req.header('x-livedesk-actor')?.slice(0, 128) || 'api';
}

function invalid(context: Context, message: string, issues?: unknown): Response {
  return context.json({ error: 'invalid_input', message, ...(issues === undefined ? {} : { issues }) }, 400);
}

/** CRUD, versions, rollback, synonyms, import and export of the knowledge base. */
export function registerKnowledgeRoutes(app: Hono, knowledgeBase: KnowledgeBase): void {
  const { store } = knowledgeBase;

  app.get('/api/knowledge/entries', async (context) => {
    const query = ListQuerySchema.safeParse(context.req.query());
    if (!query.success) return invalid(context, 'bad query parameters', query.error.issues);
    const filter = Object.fromEntries(Object.entries(query.data).filter(([, value]) => value !== undefined));
    return context.json({ entries: await store.list(filter) });
  });

  app.get('/api/knowledge/entries/:id', async (context) => {
    const entry = await store.get(context.req.param('id'));
    return entry ? context.json(entry) : context.json({ error: 'not_found', message: 'no such entry' }, 404);
  });

  app.put('/api/knowledge/entries/:id', async (context) => {
    const body = await readJsonBody(context, EntrySchema);
    if (!body.ok) return body.response;
    if (body.value.id !== context.req.param('id'))
      return invalid(context, 'the id in the body must match the URL');
    const version = await store.put(body.value, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ entry: body.value, version: version ?? null, changed: version !== undefined });
  });

  app.delete('/api/knowledge/entries/:id', async (context) => {
    const version = await store.remove(context.req.param('id'), actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ version });
  });

  app.get('/api/knowledge/versions', async (context) => {
    const query = VersionsQuerySchema.safeParse(context.req.query());
    if (!query.success) return invalid(context, 'bad query parameters', query.error.issues);
    const { entryId, limit } = query.data;
    return context.json({ versions: await store.versions({ ...(entryId ? { entryId } : {}), limit }) });
  });

  app.post('/api/knowledge/versions/:versionId/revert', async (context) => {
    const versionId = z.coerce.number().int().min(1).safeParse(context.req.param('versionId'));
    if (!versionId.success) return invalid(context, 'versionId must be a positive integer');
    const version = await store.revert(versionId.data, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ version });
  });

  app.get('/api/knowledge/synonyms', async (context) =>
    context.json({ synonyms: await store.listSynonyms() }),
  );

  app.put('/api/knowledge/synonyms', async (context) => {
    const body = await readJsonBody(context, SynonymSchema);
    if (!body.ok) return body.response;
    await store.putSynonym(body.value, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ synonym: body.value });
  });

  app.delete('/api/knowledge/synonyms', async (context) => {
    const term = context.req.query('term');
    if (!term) return invalid(context, 'term is required');
    await store.removeSynonym(term, context.req.query('locale') || undefined, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ removed: term });
  });

  app.post('/api/knowledge/import', async (context) => {
    const format = FormatSchema.safeParse(context.req.query('format') ?? undefined);
    if (!format.success) return invalid(context, 'format must be jsonl or csv');
    const text = await context.req.text();
    const parsed = format.data === 'csv' ? parseEntriesCsv(text) : parseEntriesJsonl(text);
    if (!parsed.ok)
      return context.json(
        { error: 'invalid_input', message: 'nothing imported: some lines are invalid', lines: parsed.errors },
        400,
      );
    const result = await store.importEntries(parsed.entries, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json(result);
  });

  app.get('/api/knowledge/export', async (context) => {
    const format = FormatSchema.safeParse(context.req.query('format') ?? undefined);
    if (!format.success) return invalid(context, 'format must be jsonl or csv');
    const entries = await store.list();
    if (format.data === 'csv') {
      return context.body(writeEntriesCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8' });
    }
    return context.body(writeEntriesJsonl(entries), 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
    });
  });
}
