import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { CONFUSABLE_KB } from '../../eval/test-support/confusable-kb.js';
import type { EditorReport } from '../../knowledge/editor-report/index.js';
import type { Entry } from '../../knowledge/entry.js';
import { createAuthRuntime } from '../../server/auth/create-auth-runtime.js';
import { loadConfig } from '../../server/config.js';
import { createServerEditorReport } from '../../server/editor-report/create-server-editor-report.js';
import type { EditorReportRecord } from '../../server/editor-report/editor-report-record.js';
import type { EditorReportService } from '../../server/editor-report/editor-report-service.js';
import { createApp } from '../../server/http/create-app.js';
import {
  createKnowledgeRuntime,
  databasePath,
  type KnowledgeRuntime,
} from '../../server/knowledge-runtime.js';

const PASSWORD = 'livedesk-demo';
const ACCEPTED = 'how can I start streaming as a host';
const DISMISSED = 'can I get rid of my profile';

let dataDir: string;
let runtime: KnowledgeRuntime;
let reports: EditorReportService;
let server: Server;
let baseUrl: string;
let closeDatabase: () => void;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-editor-report-'));
  const config = loadConfig({
    LIVEDESK_DATA_DIR: dataDir,
    LIVEDESK_HTTP_RATE_PER_SECOND: '10000',
    LIVEDESK_HTTP_RATE_BURST: '10000',
  });
  runtime = await createKnowledgeRuntime(config);
  // The demo's accounts, a small knowledge base of our own.
  for (const entry of await runtime.store.list()) await runtime.store.remove(entry.id, 'test');
  await runtime.store.importEntries(CONFUSABLE_KB, 'test');
  await runtime.knowledgeBase.whenIndexed();
  const database = createSqliteDatabase(databasePath(config));
  closeDatabase = () => database.close();
  const { auth, accounts } = await createAuthRuntime({
    config,
    database,
    passwordParams: { log2N: 10, r: 8, p: 1 },
    log: () => {},
  });
  reports = createServerEditorReport({
    config,
    store: runtime.store,
    suite: () =>
      Promise.resolve({
        label: 'own cases',
        cases: [
          { text: 'how to delete the account', expected: 'account.delete' },
          { text: 'I want to go live as a host', expected: 'streamer.apply' },
          { text: 'what is the weather tomorrow', expected: null },
        ],
      }),
    gaps: () =>
      Promise.resolve([
        { question: ACCEPTED, asked: 7 },
        { question: DISMISSED, asked: 3 },
      ]),
  });
  const app = createApp({
    knowledgeBase: runtime.knowledgeBase,
    isReady: () => true,
    auth,
    accounts,
    http: config.http,
    editorReport: reports,
  });
  server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started as Server),
    );
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await reports?.close();
  closeDatabase?.();
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function request(route: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  const headers = new Headers();
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${baseUrl}${route}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

async function login(username: string): Promise<string> {
  const response = await request('/api/auth/login', {
    method: 'POST',
    json: { username, password: PASSWORD },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function runReport(token: string): Promise<EditorReport> {
  const started = await request('/api/knowledge/report', { method: 'POST', token });
  expect(started.status, await started.clone().text()).toBe(202);
  expect(((await started.json()) as EditorReportRecord).status).toBe('running');
  const again = await request('/api/knowledge/report', { method: 'POST', token });
  expect(again.status).toBe(409);
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const response = await request('/api/knowledge/report', { token });
    expect(response.status).toBe(200);
    const record = (await response.json()) as EditorReportRecord;
    if (record.status !== 'running') {
      expect(record.status, record.error ?? '').toBe('done');
      return record.report!;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the report never finished');
}

describe('the quality report over HTTP', () => {
  it('reports, takes a suggestion through the entry route as a new version, and forgets dismissed ones', async () => {
    const editor = await login('editor');
    const before = await request('/api/knowledge/report', { token: editor });
    expect(((await before.json()) as EditorReportRecord).status).toBe('none');

    const first = await runReport(editor);
    const coins = ['coins.top-up', 'coins.recharge'];
    expect(
      first.confusedPairs.some((pair) => coins.includes(pair.entryId) && coins.includes(pair.confusedWith)),
    ).toBe(true);
    expect(first.suite).toMatchObject({ label: 'own cases', inScope: 2, outOfScope: 1 });
    const suggestion = first.suggestions.find((candidate) => candidate.phrasing === ACCEPTED)!;
    expect(suggestion).toMatchObject({ source: 'gap', entryId: 'streamer.apply', locale: 'en', asked: 7 });
    expect(suggestion.delta).not.toBeNull();
    const other = first.suggestions.find((candidate) => candidate.phrasing === DISMISSED)!;
    expect(other).toBeDefined();

    // Accept = the admin's edit: read the entry, add the phrasing, put it back.
    const entryPath = `/api/knowledge/entries/${suggestion.entryId}`;
    const entry = (await (await request(entryPath, { token: editor })).json()) as Entry;
    const put = await request(entryPath, {
      method: 'PUT',
      token: editor,
      json: { ...entry, questions: [...entry.questions, suggestion.phrasing] },
    });
    expect(put.status).toBe(200);
    const stored = (await put.json()) as { changed: boolean; version: { versionId: number; action: string } };
    expect(stored.changed).toBe(true);
    expect(stored.version.action).toBe('update');
    const versions = (await (
      await request(`/api/knowledge/versions?entryId=${suggestion.entryId}`, { token: editor })
    ).json()) as { versions: { versionId: number; actor: string }[] };
    expect(versions.versions[0]).toMatchObject({ versionId: stored.version.versionId, actor: 'editor' });

    const badId = await request('/api/knowledge/report/suggestions/not-an-id/dismiss', {
      method: 'POST',
      token: editor,
    });
    expect(badId.status).toBe(400);
    const dismissed = await request(`/api/knowledge/report/suggestions/${other.id}/dismiss`, {
      method: 'POST',
      token: editor,
    });
    expect(dismissed.status).toBe(200);
    const afterDismiss = (await dismissed.json()) as EditorReportRecord;
    expect(afterDismiss.report!.suggestions.map((candidate) => candidate.id)).not.toContain(other.id);
    const twice = await request(`/api/knowledge/report/suggestions/${other.id}/dismiss`, {
      method: 'POST',
      token: editor,
    });
    expect(twice.status).toBe(404);

    const agent = await login('agent');
    const agentDismiss = await request(`/api/knowledge/report/suggestions/${suggestion.id}/dismiss`, {
      method: 'POST',
      token: agent,
    });
    expect(agentDismiss.status).toBe(403);

    const second = await runReport(editor);
    const phrasings = second.suggestions.map((candidate) => candidate.phrasing);
    expect(phrasings).not.toContain(ACCEPTED);
    expect(phrasings).not.toContain(DISMISSED);
  });
});
