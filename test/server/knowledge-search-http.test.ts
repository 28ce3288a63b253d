import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskContentTestServer, type DeskContentTestServer } from './desk-content-test-server.js';

let server: DeskContentTestServer;
let agent: string;

beforeAll(async () => {
  server = await startDeskContentTestServer();
  agent = await server.login('agent');
});

afterAll(async () => {
  await server.close();
});

interface SearchBody {
  action: string;
  candidates: { entryId: string; question: string; answer: string; confidence: number; locale: string }[];
}

const search = (body: unknown, token: string = agent) =>
  server.request('/api/knowledge/search', { method: 'POST', token, json: body });

describe('staff knowledge search over HTTP', () => {
  it('finds what the viewer-side matcher finds for "充值没到账", ranked, with its confidence', async () => {
    const viewerSide = (await (
      await server.request('/api/ask', { method: 'POST', json: { text: '充值没到账' } })
    ).json()) as { best: { entryId: string; confidence: number } | null };
    expect(viewerSide.best?.entryId).toBe('coins.top-up-not-arrived');

    const response = await search({ text: '充值没到账', limit: 3 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as SearchBody;
    expect(body.action).toBe('answer');
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.candidates.length).toBeLessThanOrEqual(3);
    const [top] = body.candidates;
    expect(top).toMatchObject({ entryId: 'coins.top-up-not-arrived', locale: 'zh' });
    expect(top!.confidence).toBeCloseTo(viewerSide.best!.confidence, 6);
    expect(top!.answer).toContain('到账');
    const confidences = body.candidates.map((candidate) => candidate.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it('gives questions and answers in the viewer’s language when the entry has it', async () => {
    const body = (await (await search({ text: '充值没到账', locale: 'en', limit: 1 })).json()) as SearchBody;
    expect(body.candidates[0]).toMatchObject({ entryId: 'coins.top-up-not-arrived', locale: 'en' });
    expect(body.candidates[0]!.answer).toMatch(/[A-Za-z]/);
  });

  it('is for staff who answer viewers, and refuses bad input with a 400', async () => {
    const editor = await server.login('editor');
    const supervisor = await server.login('supervisor');
    const { token: viewer } = await server.auth.issueViewerToken({
      viewerId: 'v1',
      roomId: 'r1',
      tier: 'regular',
    });
    const anonymous = await server.request('/api/knowledge/search', { method: 'POST', json: { text: 'x' } });
    expect(anonymous.status).toBe(401);
    expect((await search({ text: 'top up' }, editor)).status).toBe(403);
    expect((await search({ text: 'top up' }, viewer)).status).toBe(403);
    expect((await search({ text: 'top up' }, supervisor)).status).toBe(200);
    for (const bad of [
      {},
      { text: '   ' },
      { text: 'x', limit: 0 },
      { text: 'x', limit: 500 },
      { text: 'x', extra: 1 },
    ]) {
      const response = await search(bad);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_input' });
    }
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await (await server.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.paths['/api/knowledge/search']).toHaveProperty('post');
  });
});
