import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMatching } from '../support/text-matching.js';
import { startAuthTestServer, type AuthTestServer } from './auth-test-server.js';

let server: AuthTestServer;
let baseUrl: string;
/** `Authorization` for the demo editor: knowledge routes need a signed-in editor. */
let editor: Record<string, string>;

beforeAll(async () => {
  server = await startAuthTestServer();
  baseUrl = server.baseUrl;
  editor = { authorization: `Bearer ${await server.login('editor')}` };
});

afterAll(async () => {
  await server.close();
});

const post = (route: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${route}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('HTTP API', () => {
  it('reports ready on /healthz', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers a question from the demo knowledge base with its explanation', async () => {
    const response = await post('/api/ask', JSON.stringify({ text: '金币在哪里充值' }));
    const decision = (await response.json()) as {
      action: string;
      best: { entryId: string; explanation: { sharedTerms: string[] } };
    };
    expect(decision.action).toBe('answer');
    expect(decision.best.entryId).toBe('coins.top-up');
    expect(decision.best.explanation.sharedTerms).toContain('充值');
  });

  it.each([
    ['broken JSON', '{"text":', 400, 'invalid_json'],
    ['a missing field', '{}', 400, 'invalid_input'],
    ['a wrong type', '{"text": 42}', 400, 'invalid_input'],
    ['an oversized body', JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }), 413, 'payload_too_large'],
  ])('rejects %s with a clear error', async (_, body, status, error) => {
    const response = await post('/api/ask', body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error });
  });

  it('refuses an oversized body sent without a declared length, before holding it in memory', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${baseUrl}/api/ask`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('lets a knowledge import be larger than an ordinary request, up to its own cap', async () => {
    const lines = Array.from({ length: 3000 }, (_, index) =>
      JSON.stringify({
        id: `bulk.${index}`,
        questions: [`bulk question number ${index} ${'padding '.repeat(40)}`],
        answer: 'A bulk answer.',
      }),
    );
    const response = await fetch(`${baseUrl}/api/knowledge/import?format=jsonl`, {
      method: 'POST',
      body: lines.join('\n'),
      headers: editor,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ created: 3000 });
  });

  it('makes a new entry answerable at once and lets the change be reverted', async () => {
    const question = 'can I pay with a gift card from the supermarket';
    const before = (await (await post('/api/ask', JSON.stringify({ text: question }))).json()) as {
      best: { entryId: string } | null;
    };
    expect(before.best?.entryId).not.toBe('coins.gift-card');
    const entry = {
      id: 'coins.gift-card',
      locale: 'en',
      questions: ['can I pay with a gift card', 'supermarket gift card payment'],
      answer: 'Gift cards are not accepted.',
    };
    const put = await fetch(`${baseUrl}/api/knowledge/entries/coins.gift-card`, {
      method: 'PUT',
      body: JSON.stringify(entry),
      headers: editor,
    });
    const { version } = (await put.json()) as { version: { versionId: number; actor: string } };
    expect(version.actor).toBe('editor');
    const after = (await (await post('/api/ask', JSON.stringify({ text: question }))).json()) as {
      best: { entryId: string } | null;
    };
    expect(after.best?.entryId).toBe('coins.gift-card');
    await post(`/api/knowledge/versions/${version.versionId}/revert`, '', editor);
    expect(
      (await fetch(`${baseUrl}/api/knowledge/entries/coins.gift-card`, { headers: editor })).status,
    ).toBe(404);
  });

  it('imports nothing when a line is bad and names the line', async () => {
    const count = async () =>
      (
        (await (await fetch(`${baseUrl}/api/knowledge/entries`, { headers: editor })).json()) as {
          entries: unknown[];
        }
      ).entries.length;
    const before = await count();
    const file = [
      '{"id":"a.one","questions":["q one"],"answer":"one"}',
      '{"id":"a.two","questions":[],"answer":"two"}',
      'not json',
    ].join('\n');
    const response = await fetch(`${baseUrl}/api/knowledge/import?format=jsonl`, {
      method: 'POST',
      body: file,
      headers: editor,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { lines: { line: number }[] };
    expect(body.lines.map((error) => error.line)).toEqual([2, 3]);
    expect(await count()).toBe(before);
  });

  it.each([
    [
      'csv',
      'id,locale,questions,answer\nok.one,en,How do I pay?,With coins.\nnul.one,en,"How do I pay?\u0000",With coins.\nxx.one,xx,How?,Like this.\n',
    ],
    [
      'jsonl',
      [
        '{"id":"ok.one","locale":"en","questions":["How do I pay?"],"answer":"With coins."}',
        '{"id":"nul.one","locale":"en","questions":["How do I pay?\\u0000"],"answer":"With coins."}',
        '{"id":"xx.one","locale":"xx","questions":["How?"],"answer":"Like this."}',
      ].join('\n'),
    ],
  ])(
    'refuses a %s import with a NUL character and the locale xx, naming their lines',
    async (format, file) => {
      const response = await fetch(`${baseUrl}/api/knowledge/import?format=${format}`, {
        method: 'POST',
        body: file,
        headers: editor,
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { lines: { line: number; message: string }[] };
      expect(body.lines).toEqual([
        { line: format === 'csv' ? 3 : 2, message: textMatching('control character U+0000') },
        { line: format === 'csv' ? 4 : 3, message: textMatching('"xx" is not a known language') },
      ]);
      const found = await fetch(`${baseUrl}/api/knowledge/entries/ok.one`, { headers: editor });
      expect(found.status).toBe(404);
    },
  );

  it('exports what it holds as JSON Lines and CSV', async () => {
    const jsonl = await (await fetch(`${baseUrl}/api/knowledge/export`, { headers: editor })).text();
    expect(jsonl.trim().split('\n').length).toBeGreaterThanOrEqual(60);
    const csv = await fetch(`${baseUrl}/api/knowledge/export?format=csv`, { headers: editor });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('coins.top-up');
  });

  it('answers unknown routes with 404 JSON', async () => {
    const response = await fetch(`${baseUrl}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });
});
