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
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import {
  EntryListSchema,
  EntryPutResponseSchema,
  FormatQuerySchema,
  ImportErrorSchema,
  ImportResultSchema,
  ListQuerySchema,
  SynonymDeleteQuerySchema,
  SynonymListSchema,
  VersionListSchema,
  VersionResponseSchema,
  VersionsQuerySchema,
} from './knowledge-route-schemas.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff, type StaffEnv } from './require-role.js';

/** Agents and supervisors search knowledge from the console; editors curate it. */
const READERS: readonly StaffRole[] = ['agent', 'editor'];
const EDITORS: readonly StaffRole[] = ['editor'];

/** Versions record who changed what: the signed-in editor's login name. */
function actorOf(context: Context<StaffEnv>): string {
  const principal = context.get('principal');
  return principal.username ?? principal.userId;
}

function invalid(context: Context, message: string, issues?: unknown): Response {
  return context.json({ error: 'invalid_input', message, ...(issues === undefined ? {} : { issues }) }, 400);
}

type QueryResult<T> = { ok: true; value: T } | { ok: false; response: Response };

function readQuery<T>(context: Context, schema: z.ZodType<T>): QueryResult<T> {
  const query = schema.safeParse(context.req.query());
  if (query.success) return { ok: true, value: query.data };
  const issues = query.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { ok: false, response: invalid(context, 'bad query parameters', issues) };
}

const tag = 'knowledge';

