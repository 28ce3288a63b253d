import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaRecord, MediaRecordStore } from '../../engine/media/media-record.js';

export interface MediaRecordStoreHarness {
  store: MediaRecordStore;
  /** Another store on the same storage, as a restarted process or a second node would open it. */
  openAnother(): Promise<MediaRecordStore>;
  cleanup(): Promise<void>;
}

const key = (digit: string) => digit.repeat(64);

const record = (id: string, overrides: Partial<MediaRecord> = {}): MediaRecord => ({
  id,
  conversationId: 'c1',
  uploader: { kind: 'viewer', id: 'viewer-1' },
  kind: 'image',
  mime: 'image/png',
  bytes: 1234,
  contentKey: key('a'),
  thumbKey: key('b'),
  width: 640,
  height: 480,
  name: '截图.png',
  createdAt: '2026-12-07T10:00:00.000Z',
  ...overrides,
});

export function runMediaRecordStoreContract(
  name: string,
  createHarness: () => Promise<MediaRecordStoreHarness>,
): void {
  describe(`media record store contract: ${name}`, () => {
    let harness: MediaRecordStoreHarness;
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('reads a record back whole from another store, optional fields left out when absent', async () => {
      const image = record('m1');
      const voice: MediaRecord = {
        id: 'm2',
        conversationId: 'c1',
        uploader: { kind: 'agent', id: 'agent-7' },
        kind: 'voice',
        mime: 'audio/wav',
        bytes: 32_044,
        contentKey: key('c'),
        durationMs: 1000,
        createdAt: '2026-12-07T10:00:01.000Z',
      };
      await harness.store.add(image);
      await harness.store.add(voice);
      const other = await harness.openAnother();
      expect(await other.get('m1')).toEqual(image);
      expect(await other.get('m2')).toEqual(voice);
      expect(await other.get('missing')).toBeUndefined();
    });

    it('lists a conversation’s media oldest first, and only its own', async () => {
      await harness.store.add(record('late', { createdAt: '2026-12-07T10:05:00.000Z' }));
      await harness.store.add(record('early', { createdAt: '2026-12-07T10:01:00.000Z' }));
      await harness.store.add(record('elsewhere', { conversationId: 'c2' }));
      expect((await harness.store.listByConversation('c1')).map((item) => item.id)).toEqual([
        'early',
        'late',
      ]);
      expect(await harness.store.listByConversation('none')).toEqual([]);
    });

    it('deletes one record by id, and a missing one quietly', async () => {
      await harness.store.add(record('m1'));
      await harness.store.add(record('m2'));
      await harness.store.delete('m1');
      await harness.store.delete('missing');
      expect((await harness.store.listByConversation('c1')).map((item) => item.id)).toEqual(['m2']);
    });

    it('refuses a second record with the same id', async () => {
      await harness.store.add(record('m1'));
      await expect(harness.store.add(record('m1'))).rejects.toThrow();
      expect(await harness.store.listByConversation('c1')).toHaveLength(1);
    });

    it('deletes the records of conversations and says which keys are still referenced', async () => {
      await harness.store.add(record('m1', { contentKey: key('1'), thumbKey: key('2') }));
      await harness.store.add(
        record('m2', { conversationId: 'c2', contentKey: key('1'), thumbKey: undefined }),
      );
      await harness.store.add(
        record('m3', { conversationId: 'c3', contentKey: key('3'), thumbKey: undefined }),
      );
      const removed = await harness.store.deleteByConversations(['c1', 'c3']);
      expect(removed.map((item) => item.id).sort()).toEqual(['m1', 'm3']);
      expect(await harness.store.get('m1')).toBeUndefined();
      expect(await harness.store.referencesKey(key('1'))).toBe(true);
      expect(await harness.store.referencesKey(key('2'))).toBe(false);
      expect(await harness.store.referencesKey(key('3'))).toBe(false);
      expect(await harness.store.deleteByConversations([])).toEqual([]);
      expect((await harness.store.listByConversation('c2')).map((item) => item.id)).toEqual(['m2']);
    });
  });
}
