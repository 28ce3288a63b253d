import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  NewSignalModelVersion,
  SignalModelStore,
} from '../../engine/signals/learning/signal-model-version.js';
import { alwaysFiresSignalModel } from '../support/always-fires-signal-model.js';

export interface SignalModelStoreHarness {
  store: SignalModelStore;
  cleanup(): Promise<void>;
}

const version = (createdAt: string, digest = `digest-${createdAt}`): NewSignalModelVersion => ({
  origin: 'uploaded',
  createdBy: 'editor',
  createdAt,
  sources: ['hand-made'],
  testSplit: null,
  digest,
  model: alwaysFiresSignalModel(createdAt),
});

/** What every SignalModelStore promises: `runSignalModelStoreContract('sqlite', async () => ({ store, cleanup }))`. */
export function runSignalModelStoreContract(
  name: string,
  createHarness: () => Promise<SignalModelStoreHarness>,
): void {
  describe(`SignalModelStore contract: ${name}`, () => {
    let harness: SignalModelStoreHarness;
    let store: SignalModelStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('numbers versions, lists them newest first without weights, and keeps the model text', async () => {
      expect(await store.list()).toEqual([]);
      expect(await store.get(1)).toBeUndefined();
      expect(await store.add(version('2026-12-01T00:00:00.000Z'))).toBe(1);
      expect(await store.add(version('2026-12-02T00:00:00.000Z'))).toBe(2);
      const listed = await store.list();
      expect(listed.map((each) => each.version)).toEqual([2, 1]);
      expect(listed[0]).toEqual({
        version: 2,
        origin: 'uploaded',
        createdBy: 'editor',
        createdAt: '2026-12-02T00:00:00.000Z',
        sources: ['hand-made'],
        modelCreatedAt: '2026-12-02T00:00:00.000Z',
        classifiers: {
          human_request: expect.objectContaining({ threshold: 0.5, combine: 'union' }) as unknown,
        },
        testSplit: null,
      });
      expect(listed[0]?.classifiers.human_request).not.toHaveProperty('weights');
      const stored = await store.get(1);
      expect(stored?.version).toEqual(listed[1]);
      expect(stored?.modelText).toBe(JSON.stringify(alwaysFiresSignalModel('2026-12-01T00:00:00.000Z')));
      expect(await store.findByDigest('digest-2026-12-02T00:00:00.000Z')).toBe(2);
      expect(await store.findByDigest('unknown')).toBeUndefined();
    });

    it('finds the newest version stored with a digest', async () => {
      await store.add(version('2026-12-01T00:00:00.000Z', 'same'));
      await store.add(version('2026-12-02T00:00:00.000Z', 'other'));
      await store.add(version('2026-12-03T00:00:00.000Z', 'same'));
      expect(await store.findByDigest('same')).toBe(3);
    });

    it('keeps the test-split figures and the classifiers in the model’s order', async () => {
      const model = alwaysFiresSignalModel('2026-12-01T00:00:00.000Z');
      const classifier = model.classifiers.human_request!;
      model.classifiers = { sensitive: classifier, anger: classifier, human_request: classifier };
      const testSplit = {
        source: 'escalation-test',
        cases: 40,
        signals: {
          anger: {
            positives: 5,
            examples: 40,
            model: { precision: 1, recall: 0.8, f1: 0.888 },
            lists: { precision: 0.5, recall: 0.6, f1: 0.545 },
          },
        },
      };
      await store.add({ ...version('2026-12-01T00:00:00.000Z'), model, testSplit, origin: 'trained' });
      const [listed] = await store.list();
      expect(listed).toMatchObject({ origin: 'trained', testSplit });
      expect(Object.keys(listed!.classifiers)).toEqual(['sensitive', 'anger', 'human_request']);
    });

    it('numbers versions added at the same time one apart', async () => {
      const numbers = await Promise.all(
        [1, 2, 3, 4, 5].map((day) => store.add(version(`2026-12-0${day}T00:00:00.000Z`))),
      );
      expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps the choice, and refuses an unknown version without changing it', async () => {
      expect(await store.choice()).toBeUndefined();
      await expect(
        store.choose({ version: 1, chosenBy: 'editor', chosenAt: '2026-12-07T00:00:00.000Z' }),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.choice()).toBeUndefined();
      await store.add(version('2026-12-01T00:00:00.000Z'));
      const chosen = { version: 1, chosenBy: 'editor', chosenAt: '2026-12-07T00:00:00.000Z' };
      await store.choose(chosen);
      await expect(store.choose({ ...chosen, version: 7 })).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.choice()).toEqual(chosen);
      await store.choose({ version: null, chosenBy: 'admin', chosenAt: '2026-12-08T00:00:00.000Z' });
      expect(await store.choice()).toEqual({
        version: null,
        chosenBy: 'admin',
        chosenAt: '2026-12-08T00:00:00.000Z',
      });
    });
  });
}
