import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WRONG_ANSWER_COST } from '../../eval/answer-objective.js';
import type { EvalReport } from '../../eval/eval-report.js';
import { runCaseEval } from '../../eval/run-case-eval.js';
import { parseEntriesJsonl, writeEntriesJsonl } from '../../knowledge/io/index.js';
import { DEFAULT_MATCHER_CONFIG } from '../../knowledge/matching/matcher-config.js';
import { withDemoTranslations } from '../../server/demo-translations.js';
import { createEvalRunFiles } from '../../server/eval-runs/eval-run-files.js';
import type { EvalRunRecord, EvalRunSummary } from '../../server/eval-runs/eval-run-record.js';
import { questionsAsked, type EvalPace } from '../../server/eval-runs/run-live-eval.js';
import { EVAL_SUITE_FILES } from '../../server/eval-runs/eval-suites.js';
import { startHistoryTestServer, type HistoryTestServer } from './conversations-api-test-server.js';

const DEMO = path.resolve(import.meta.dirname, '../../knowledge/demo');
const readLines = (file: string) => readFileSync(path.join(DEMO, file), 'utf8').trim().split('\n');
/** Questions a run of the demo suite asks; the suite's case file grows as cases are written. */
const DEMO_SUITE_TOTAL = questionsAsked(
  readFileSync(path.resolve(import.meta.dirname, '../..', EVAL_SUITE_FILES.demo), 'utf8')
    .trim()
    .split('\n').length,
);

/** Matching cases and escalation-labelled cases, so every block of the report is filled. */
const POSTED_CASES = [
  ...readLines('demo-cases.jsonl').slice(0, 60),
  ...readLines('demo-escalation-test.jsonl').slice(0, 40),
].join('\n');

/** Holds a run before a given question until released; an abort rejects the wait like a real pause. */
class PaceGate {
  private armedAt: number | undefined;
  private release: (() => void) | undefined;
  private onReached: (() => void) | undefined;
  readonly pace: EvalPace = (asked, signal) => {
    if (asked !== this.armedAt) return Promise.resolve();
    this.armedAt = undefined;
    return new Promise<void>((resolve, reject) => {
      this.release = resolve;
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      this.onReached?.();
    });
  };

  /** Resolves when the next run is held before question `asked` (0-based). */
  arm(asked: number): Promise<void> {
    this.armedAt = asked;
    return new Promise((resolve) => {
      this.onReached = resolve;
    });
  }

  open(): void {
    this.release?.();
  }
}

let server: HistoryTestServer;
let editor: string;
const gate = new PaceGate();

beforeAll(async () => {
  server = await startHistoryTestServer({ pace: gate.pace });
  editor = await server.login('editor');
});

afterAll(async () => {
  await server?.close();
});

async function start(body: unknown, token = editor): Promise<Response> {
  // Runs are listed newest first: each starts a second after the one before.
  server.clock.advance(1000);
  return server.request('/api/eval/runs', { method: 'POST', token, json: body });
}

async function startRun(body: unknown): Promise<EvalRunSummary> {
  const response = await start(body);
  expect(response.status, await response.clone().text()).toBe(202);
  const { run } = (await response.json()) as { run: EvalRunSummary };
  expect(response.headers.get('location')).toBe(`/api/eval/runs/${run.id}`);
  return run;
}

async function getRun(id: string, target = server): Promise<EvalRunRecord> {
  const response = await target.request(`/api/eval/runs/${id}`, { token: editor });
  expect(response.status).toBe(200);
  return (await response.json()) as EvalRunRecord;
}

async function finished(id: string): Promise<EvalRunRecord> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const run = await getRun(id);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`eval run ${id} did not finish`);
}

/** The figures of a report; times, paths, labels and notes differ between a CLI run and a server run. */
function figures(report: EvalReport | EvalRunRecord['report']) {
  const { inScope, outOfScope, escalation, byLocale, curve, worstMisses, cases, thresholds } =
    report as EvalReport;
  return { inScope, outOfScope, escalation, byLocale, curve, worstMisses, cases, thresholds };
}

