import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorReport } from '../../knowledge/editor-report/index.js';
import { gapQuestionsFrom } from './create-server-editor-report.js';
import { createEditorReportService, type ComputeEditorReport } from './editor-report-service.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function reportFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-report-service-'));
  folders.push(folder);
  return path.join(folder, 'editor-report', 'latest.json');
}

const suggestion = (id: string) => ({
  id,
  source: 'gap' as const,
  entryId: 'e',
  locale: 'en',
  phrasing: `phrasing ${id}`,
  from: `phrasing ${id}`,
  asked: 1,
  delta: null,
});

function report(suggestionIds: string[]): EditorReport {
  return {
    generatedAt: '2026-06-01T00:00:00.000Z',
    tookMs: 1,
    entries: 1,
    phrasings: { total: 1, tested: 1, maxTested: 10, takenOut: 'one-per-language' },
    leaveOneOut: { right: 1, clarified: 0, wrong: 0, none: 0, accuracy: 1 },
    confusedPairs: [],
    entryAccuracy: [],
    weakEntries: [],
    suggestions: suggestionIds.map(suggestion),
    suite: null,
    notes: [],
  };
}

async function settled(service: ReturnType<typeof createEditorReportService>) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const record = await service.latest();
    if (record.status !== 'running') return record;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('never finished');
}

describe('the quality report service', () => {
  it('runs one at a time, keeps the latest across restarts, and remembers dismissals for later reports', async () => {
    const file = reportFile();
    let release!: () => void;
    const seen: ReadonlySet<string>[] = [];
    const compute: ComputeEditorReport = async (input) => {
      seen.push(input.dismissed);
      await new Promise<void>((resolve) => (release = resolve));
      return report(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    };
    const service = createEditorReportService({
      file,
      compute,
      suite: () => Promise.resolve(undefined),
      gaps: () => Promise.resolve([]),
      clock: () => new Date('2026-06-01T00:00:00.000Z'),
    });
    expect((await service.latest()).status).toBe('none');
    expect((await service.start('eve')).status).toBe('running');
    await expect(service.start('eve')).rejects.toMatchObject({ code: 'conflict' });
    await expect.poll(() => release !== undefined).toBe(true);
    release();
    const done = await settled(service);
    expect(done).toMatchObject({ status: 'done', startedBy: 'eve' });
    const dismissed = await service.dismiss('aaaaaaaaaaaaaaaa', 'eve');
    expect(dismissed.report!.suggestions.map((item) => item.id)).toEqual(['bbbbbbbbbbbbbbbb']);
    await expect(service.dismiss('aaaaaaaaaaaaaaaa', 'eve')).rejects.toMatchObject({ code: 'not_found' });

    const restarted = createEditorReportService({
      file,
      compute: (input) => {
        seen.push(input.dismissed);
        return Promise.resolve(report([]));
      },
      suite: () => Promise.resolve(undefined),
      gaps: () => Promise.resolve([]),
    });
    expect((await restarted.latest()).report!.suggestions.map((item) => item.id)).toEqual([
      'bbbbbbbbbbbbbbbb',
    ]);
    await restarted.start('eve');
    await settled(restarted);
    expect([...seen[1]!]).toEqual(['aaaaaaaaaaaaaaaa']);
  });

  it('reads a report cut short by a stop as failed, and records a failing one', async () => {
    const file = reportFile();
    const first = createEditorReportService({
      file,
      compute: () => Promise.reject(new Error('boom')),
      suite: () => Promise.resolve(undefined),
      gaps: () => Promise.resolve([]),
      logger: { error: () => {}, warn: () => {} } as never,
    });
    await first.start('eve');
    expect(await settled(first)).toMatchObject({ status: 'failed', error: 'internal error' });
    writeFileSync(file, JSON.stringify({ ...(await first.latest()), status: 'running', error: null }));
    const second = createEditorReportService({
      file,
      compute: () => Promise.resolve(report([])),
      suite: () => Promise.resolve(undefined),
      gaps: () => Promise.resolve([]),
    });
    expect(await second.latest()).toMatchObject({ status: 'failed', error: /server stopped/ });
  });

  it('takes the knowledge-gap clusters of the last 30 days as questions to place', async () => {
    const queries: { from: string; to: string }[] = [];
    const gaps = gapQuestionsFrom(
      {
        metric: (name, query) => {
          expect(name).toBe('gaps');
          queries.push(query);
          return Promise.resolve({
            data: { clusters: [{ label: 'coins never arrived', count: 12 }] },
          }) as never;
        },
      },
      () => new Date('2026-06-30T00:00:00.000Z'),
    );
    expect(await gaps({})).toEqual([{ question: 'coins never arrived', asked: 12 }]);
    expect(queries[0]).toMatchObject({ from: '2026-05-31T00:00:00.000Z', to: '2026-06-30T00:00:00.000Z' });
  });
});
