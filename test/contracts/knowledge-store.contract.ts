import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Entry, EntryInput } from '../../knowledge/entry.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { LivedeskErrorCode } from '../../knowledge/errors.js';
import type { KnowledgeStore, StoreChange } from '../../knowledge/ports.js';

export interface KnowledgeStoreHarness {
  store: KnowledgeStore;
  /**
   * Opens another store on the same storage (file, database), for the knowledge base given or the first one's.
   * The harness closes what it opened in `cleanup`.
   */
  openAnother(options?: { knowledgeBaseId?: string }): Promise<KnowledgeStore>;
  cleanup(): Promise<void>;
}

/**
 * What every KnowledgeStore promises, for the fakes and for each adapter (SQLite now, PostgreSQL later):
 * `runKnowledgeStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runKnowledgeStoreContract(
  name: string,
  createStore: () => Promise<KnowledgeStoreHarness>,
): void {
  describe(`KnowledgeStore contract: ${name}`, () => {
    let harness: KnowledgeStoreHarness;
    let store: KnowledgeStore;

    beforeEach(async () => {
      harness = await createStore();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    describe('entries', () => {
      it('returns undefined for an entry that was never stored', async () => {
        expect(await store.get('missing')).toBeUndefined();
        expect(await store.list()).toEqual([]);
      });

      it('stores an entry with its defaults filled in and records a create version', async () => {
        const version = await store.put(refundEntry(), 'alice');

        expect(await store.get('refund')).toEqual({
          ...refundEntry(),
          translations: {},
          tags: [],
          enabled: true,
        });
        expect(version).toMatchObject({ entryId: 'refund', action: 'create', actor: 'alice', before: null });
        expect(version?.after).toEqual(await store.get('refund'));
        expect(Number.isNaN(Date.parse(version?.at ?? ''))).toBe(false);
      });

      it('keeps every field of a full multi-locale entry', async () => {
        const full: Entry = {
          id: 'flash-sale.shipping',
          locale: 'zh',
          questions: ['秒杀商品什么时候发货', '闪购多久发货'],
          answer: '秒杀商品在 48 小时内发货。',
          translations: { en: { questions: ['When do flash sale items ship?'], answer: 'Within 48 hours.' } },
          tags: ['shipping', 'flash-sale'],
          enabled: false,
          scope: {
            roomId: 'room-7',
            streamerId: 'streamer-3',
            validFrom: '2025-11-11T00:00:00.000Z',
            validUntil: '2025-11-12T00:00:00+08:00',
          },
        };
        await store.put(full, 'alice');

        expect(await store.get(full.id)).toEqual(full);
      });

      it('stores the trimmed, validated entry rather than the raw input', async () => {
        await store.put({ ...refundEntry(), questions: ['  How do I get a refund?  '] }, 'alice');

        expect((await store.get('refund'))?.questions).toEqual(['How do I get a refund?']);
      });

      it('updates an entry and records what it was before', async () => {
        await store.put(refundEntry(), 'alice');
        const before = await store.get('refund');

        const version = await store.put({ ...refundEntry(), answer: 'Refunds take 3 days.' }, 'bob');

        expect(version).toMatchObject({ entryId: 'refund', action: 'update', actor: 'bob' });
        expect(version?.before).toEqual(before);
        expect(version?.after?.answer).toBe('Refunds take 3 days.');
        expect((await store.get('refund'))?.answer).toBe('Refunds take 3 days.');
      });

      it('records nothing when the same entry is put again', async () => {
        await store.put(refundEntry(), 'alice');

        const again = await store.put({ ...refundEntry(), tags: [], enabled: true, translations: {} }, 'bob');
        const reordered = await store.put(
          {
            answer: refundEntry().answer,
            questions: [...refundEntry().questions],
            locale: 'en',
            id: 'refund',
          },
          'bob',
        );

        expect(again).toBeUndefined();
        expect(reordered).toBeUndefined();
        expect(await store.versions()).toHaveLength(1);
      });

      it('removes an entry and records a delete version', async () => {
        await store.put(refundEntry(), 'alice');
        const stored = await store.get('refund');

        const version = await store.remove('refund', 'bob');

        expect(version).toMatchObject({ entryId: 'refund', action: 'delete', actor: 'bob', after: null });
        expect(version.before).toEqual(stored);
        expect(await store.get('refund')).toBeUndefined();
        expect(await store.list()).toEqual([]);
      });

      it('rejects removing an entry that does not exist', async () => {
        await expectLivedeskError(store.remove('missing', 'alice'), 'not_found');
        expect(await store.versions()).toEqual([]);
      });

      it('rejects an invalid entry and stores nothing', async () => {
        await expectLivedeskError(store.put({ ...refundEntry(), answer: '   ' }, 'alice'), 'invalid_input');
        await expectLivedeskError(store.put({ ...refundEntry(), questions: [] }, 'alice'), 'invalid_input');
        await expectLivedeskError(store.put({ ...refundEntry(), id: 'has space' }, 'alice'), 'invalid_input');
        await expectLivedeskError(
          store.put(unchecked({ id: 'refund', questions: ['q'] }), 'alice'),
          'invalid_input',
        );

        expect(await store.list()).toEqual([]);
        expect(await store.versions()).toEqual([]);
      });

      it('rejects a change without an actor', async () => {
        await expectLivedeskError(store.put(refundEntry(), '  '), 'invalid_input');
        expect(await store.get('refund')).toBeUndefined();
      });

      it('lists entries ordered by id', async () => {
        await store.put(entry('b'), 'alice');
        await store.put(entry('c'), 'alice');
        await store.put(entry('a'), 'alice');

        expect((await store.list()).map((stored) => stored.id)).toEqual(['a', 'b', 'c']);
      });

      it('filters the list by tag, enabled and case-insensitive text', async () => {
        await store.put(
          { ...entry('shipping'), tags: ['orders'], answer: 'Parcels leave in 2 days.' },
          'alice',
        );
        await store.put({ ...entry('refund'), tags: ['orders', 'money'], enabled: false }, 'alice');
        await store.put(
          {
            ...entry('gift'),
            questions: ['How do I send a gift?'],
            translations: { zh: { questions: ['怎么送礼物'], answer: '点击礼物按钮。' } },
          },
          'alice',
        );

        const ids = async (filter: Parameters<KnowledgeStore['list']>[0]) =>
          (await store.list(filter)).map((stored) => stored.id);
        expect(await ids({ tag: 'orders' })).toEqual(['refund', 'shipping']);
        expect(await ids({ tag: 'money' })).toEqual(['refund']);
        expect(await ids({ enabled: false })).toEqual(['refund']);
        expect(await ids({ enabled: true })).toEqual(['gift', 'shipping']);
        expect(await ids({ text: 'PARCELS' })).toEqual(['shipping']);
        expect(await ids({ text: 'send a GIFT' })).toEqual(['gift']);
        expect(await ids({ text: '礼物' })).toEqual(['gift']);
        expect(await ids({ text: 'REFUND' })).toEqual(['refund']);
        expect(await ids({ tag: 'orders', enabled: true })).toEqual(['shipping']);
        expect(await ids({ text: 'nothing like this' })).toEqual([]);
      });
    });

    describe('versions', () => {
      it('lists versions newest first with who made them', async () => {
        await store.put(entry('a'), 'alice');
        await store.put({ ...entry('a'), answer: 'changed' }, 'bob');
        await store.put(entry('b'), 'carol');
        await store.remove('a', 'dave');

        const versions = await store.versions();

        expect(versions.map(({ entryId, action, actor }) => [entryId, action, actor])).toEqual([
          ['a', 'delete', 'dave'],
          ['b', 'create', 'carol'],
          ['a', 'update', 'bob'],
          ['a', 'create', 'alice'],
        ]);
        const ids = versions.map((version) => version.versionId);
        expect([...ids].sort((x, y) => y - x)).toEqual(ids);
        expect(new Set(ids).size).toBe(4);
      });

      it('filters versions by entry and limits how many come back', async () => {
        await store.put(entry('a'), 'alice');
        await store.put(entry('b'), 'alice');
        await store.put({ ...entry('a'), answer: 'second' }, 'alice');
        await store.put({ ...entry('a'), answer: 'third' }, 'alice');

        const ofA = await store.versions({ entryId: 'a' });
        expect(ofA.map((version) => version.after?.answer)).toEqual(['third', 'second', 'Answer for a.']);
        expect(await store.versions({ entryId: 'a', limit: 2 })).toEqual(ofA.slice(0, 2));
        expect(await store.versions({ limit: 1 })).toEqual(ofA.slice(0, 1));
        expect(await store.versions({ entryId: 'missing' })).toEqual([]);
      });

      it('chains versions: each one starts where the previous one ended', async () => {
        await store.put(entry('a'), 'alice');
        await store.put({ ...entry('a'), answer: 'second' }, 'alice');
        await store.remove('a', 'alice');
        await store.put({ ...entry('a'), answer: 'back' }, 'alice');

        const [fourth, third, second, first] = await store.versions({ entryId: 'a' });
        expect(first?.before).toBeNull();
        expect(second?.before).toEqual(first?.after);
        expect(third?.before).toEqual(second?.after);
        expect(third?.after).toBeNull();
        expect(fourth).toMatchObject({ action: 'create', before: null });
      });
    });

    describe('revert', () => {
      it('deletes the entry when reverting its creation', async () => {
        const created = await store.put(entry('a'), 'alice');

        const version = await store.revert(created!.versionId, 'bob');

        expect(version).toMatchObject({ entryId: 'a', action: 'revert', actor: 'bob', after: null });
        expect(version.before).toEqual(created?.after);
        expect(await store.get('a')).toBeUndefined();
      });

      it('restores the previous content when reverting an update', async () => {
        await store.put(entry('a'), 'alice');
        const original = await store.get('a');
        const updated = await store.put({ ...entry('a'), answer: 'wrong answer' }, 'bob');

        const version = await store.revert(updated!.versionId, 'carol');

        expect(await store.get('a')).toEqual(original);
        expect(version).toMatchObject({ action: 'revert', actor: 'carol' });
        expect(version.before?.answer).toBe('wrong answer');
        expect(version.after).toEqual(original);
      });

      it('brings a deleted entry back when reverting its deletion', async () => {
        await store.put({ ...entry('a'), tags: ['kept'] }, 'alice');
        const original = await store.get('a');
        const removed = await store.remove('a', 'bob');

        const version = await store.revert(removed.versionId, 'carol');

        expect(await store.get('a')).toEqual(original);
        expect(version).toMatchObject({ action: 'revert', before: null });
        expect(version.after).toEqual(original);
      });

      it('reverts to the version before even after later changes', async () => {
        await store.put({ ...entry('a'), answer: 'first' }, 'alice');
        const second = await store.put({ ...entry('a'), answer: 'second' }, 'alice');
        await store.put({ ...entry('a'), answer: 'third' }, 'alice');

        await store.revert(second!.versionId, 'bob');

        expect((await store.get('a'))?.answer).toBe('first');
      });

      it('records the revert as a version that can itself be reverted', async () => {
        await store.put({ ...entry('a'), answer: 'first' }, 'alice');
        const second = await store.put({ ...entry('a'), answer: 'second' }, 'alice');
        const revert = await store.revert(second!.versionId, 'bob');

        await store.revert(revert.versionId, 'carol');

        expect((await store.get('a'))?.answer).toBe('second');
        expect((await store.versions({ entryId: 'a' })).map((version) => version.action)).toEqual([
          'revert',
          'revert',
          'update',
          'create',
        ]);
      });

      it('rejects an unknown version', async () => {
        await store.put(entry('a'), 'alice');

        await expectLivedeskError(store.revert(9_999_999, 'bob'), 'not_found');
        await expectLivedeskError(store.revert(1.5, 'bob'), 'not_found');
        expect(await store.versions()).toHaveLength(1);
      });

      it('rejects a revert that would change nothing', async () => {
        await store.put({ ...entry('a'), answer: 'first' }, 'alice');
        const second = await store.put({ ...entry('a'), answer: 'second' }, 'alice');
        await store.put({ ...entry('a'), answer: 'first' }, 'alice');

        await expectLivedeskError(store.revert(second!.versionId, 'bob'), 'conflict');
        expect(await store.versions()).toHaveLength(3);
      });
    });

    describe('import', () => {
      it('creates, updates and keeps entries in one import and counts each', async () => {
        await store.put(entry('kept'), 'alice');
        await store.put(entry('changed'), 'alice');

        const result = await store.importEntries(
          [entry('kept'), { ...entry('changed'), answer: 'new answer' }, entry('new-1'), entry('new-2')],
          'importer',
        );

        expect(result).toEqual({ created: 2, updated: 1, unchanged: 1 });
        expect((await store.list()).map((stored) => stored.id)).toEqual([
          'changed',
          'kept',
          'new-1',
          'new-2',
        ]);
        expect((await store.get('changed'))?.answer).toBe('new answer');
      });

      it('records one version per created or updated entry, none for unchanged ones', async () => {
        await store.put(entry('kept'), 'alice');

        await store.importEntries([entry('kept'), entry('new')], 'importer');

        const versions = await store.versions();
        expect(versions.map(({ entryId, action, actor }) => [entryId, action, actor])).toEqual([
          ['new', 'create', 'importer'],
          ['kept', 'create', 'alice'],
        ]);
      });

      it('accepts an empty import', async () => {
        expect(await store.importEntries([], 'importer')).toEqual({ created: 0, updated: 0, unchanged: 0 });
      });

      it('leaves the store unchanged when one entry of an import is invalid', async () => {
        await store.put(entry('existing'), 'alice');
        const before = await snapshot(store);

        const batch = [
          { ...entry('existing'), answer: 'would change' },
          entry('new-1'),
          { ...entry('bad'), questions: [] },
          entry('new-2'),
        ];
        await expectLivedeskError(store.importEntries(batch, 'importer'), 'invalid_input');

        expect(await snapshot(store)).toEqual(before);
      });

      it('leaves the store unchanged when the third entry of an import throws while it is read', async () => {
        await store.put(entry('existing'), 'alice');
        const before = await snapshot(store);
        const exploding = {
          ...entry('exploding'),
          get answer(): string {
            throw new Error('the entry broke while it was being read');
          },
        };

        await expect(
          store.importEntries(
            [{ ...entry('existing'), answer: 'changed' }, entry('new'), exploding],
            'importer',
          ),
        ).rejects.toThrow();

        expect(await snapshot(store)).toEqual(before);
      });

      it('leaves the store unchanged when an import repeats an id', async () => {
        const before = await snapshot(store);

        await expectLivedeskError(
          store.importEntries([entry('a'), entry('b'), { ...entry('a'), answer: 'again' }], 'importer'),
          'invalid_input',
        );

        expect(await snapshot(store)).toEqual(before);
      });

      it('notifies nobody about an import that failed', async () => {
        const changes: StoreChange[] = [];
        store.onChange((change) => changes.push(change));

        await expect(
          store.importEntries([entry('a'), { ...entry('b'), answer: '' }], 'importer'),
        ).rejects.toThrow();

        expect(changes).toEqual([]);
      });
    });

    describe('synonyms', () => {
      it('stores synonyms for one language and for every language side by side', async () => {
        await store.putSynonym({ term: 'yyds', canonical: '永远的神', locale: 'zh' }, 'alice');
        await store.putSynonym({ term: 'yyds', canonical: 'the best' }, 'alice');
        await store.putSynonym({ term: 'brb', canonical: 'be right back', locale: 'en' }, 'alice');

        expect(await store.listSynonyms()).toEqual([
          { term: 'brb', canonical: 'be right back', locale: 'en' },
          { term: 'yyds', canonical: 'the best' },
          { term: 'yyds', canonical: '永远的神', locale: 'zh' },
        ]);
      });

      it('replaces the canonical word of a synonym that exists', async () => {
        await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
        await store.putSynonym({ term: 'pk', canonical: 'duel' }, 'bob');

        expect(await store.listSynonyms()).toEqual([{ term: 'pk', canonical: 'duel' }]);
      });

      it('removes only the synonym of the language asked for', async () => {
        await store.putSynonym({ term: 'yyds', canonical: '永远的神', locale: 'zh' }, 'alice');
        await store.putSynonym({ term: 'yyds', canonical: 'the best' }, 'alice');

        await store.removeSynonym('yyds', 'zh', 'bob');

        expect(await store.listSynonyms()).toEqual([{ term: 'yyds', canonical: 'the best' }]);
        await store.removeSynonym('yyds', undefined, 'bob');
        expect(await store.listSynonyms()).toEqual([]);
      });

      it('rejects removing a synonym that does not exist', async () => {
        await store.putSynonym({ term: 'pk', canonical: 'battle', locale: 'en' }, 'alice');

        await expectLivedeskError(store.removeSynonym('pk', undefined, 'bob'), 'not_found');
        await expectLivedeskError(store.removeSynonym('missing', 'en', 'bob'), 'not_found');
        expect(await store.listSynonyms()).toHaveLength(1);
      });

      it('rejects an invalid synonym', async () => {
        await expectLivedeskError(store.putSynonym({ term: ' ', canonical: 'x' }, 'alice'), 'invalid_input');
        await expectLivedeskError(
          store.putSynonym({ term: 'x', canonical: 'y', locale: 'English' }, 'alice'),
          'invalid_input',
        );
        expect(await store.listSynonyms()).toEqual([]);
      });
    });

    describe('change notifications', () => {
      it('notifies listeners after the change is committed, with the new entry or null', async () => {
        const observer = await harness.openAnother();
        const seen: { change: StoreChange; stored: Entry | undefined }[] = [];
        store.onChange((change) => {
          if (change.kind !== 'entry') return;
          // Another connection sees only committed data: what it reads here proves the commit came first.
          void observer.get(change.entryId).then((stored) => seen.push({ change, stored }));
        });

        await store.put(entry('a'), 'alice');
        await store.remove('a', 'alice');
        // The observer's reads take a round trip on a networked store; a file store answers at once.
        await vi.waitFor(() => expect(seen).toHaveLength(2));

        expect(seen).toHaveLength(2);
        expect(seen[0]?.change).toMatchObject({ kind: 'entry', entryId: 'a', entry: { id: 'a' } });
        expect(seen[0]?.stored).toEqual(
          seen[0]?.change.kind === 'entry' ? seen[0].change.entry : 'not an entry',
        );
        expect(seen[1]).toEqual({ change: { kind: 'entry', entryId: 'a', entry: null }, stored: undefined });
      });

      it('notifies each entry of an import, a revert and synonym changes', async () => {
        const changes: StoreChange[] = [];
        store.onChange((change) => changes.push(change));

        await store.importEntries([entry('a'), entry('b')], 'importer');
        const [latest] = await store.versions({ entryId: 'b' });
        await store.revert(latest!.versionId, 'alice');
        await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
        await store.removeSynonym('pk', undefined, 'alice');

        expect(
          changes.map((change) =>
            change.kind === 'entry' ? `${change.entryId}:${change.entry ? 'put' : 'gone'}` : 'synonyms',
          ),
        ).toEqual(['a:put', 'b:put', 'b:gone', 'synonyms', 'synonyms']);
      });

      it('does not notify about writes that change nothing', async () => {
        await store.put(entry('a'), 'alice');
        await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
        const changes: StoreChange[] = [];
        store.onChange((change) => changes.push(change));

        await store.put(entry('a'), 'alice');
        await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
        await store.importEntries([entry('a')], 'importer');

        expect(changes).toEqual([]);
      });

      it('stops notifying a listener once it unsubscribes', async () => {
        const changes: StoreChange[] = [];
        const unsubscribe = store.onChange((change) => changes.push(change));
        await store.put(entry('a'), 'alice');

        unsubscribe();
        await store.put(entry('b'), 'alice');

        expect(changes).toHaveLength(1);
      });

      it('does not notify about writes that failed', async () => {
        const changes: StoreChange[] = [];
        store.onChange((change) => changes.push(change));

        await expect(store.remove('missing', 'alice')).rejects.toThrow();
        await expect(store.put({ ...entry('a'), answer: '' }, 'alice')).rejects.toThrow();

        expect(changes).toEqual([]);
      });
    });

    describe('lifetime and isolation', () => {
      it('keeps entries, versions and synonyms across close and reopen', async () => {
        await store.put({ ...entry('a'), tags: ['x'] }, 'alice');
        await store.importEntries([entry('b')], 'importer');
        await store.putSynonym({ term: 'pk', canonical: 'battle', locale: 'en' }, 'alice');
        const before = await snapshot(store);
        await store.close();

        const reopened = await harness.openAnother();

        expect(await snapshot(reopened)).toEqual(before);
        const [created] = await reopened.versions({ entryId: 'b' });
        await reopened.revert(created!.versionId, 'bob');
        expect(await reopened.get('b')).toBeUndefined();
      });

      it('rejects calls once closed', async () => {
        await store.close();
        await store.close();

        await expectLivedeskError(store.get('a'), 'unavailable');
        await expectLivedeskError(store.put(entry('a'), 'alice'), 'unavailable');
      });

      it('keeps two knowledge bases in the same storage apart', async () => {
        const other = await harness.openAnother({ knowledgeBaseId: 'other-kb' });
        expect(other.knowledgeBaseId).toBe('other-kb');
        expect(store.knowledgeBaseId).not.toBe('other-kb');

        const mine = await store.put({ ...entry('shared-id'), answer: 'mine' }, 'alice');
        await other.put({ ...entry('shared-id'), answer: 'theirs' }, 'bob');
        await other.put(entry('only-theirs'), 'bob');
        await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');

        expect((await store.get('shared-id'))?.answer).toBe('mine');
        expect((await other.get('shared-id'))?.answer).toBe('theirs');
        expect((await store.list()).map((stored) => stored.id)).toEqual(['shared-id']);
        expect(await store.get('only-theirs')).toBeUndefined();
        expect(await store.versions()).toHaveLength(1);
        expect(await other.versions()).toHaveLength(2);
        expect(await other.listSynonyms()).toEqual([]);
        await expectLivedeskError(other.revert(mine!.versionId, 'bob'), 'not_found');
        await expectLivedeskError(other.removeSynonym('pk', undefined, 'bob'), 'not_found');

        await store.remove('shared-id', 'alice');
        expect((await other.get('shared-id'))?.answer).toBe('theirs');
      });

      it('notifies only the listeners of the store that made the change', async () => {
        const other = await harness.openAnother({ knowledgeBaseId: 'other-kb' });
        const changes: StoreChange[] = [];
        other.onChange((change) => changes.push(change));

        await store.put(entry('a'), 'alice');

        expect(changes).toEqual([]);
      });
    });
  });
}

function refundEntry(): EntryInput {
  return {
    id: 'refund',
    locale: 'en',
    questions: ['How do I get a refund?', 'refund please'],
    answer: 'Ask in chat.',
  };
}

function entry(id: string): EntryInput & { questions: string[]; answer: string } {
  return { id, locale: 'en', questions: [`Question about ${id}?`], answer: `Answer for ${id}.` };
}

/** An input the types would refuse, as a caller holding unchecked JSON might pass it. */
function unchecked(value: Record<string, unknown>): EntryInput {
  return value as unknown as EntryInput;
}

async function snapshot(store: KnowledgeStore) {
  return {
    entries: await store.list(),
    versions: await store.versions(),
    synonyms: await store.listSynonyms(),
  };
}

async function expectLivedeskError(promise: Promise<unknown>, code: LivedeskErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LivedeskError);
  expect((error as LivedeskError).code).toBe(code);
}