describe('eval runs API', () => {
  it("scores posted cases against the server's knowledge base with the same figures as the CLI eval", async () => {
    const run = await startRun({ cases: POSTED_CASES });
    expect(run).toMatchObject({
      status: 'running',
      source: { kind: 'cases' },
      cases: 100,
      progress: { asked: 0, total: 120 },
    });
    const done = await finished(run.id);
    expect(done.status, done.error ?? '').toBe('done');
    expect(done.progress).toEqual({ asked: 120, total: 120 });
    expect(done.createdBy).toBe('editor');

    const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-eval-cli-'));
    try {
      const casesPath = path.join(folder, 'cases.jsonl');
      writeFileSync(casesPath, POSTED_CASES);
      // What the server seeded: the demo entries with their translations in more languages merged in.
      const kbPath = path.join(folder, 'kb.jsonl');
      const demoEntries = parseEntriesJsonl(readFileSync(path.join(DEMO, 'demo-kb.jsonl'), 'utf8'));
      if (!demoEntries.ok) throw new Error('the demo knowledge base is invalid');
      writeFileSync(kbPath, writeEntriesJsonl(await withDemoTranslations(demoEntries.entries)));
      const { report } = await runCaseEval({
        kbPath,
        synonymsPath: path.join(DEMO, 'demo-synonyms.jsonl'),
        casesPath,
        embedder: server.config.embedder,
        vectorIndex: server.config.vectorIndex,
        matcherConfig: DEFAULT_MATCHER_CONFIG,
        wrongAnswerCost: DEFAULT_WRONG_ANSWER_COST,
        missesKept: 20,
        policy: server.config.scenario,
        // The server reads its vocabulary through the domain packs it loads; the CLI must load the same.
        domainPacks: server.config.domainPacks,
      });
      expect(report.escalation).not.toBeNull();
      expect(report.inScope.count).toBeGreaterThan(0);
      expect(figures(done.report)).toEqual(figures(report));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs a demo suite, serves its HTML report and keeps it in the data folder across a restart', async () => {
    const run = await startRun({ suite: 'escalation' });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'done', source: { kind: 'suite', suite: 'escalation' }, cases: 71 });
    expect(done.report).toMatchObject({
      kind: 'livedesk-eval',
      casesPath: 'knowledge/demo/demo-escalation-test.jsonl',
    });

    const html = await server.request(`/api/eval/runs/${run.id}/report.html`, { token: editor });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain('http-equiv="Content-Security-Policy"');

    const list = (await (await server.request('/api/eval/runs', { token: editor })).json()) as {
      runs: EvalRunSummary[];
    };
    expect(list.runs[0]).toMatchObject({ id: run.id, status: 'done' });
    expect(list.runs[0]).not.toHaveProperty('report');

    const file = path.join(server.config.dataDir, 'eval-runs', `${run.id}.json`);
    expect(existsSync(file)).toBe(true);
    const restarted = await startHistoryTestServer({ dataDir: server.config.dataDir });
    try {
      const again = await getRun(run.id, restarted);
      expect(again).toEqual(done);
      const htmlAgain = await restarted.request(`/api/eval/runs/${run.id}/report.html`, { token: editor });
      expect(await htmlAgain.text()).toBe(page);
    } finally {
      await restarted.close({ keepData: true });
    }
  });

  it('rejects bad JSON Lines with every bad line numbered, and starts nothing', async () => {
    const before = (await (await server.request('/api/eval/runs', { token: editor })).json()) as {
      runs: unknown[];
    };
    const response = await start({
      cases: [
        '{"text": "金币怎么充值", "expected": "coins.top-up"}',
        '{"text": "broken',
        '',
        '{"text": "where is my parcel"}',
        '["not", "an", "object"]',
        '{"text": "  ", "expected": null}',
      ].join('\n'),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; lines: { line: number; message: string }[] };
    expect(body.error).toBe('invalid_input');
    expect(body.lines.map((line) => line.line)).toEqual([2, 4, 5, 6]);
    expect(body.lines[0]?.message).toMatch(/JSON/);
    expect(body.lines[1]?.message).toMatch(/expected/);
    const after = (await (await server.request('/api/eval/runs', { token: editor })).json()) as {
      runs: unknown[];
    };
    expect(after.runs).toHaveLength(before.runs.length);
  });

  it.each([
    ['an unknown suite', { suite: 'production' }],
    ['both a suite and cases', { suite: 'demo', cases: '{"text": "a", "expected": null}' }],
    ['empty cases', { cases: '' }],
    ['only blank lines', { cases: '\n \n' }],
  ])('rejects %s with 400', async (_name, body) => {
    expect((await start(body)).status).toBe(400);
  });

  it('refuses a body over the size limit before reading it all', async () => {
    const line = JSON.stringify({ text: 'x'.repeat(1000), expected: null });
    const response = await start({ cases: Array.from({ length: 1200 }, () => line).join('\n') });
    expect(response.status).toBe(413);
  });

  it('runs one at a time, shows progress, and cancels a running run', async () => {
    const held = gate.arm(25);
    const run = await startRun({ suite: 'demo' });
    await held;
    const running = await getRun(run.id);
    expect(running).toMatchObject({
      status: 'running',
      progress: { asked: 25, total: DEMO_SUITE_TOTAL },
      report: null,
    });

    const busy = await start({ suite: 'escalation' });
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ error: 'conflict' });
    const noReport = await server.request(`/api/eval/runs/${run.id}/report.html`, { token: editor });
    expect(noReport.status).toBe(409);

    const cancelled = await server.request(`/api/eval/runs/${run.id}`, { method: 'DELETE', token: editor });
    expect(cancelled.status).toBe(200);
    const { run: stopped } = (await cancelled.json()) as { run: EvalRunRecord };
    expect(stopped).toMatchObject({ status: 'cancelled', report: null, progress: { asked: 25 } });
    expect(stopped.error).toBe('cancelled by editor');
    expect(
      (await server.request(`/api/eval/runs/${run.id}`, { method: 'DELETE', token: editor })).status,
    ).toBe(409);

    // Nothing is left running: the next run starts and finishes.
    const next = await startRun({ cases: '{"text": "金币在哪里充值", "expected": "coins.top-up"}' });
    expect((await finished(next.id)).status).toBe('done');
  });

  it('marks a run that was cut short by a restart as failed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-eval-restart-'));
    await createEvalRunFiles({ folder: path.join(dataDir, 'eval-runs') }).save({
      id: 'cut-short',
      status: 'running',
      source: { kind: 'suite', suite: 'demo' },
      cases: 199,
      createdBy: 'someone',
      createdAt: '2026-06-01T11:00:00.000Z',
      finishedAt: null,
      progress: { asked: 40, total: 219 },
      error: null,
      report: null,
    });
    const restarted = await startHistoryTestServer({ dataDir });
    try {
      const editorToken = await restarted.login('editor');
      const response = await restarted.request('/api/eval/runs/cut-short', { token: editorToken });
      expect(await response.json()).toMatchObject({
        status: 'failed',
        error: 'the server stopped before the run finished',
        finishedAt: '2026-06-01T12:00:00.000Z',
      });
      const started = await restarted.request('/api/eval/runs', {
        method: 'POST',
        token: editorToken,
        json: { cases: '{"text": "hello", "expected": null}' },
      });
      expect(started.status).toBe(202);
    } finally {
      await restarted.close();
    }
  });

  it('records a run stopped by a server shutdown as cancelled', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-eval-shutdown-'));
    const shutdownGate = new PaceGate();
    const first = await startHistoryTestServer({ dataDir, pace: shutdownGate.pace });
    const editorToken = await first.login('editor');
    const held = shutdownGate.arm(5);
    const response = await first.request('/api/eval/runs', {
      method: 'POST',
      token: editorToken,
      json: { suite: 'escalation' },
    });
    const { run } = (await response.json()) as { run: EvalRunSummary };
    await held;
    await first.close({ keepData: true });
    const second = await startHistoryTestServer({ dataDir });
    try {
      const again = await second.request(`/api/eval/runs/${run.id}`, { token: await second.login('editor') });
      expect(await again.json()).toMatchObject({
        status: 'cancelled',
        error: 'cancelled: the server shut down',
        progress: { asked: 5 },
      });
    } finally {
      await second.close();
    }
  });

  it('answers 404 for unknown runs and ids that could not be runs', async () => {
    for (const route of [
      '/api/eval/runs/nope',
      '/api/eval/runs/..%2F..%2Fsecret',
      '/api/eval/runs/nope/report.html',
    ]) {
      expect((await server.request(route, { token: editor })).status).toBe(404);
    }
    expect((await server.request('/api/eval/runs/nope', { method: 'DELETE', token: editor })).status).toBe(
      404,
    );
  });

  it('lets only editors and admins run evals', async () => {
    const agent = await server.login('agent');
    const admin = await server.login('admin');
    expect((await start({ suite: 'demo' }, agent)).status).toBe(403);
    expect((await server.request('/api/eval/runs', { token: agent })).status).toBe(403);
    expect((await server.request('/api/eval/runs')).status).toBe(401);
    expect((await server.request('/api/eval/runs', { token: admin })).status).toBe(200);
  });
});
