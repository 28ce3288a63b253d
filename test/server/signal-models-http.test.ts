import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalModelSchema } from '../../engine/signals/learned/signal-model.js';
import type { SignalModelListingSchema } from '../../server/http/signal-model-routes.js';
import type { SignalTrainingJob } from '../../server/signals/signal-training-job.js';
import { alwaysFiresSignalModel } from '../support/always-fires-signal-model.js';
import type { z } from 'zod';
import { startDeskServer, type DeskServer } from './desk-server.js';

type Listing = z.infer<typeof SignalModelListingSchema>;

let server: DeskServer;
let editor: string;
let agent: string;

beforeAll(async () => {
  // Twelve examples of each class: the suite has fewer for harassment (10), so one retrain can be refused.
  server = await startDeskServer({ LIVEDESK_SIGNALS_MIN_EXAMPLES: '12' });
  editor = (await server.login('editor')).token;
  agent = (await server.login('agent')).token;
});

afterAll(async () => {
  await server?.close();
});

function upload(text: string, name = 'model.json', token = editor): Promise<Response> {
  return fetch(`${server.baseUrl}/api/signals/models?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: text,
  });
}

async function listing(): Promise<Listing> {
  const response = await server.request('/api/signals/models', { token: editor });
  expect(response.status).toBe(200);
  return (await response.json()) as Listing;
}

function activate(version: unknown, token = editor): Promise<Response> {
  return server.request('/api/signals/active-model', { method: 'PUT', token, json: { version } });
}

async function finished(job: SignalTrainingJob): Promise<SignalTrainingJob> {
  let current = job;
  await expect
    .poll(
      async () => {
        const response = await server.request(`/api/signals/training/${job.id}`, { token: editor });
        current = (await response.json()) as SignalTrainingJob;
        return current.status;
      },
      { timeout: 60_000, interval: 100 },
    )
    .not.toBe('running');
  return current;
}

async function startTraining(body: unknown): Promise<SignalTrainingJob> {
  const response = await server.request('/api/signals/training', { token: editor, json: body });
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { job: SignalTrainingJob }).job;
}

describe('signal model versions in the admin API', () => {
  it('starts with no version and the lists alone', async () => {
    expect(await listing()).toEqual({ choice: null, activeVersion: null, versions: [] });
  });

  it('keeps models from anyone but editors and admins', async () => {
    expect((await server.request('/api/signals/models')).status).toBe(401);
    expect((await server.request('/api/signals/models', { token: agent })).status).toBe(403);
    expect((await upload(JSON.stringify(alwaysFiresSignalModel()), 'x.json', agent)).status).toBe(403);
    expect((await activate(null, agent)).status).toBe(403);
    expect((await server.request('/api/signals/training', { token: agent, json: {} })).status).toBe(403);
    expect((await listing()).versions).toEqual([]);
  });

  it('stores an uploaded model as a version, measured on the test split, without activating it', async () => {
    const response = await upload(JSON.stringify(alwaysFiresSignalModel()), 'always.json');
    expect(response.status).toBe(201);
    const { version } = (await response.json()) as { version: Listing['versions'][number] };
    expect(version).toMatchObject({
      version: 1,
      origin: 'uploaded',
      createdBy: 'editor',
      sources: ['uploaded: always.json', 'hand-made'],
      classifiers: { human_request: { threshold: 0.5, combine: 'union' } },
    });
    // Firing on everything finds every request in the test split, and much that is none.
    const figures = version.testSplit?.signals.human_request;
    expect(version.testSplit?.source).toBe('knowledge/demo/escalation-suite-test.jsonl');
    expect(figures?.model.recall).toBe(1);
    expect(figures?.model.precision).toBeLessThan(figures?.lists.precision ?? 0);
    expect((await listing()).activeVersion).toBeNull();

    const again = await upload(JSON.stringify(alwaysFiresSignalModel()), 'again.json');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { version: { version: number } }).version.version).toBe(1);
  });

  it.each([
    ['empty', '', 'signal model file "broken.json" is empty'],
    ['not JSON', '{"format":', 'signal model file "broken.json" is not JSON'],
    ['another format', '{"format":"something-else"}', 'is not a Livedesk signal model: format'],
    [
      'made for other features',
      JSON.stringify({
        ...alwaysFiresSignalModel(),
        featureSpace: { dimensions: 1024, recipe: 'builtin-signals-v0' },
      }),
      'train it again',
    ],
  ])(
    'refuses an upload that is %s, naming what is wrong, and stores nothing',
    async (_name, text, message) => {
      const before = await listing();
      const response = await upload(text, 'broken.json');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(message);
      expect(await listing()).toEqual(before);
    },
  );

  it('activates a version, rolls back to none, and refuses an unknown one without a change', async () => {
    expect((await activate(1)).status).toBe(200);
    expect(await listing()).toMatchObject({ activeVersion: 1, choice: { version: 1, chosenBy: 'editor' } });

    const unknown = await activate(99);
    expect(unknown.status).toBe(404);
    expect((await activate('1')).status).toBe(400);
    expect((await server.request('/api/signals/models/99', { token: editor })).status).toBe(404);
    expect((await listing()).activeVersion).toBe(1);

    const file = await server.request('/api/signals/models/1', { token: editor });
    expect(file.headers.get('content-disposition')).toContain('livedesk-signal-model-v1.json');
    expect(SignalModelSchema.parse(await file.json())).toEqual(alwaysFiresSignalModel());

    expect((await activate(null)).status).toBe(200);
    expect(await listing()).toMatchObject({ activeVersion: null, choice: { version: null } });
  });
});

describe('retraining in the admin API', () => {
  it('counts what a retrain learns from', async () => {
    const response = await server.request('/api/signals/labels', { token: editor });
    const counts = (await response.json()) as {
      suite: { lines: number };
      signals: { signal: string; suite: { positives: number }; enough: boolean }[];
    };
    expect(counts.suite.lines).toBe(548);
    expect(counts.signals.find((count) => count.signal === 'anger')).toMatchObject({
      suite: { positives: 148 },
      enough: true,
    });
    expect(counts.signals.find((count) => count.signal === 'sensitive:harassment')?.enough).toBe(false);
  });

  it('says which class has too few examples instead of making a model', async () => {
    const job = await finished(await startTraining({ signals: ['sensitive:harassment'] }));
    expect(job.status).toBe('failed');
    expect(job.version).toBeNull();
    expect(job.problems.join('\n')).toMatch(
      /sensitive:harassment: \d+ positive .* at least 12 of each are needed/,
    );
    expect((await listing()).versions).toHaveLength(1);
  });

  it('stops a training when cancelled, storing nothing, and runs one at a time', async () => {
    const job = await startTraining({});
    const second = await server.request('/api/signals/training', { token: editor, json: {} });
    expect(second.status).toBe(409);
    const cancelled = await server.request(`/api/signals/training/${job.id}`, {
      method: 'DELETE',
      token: editor,
    });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { job: SignalTrainingJob }).job.status).toBe('cancelled');
    expect((await listing()).versions).toHaveLength(1);
  });

  it('trains a new version in the background and leaves the active one alone', async () => {
    const job = await finished(await startTraining({ signals: ['anger', 'human_request'] }));
    expect(job, job.error ?? '').toMatchObject({ status: 'done', version: 2, problems: [] });
    const { versions, activeVersion } = await listing();
    expect(activeVersion).toBeNull();
    const trained = versions.find((version) => version.version === 2);
    expect(trained).toMatchObject({ origin: 'trained', createdBy: 'editor' });
    expect(Object.keys(trained?.classifiers ?? {}).sort()).toEqual(['anger', 'human_request']);
    expect(trained?.classifiers.anger?.training.heldOut.source).toBe('cross-validation');
    expect(trained?.sources[0]).toContain('escalation-suite-dev.jsonl');
    expect(trained?.testSplit?.signals.anger?.model.f1).toBeGreaterThan(0.5);
  }, 90_000);

  it('documents every route in the OpenAPI document', async () => {
    const document = (await (await server.request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/signals/models',
        '/api/signals/models/{version}',
        '/api/signals/active-model',
        '/api/signals/labels',
        '/api/signals/training',
        '/api/signals/training/{id}',
        '/api/conversations/{id}/escalation-label',
        '/api/conversations/{id}/escalation-label/mark',
      ]),
    );
  });
});