/** CRUD, versions, rollback, synonyms, import and export of the knowledge base. */
export function registerKnowledgeRoutes(
  app: Hono,
  options: { knowledgeBase: KnowledgeBase; auth: Auth },
  registry: ApiRegistry,
): void {
  const { knowledgeBase } = options;
  const { store } = knowledgeBase;
  const readers = requireStaff(options.auth, READERS);
  const editors = requireStaff(options.auth, EDITORS);

  app.get('/api/knowledge/entries', readers, async (context) => {
    const query = readQuery(context, ListQuerySchema);
    if (!query.ok) return query.response;
    const filter = Object.fromEntries(Object.entries(query.value).filter(([, value]) => value !== undefined));
    return context.json({ entries: await store.list(filter) });
  });
  registry.add({
    method: 'get',
    path: '/api/knowledge/entries',
    summary: 'List entries, filtered by tag, text or enabled',
    tag,
    auth: READERS,
    query: ListQuerySchema,
    responses: { 200: { description: 'The entries', schema: EntryListSchema } },
  });

  app.get('/api/knowledge/entries/:id', readers, async (context) => {
    const entry = await store.get(context.req.param('id'));
    return entry ? context.json(entry) : context.json({ error: 'not_found', message: 'no such entry' }, 404);
  });
  registry.add({
    method: 'get',
    path: '/api/knowledge/entries/:id',
    summary: 'One entry',
    tag,
    auth: READERS,
    responses: {
      200: { description: 'The entry', schema: EntrySchema },
      404: { description: 'No such entry' },
    },
  });

  app.put('/api/knowledge/entries/:id', editors, async (context) => {
    const body = await readJsonBody(context, EntrySchema);
    if (!body.ok) return body.response;
    if (body.value.id !== context.req.param('id'))
      return invalid(context, 'the id in the body must match the URL');
    const version = await store.put(body.value, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ entry: body.value, version: version ?? null, changed: version !== undefined });
  });
  registry.add({
    method: 'put',
    path: '/api/knowledge/entries/:id',
    summary: 'Create or replace an entry; answerable as soon as this returns',
    tag,
    auth: EDITORS,
    body: EntrySchema,
    responses: { 200: { description: 'Stored (or unchanged)', schema: EntryPutResponseSchema } },
  });

  app.delete('/api/knowledge/entries/:id', editors, async (context) => {
    const version = await store.remove(context.req.param('id'), actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ version });
  });
  registry.add({
    method: 'delete',
    path: '/api/knowledge/entries/:id',
    summary: 'Delete an entry (a version records it, so it can be reverted)',
    tag,
    auth: EDITORS,
    responses: {
      200: { description: 'Deleted', schema: VersionResponseSchema },
      404: { description: 'No such entry' },
    },
  });

  app.get('/api/knowledge/versions', readers, async (context) => {
    const query = readQuery(context, VersionsQuerySchema);
    if (!query.ok) return query.response;
    const { entryId, limit } = query.value;
    return context.json({ versions: await store.versions({ ...(entryId ? { entryId } : {}), limit }) });
  });
  registry.add({
    method: 'get',
    path: '/api/knowledge/versions',
    summary: 'Recorded changes, newest first, of one entry or all',
    tag,
    auth: READERS,
    query: VersionsQuerySchema,
    responses: { 200: { description: 'The versions', schema: VersionListSchema } },
  });

  app.post('/api/knowledge/versions/:versionId/revert', editors, async (context) => {
    const versionId = z.coerce.number().int().min(1).safeParse(context.req.param('versionId'));
    if (!versionId.success) return invalid(context, 'versionId must be a positive integer');
    const version = await store.revert(versionId.data, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ version });
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/versions/:versionId/revert',
    summary: 'Undo one recorded change: the entry returns to how it was before it',
    tag,
    auth: EDITORS,
    responses: {
      200: { description: 'Reverted', schema: VersionResponseSchema },
      404: { description: 'No such version' },
    },
  });

  app.get('/api/knowledge/synonyms', readers, async (context) =>
    context.json({ synonyms: await store.listSynonyms() }),
  );
  registry.add({
    method: 'get',
    path: '/api/knowledge/synonyms',
    summary: 'Every synonym',
    tag,
    auth: READERS,
    responses: { 200: { description: 'The synonyms', schema: SynonymListSchema } },
  });

  app.put('/api/knowledge/synonyms', editors, async (context) => {
    const body = await readJsonBody(context, SynonymSchema);
    if (!body.ok) return body.response;
    await store.putSynonym(body.value, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ synonym: body.value });
  });
  registry.add({
    method: 'put',
    path: '/api/knowledge/synonyms',
    summary: 'Map a term to the word entries use',
    tag,
    auth: EDITORS,
    body: SynonymSchema,
    responses: { 200: { description: 'Stored', schema: z.object({ synonym: SynonymSchema }) } },
  });

  app.delete('/api/knowledge/synonyms', editors, async (context) => {
    const query = readQuery(context, SynonymDeleteQuerySchema);
    if (!query.ok) return query.response;
    await store.removeSynonym(query.value.term, query.value.locale, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json({ removed: query.value.term });
  });
  registry.add({
    method: 'delete',
    path: '/api/knowledge/synonyms',
    summary: 'Remove a synonym',
    tag,
    auth: EDITORS,
    query: SynonymDeleteQuerySchema,
    responses: { 200: { description: 'Removed', schema: z.object({ removed: z.string() }) } },
  });

  app.post('/api/knowledge/import', editors, async (context) => {
    const query = readQuery(context, FormatQuerySchema);
    if (!query.ok) return query.response;
    const text = await context.req.text();
    const parsed = query.value.format === 'csv' ? parseEntriesCsv(text) : parseEntriesJsonl(text);
    if (!parsed.ok)
      return context.json(
        { error: 'invalid_input', message: 'nothing imported: some lines are invalid', lines: parsed.errors },
        400,
      );
    const result = await store.importEntries(parsed.entries, actorOf(context));
    await knowledgeBase.whenIndexed();
    return context.json(result);
  });
  registry.add({
    method: 'post',
    path: '/api/knowledge/import',
    summary: 'Import a JSON Lines or CSV file of entries, all or nothing',
    tag,
    auth: EDITORS,
    query: FormatQuerySchema,
    bodyContentType: 'text/plain',
    responses: {
      200: { description: 'Imported', schema: ImportResultSchema },
      400: { description: 'Nothing imported; the bad lines are named', schema: ImportErrorSchema },
    },
  });

  app.get('/api/knowledge/export', editors, async (context) => {
    const query = readQuery(context, FormatQuerySchema);
    if (!query.ok) return query.response;
    const entries = await store.list();
    if (query.value.format === 'csv') {
      return context.body(writeEntriesCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8' });
    }
    return context.body(writeEntriesJsonl(entries), 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
    });
  });
  registry.add({
    method: 'get',
    path: '/api/knowledge/export',
    summary: 'Every entry as JSON Lines (or CSV with format=csv)',
    tag,
    auth: EDITORS,
    query: FormatQuerySchema,
    responses: {
      200: {
        description: 'The file: application/x-ndjson, or text/csv',
        contentType: 'application/x-ndjson',
      },
    },
  });
}
