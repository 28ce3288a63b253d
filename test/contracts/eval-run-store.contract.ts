import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalRunFiles } from '../../server/eval-runs/eval-run-files.js';
import type { EvalRunRecord } from '../../server/eval-runs/eval-run-record.js';

export interface EvalRunStoreHarness {
  store: EvalRunFiles;
  /** Stores, its own way, a run `id` that does not read as one (a truncated file, a row from elsewhere). */
  storeUnreadable(id: string): Promise<void>;
  /** What the store reported as unreadable and skipped, in order. */
  reported: string[];
  cleanup(): Promise<void>;
}

const run = (id: string, overrides: Partial<EvalRunRecord> = {}): EvalRunRecord => ({
  id,
  status: 'running',
  source: { kind: 'cases' },
  cases: 3,
  createdBy: 'editor',
  createdAt: '2026-06-01T10:00:00.000Z',
  finishedAt: null,
  progress: { asked: 1, total: 4 },
  error: null,
  report: null,
  ...overrides,
});

const finished = (id: string): EvalRunRecord =>
  run(id, {
    status: 'done',
    finishedAt: '2026-06-01T10:05:00.000Z',
    progress: { asked: 4, total: 4 },
    report: {
      kind: 'livedesk-eval',
      timestamp: '2026-06-01T10:05:00.000Z',
      cases: 3,
      inScope: { accuracy: 0.5, cases: 2, misses: [{ text: '怎么充值', expected: 'coins.top-up' }] },
      outOfScope: { cases: 1 },
      latencyMs: { p50: 1.5, p99: 9 },
      extra: { kept: true },
    },
  });

/**
 * What every eval run store promises (the files, PostgreSQL): `runEvalRunStoreContract('files', async () => harness)`.
 * Ids are checked before they are used, as file names or as keys alike.
 */
export function runEvalRunStoreContract(
  name: string,
  createHarness: () => Promise<EvalRunStoreHarness>,
): void {
  describe(`EvalRunStore contract: ${name}`, () => {
    let harness: EvalRunStoreHarness;
    let store: EvalRunFiles;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    const byId = (records: EvalRunRecord[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

    it('has no runs and no reports before any is saved', async () => {
      expect(await store.loadAll()).toEqual([]);
      expect(await store.readHtml('run-1')).toBeUndefined();
    });

    it('keeps every field of a run, the report as it was, and the latest save of each', async () => {
      await store.save(run('run-1'));
      await store.save(run('run-2'));
      await store.save(finished('run-1'));
      expect(byId(await store.loadAll())).toEqual([finished('run-1'), run('run-2')]);
    });

    it('keeps a report apart from its run, whichever is saved first', async () => {
      await store.saveHtml('run-1', '<!doctype html><p>报告 1</p>');
      expect(await store.loadAll()).toEqual([]);
      await store.save(finished('run-1'));
      await store.saveHtml('run-1', '<!doctype html><p>报告 2</p>');
      expect(await store.readHtml('run-1')).toBe('<!doctype html><p>报告 2</p>');
      expect(await store.loadAll()).toEqual([finished('run-1')]);
      expect(await store.readHtml('run-2')).toBeUndefined();
    });

    it('removes a run with its report, and removing one that is not there is no error', async () => {
      await store.save(finished('run-1'));
      await store.saveHtml('run-1', '<p>1</p>');
      await store.save(run('run-2'));
      await store.remove('run-1');
      await store.remove('run-1');
      await store.remove('never-saved');
      expect(await store.loadAll()).toEqual([run('run-2')]);
      expect(await store.readHtml('run-1')).toBeUndefined();
    });

    it('refuses an id that is not one before using it', async () => {
      for (const id of ['../escape', 'a/b', '', 'x'.repeat(65)]) {
        await expect((async () => store.save(run(id)))(), id).rejects.toThrow(/not an eval run id/);
        await expect((async () => store.saveHtml(id, '<p>'))(), id).rejects.toThrow(/not an eval run id/);
        await expect((async () => store.readHtml(id))(), id).rejects.toThrow(/not an eval run id/);
        await expect((async () => store.remove(id))(), id).rejects.toThrow(/not an eval run id/);
      }
      expect(await store.loadAll()).toEqual([]);
    });

    it('reports a run that does not read as one and loads the others', async () => {
      await store.save(run('run-1'));
      await harness.storeUnreadable('run-2');
      expect(await store.loadAll()).toEqual([run('run-1')]);
      expect(harness.reported).toHaveLength(1);
      expect(harness.reported[0]).toContain('run-2');
    });
  });
}
