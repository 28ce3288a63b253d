import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createServerEvalRuns } from '../../server/eval-runs/create-server-eval-runs.js';
import { createEvalRunFiles } from '../../server/eval-runs/eval-run-files.js';
import { createEvalRunService, type EvalRunService } from '../../server/eval-runs/eval-run-service.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { parsePostedCases } from '../../server/eval-runs/parse-posted-cases.js';
import { createKnowledgeRuntime, type KnowledgeRuntime } from '../../server/knowledge-runtime.js';

let dataDir: string;
let runtime: KnowledgeRuntime;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-eval-service-'));
  runtime = await createKnowledgeRuntime(loadConfig({ LIVEDESK_DATA_DIR: dataDir }));
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const CASE = { text: '金币在哪里充值', expected: 'coins.top-up' };

function service(folderName: string, options: { maxKeptRuns?: number } = {}): EvalRunService {
  let clockMs = Date.parse('2026-06-01T12:00:00.000Z');
  let counter = 0;
  return createServerEvalRuns({
    config: loadConfig({ LIVEDESK_DATA_DIR: path.join(dataDir, folderName) }),
    knowledgeBase: runtime.knowledgeBase,
    // Each reading a second later, so runs are ordered by when they started.
    clock: () => new Date((clockMs += 1000)),
    newId: () => `run-${++counter}`,
    ...options,
  });
}

async function runToEnd(runs: EvalRunService): Promise<string> {
  const { id } = await runs.start({ source: { kind: 'cases' }, cases: [CASE], createdBy: 'editor' });
  for (let attempt = 0; attempt < 400; attempt++) {
    const run = await runs.get(id);
    if (run?.status !== 'running') return id;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the run did not finish');
}

describe('eval run service', () => {
  it('keeps only the newest finished runs, files included', async () => {
    const runs = service('capped', { maxKeptRuns: 2 });
    const first = await runToEnd(runs);
    const second = await runToEnd(runs);
    const third = await runToEnd(runs);
    expect((await runs.list()).map((run) => run.id)).toEqual([third, second]);
    const folder = path.join(dataDir, 'capped', 'eval-runs');
    expect(readdirSync(folder).sort()).toEqual(
      [`${second}.html`, `${second}.json`, `${third}.html`, `${third}.json`].sort(),
    );
    expect(await runs.get(first)).toBeUndefined();
  });

  it('skips files it cannot read rather than refusing to start', async () => {
    const folder = path.join(dataDir, 'damaged', 'eval-runs');
    const runs = service('damaged');
    const good = await runToEnd(runs);
    writeFileSync(path.join(folder, 'garbage.json'), '{not json');
    const copied = (await createEvalRunFiles({ folder, onInvalidFile: () => {} }).loadAll())[0]!;
    writeFileSync(path.join(folder, 'renamed.json'), JSON.stringify({ ...copied, id: 'another-id' }));
    const skipped: string[] = [];
    const loaded = await createEvalRunFiles({
      folder,
      onInvalidFile: (file) => skipped.push(path.basename(file)),
    }).loadAll();
    expect(loaded.map((run) => run.id)).toEqual([good]);
    expect(skipped.sort()).toEqual(['garbage.json', 'renamed.json']);
  });

  it('records a run that could not finish as failed, with a reason an editor can read', async () => {
    const runs = createEvalRunService({
      files: createEvalRunFiles({ folder: path.join(dataDir, 'failing', 'eval-runs') }),
      knowledgeBase: runtime.knowledgeBase,
      matcherConfig: () =>
        Promise.reject(new LivedeskError('unavailable', 'the matcher settings file is gone')),
      policy: 'show',
      labels: { knowledgeBase: 'server:default', embedder: 'builtin', vectorIndex: 'auto', configPath: null },
    });
    const id = await runToEnd(runs);
    expect(await runs.get(id)).toMatchObject({
      status: 'failed',
      error: 'unavailable: the matcher settings file is gone',
      report: null,
    });
    expect(await runs.reportHtml(id)).toBeUndefined();
  });

  it('never builds a path from an id that could leave its folder', async () => {
    const folder = path.join(dataDir, 'guarded');
    const files = createEvalRunFiles({ folder });
    await expect(files.readHtml('../../secret')).rejects.toThrow();
    await expect(files.remove('../outside')).rejects.toThrow();
    expect(existsSync(folder)).toBe(false);
  });
});

describe('posted eval cases', () => {
  it('accepts what the CLI accepts: a byte order mark, CRLF and blank lines', () => {
    const parsed = parsePostedCases(
      '\uFEFF{"text": "a", "expected": null}\r\n\r\n{"text": "b", "expected": "x", "kind": "note"}\n',
    );
    expect(parsed).toEqual({
      ok: true,
      cases: [
        { text: 'a', expected: null },
        { text: 'b', expected: 'x' },
      ],
    });
  });

  it('stops listing errors after the cap and says so', () => {
    const parsed = parsePostedCases(Array.from({ length: 10 }, () => '{').join('\n'), {
      maxBytes: 1024,
      maxCases: 100,
      maxErrors: 3,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((error) => error.line)).toEqual([1, 2, 3, 4]);
    expect(parsed.errors.at(-1)?.message).toMatch(/too many errors/);
  });

  it('refuses more cases than a run may hold', () => {
    const parsed = parsePostedCases(
      ['{"text": "a", "expected": null}', '{"text": "b", "expected": null}'].join('\n'),
      {
        maxBytes: 1024,
        maxCases: 1,
        maxErrors: 3,
      },
    );
    expect(parsed).toEqual({ ok: false, errors: [{ line: 0, message: '2 cases; at most 1 per run' }] });
  });
});
