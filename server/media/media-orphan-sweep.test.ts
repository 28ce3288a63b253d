import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFilesystemBlobStore } from '../../adapters/media/filesystem-blob-store.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteMediaRecordStore } from '../../adapters/sqlite/media-record-store.js';
import type { MediaRecord } from '../../engine/media/media-record.js';
import { silentLogger } from '../logging/logger.js';
import { startMediaOrphanSweep } from './media-orphan-sweep.js';

const HOUR_MS = 3_600_000;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setUp() {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-sweep-'));
  const root = path.join(folder, 'media');
  const database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  cleanups.push(() => {
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const blobs = createFilesystemBlobStore({ root });
  const records = createSqliteMediaRecordStore({ database });
  /** Makes a stored blob look written `ageMs` ago. */
  const age = (key: string, ageMs: number) => {
    const then = new Date(Date.now() - ageMs);
    utimesSync(path.join(root, key.slice(0, 2), key.slice(2, 4), key), then, then);
  };
  /**
   * What a process killed inside `put` leaves: the bytes half written under the store's temporary name
   * (`.<key>.<uuid>.tmp` beside where the blob would go), last written `ageMs` ago.
   */
  const crashedWrite = (text: string, ageMs: number) => {
    const key = createHash('sha256').update(text).digest('hex');
    const folder = path.join(root, key.slice(0, 2), key.slice(2, 4));
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `.${key}.${randomUUID()}.tmp`);
    writeFileSync(file, text.slice(0, text.length / 2));
    const then = new Date(Date.now() - ageMs);
    utimesSync(file, then, then);
    return file;
  };
  return { blobs, records, age, root, crashedWrite };
}

const record = (id: string, contentKey: string, thumbKey?: string): MediaRecord => ({
  id,
  conversationId: 'c1',
  uploader: { kind: 'viewer', id: 'v1' },
  kind: thumbKey ? 'image' : 'voice',
  mime: thumbKey ? 'image/webp' : 'audio/wav',
  bytes: 10,
  contentKey,
  ...(thumbKey ? { thumbKey } : {}),
  createdAt: '2026-12-07T10:00:00.000Z',
});

describe('the orphan media sweep', () => {
  it('removes old blobs no record points at, and spares referenced and young ones', async () => {
    const { blobs, records, age } = setUp();
    const put = (text: string) => blobs.put(new TextEncoder().encode(text), {});
    const [image, thumb, voice, orphan, inFlight] = await Promise.all(
      ['image', 'thumb', 'voice', 'crashed before its record', 'an upload in flight'].map(put),
    );
    await records.add(record('m_1', image!, thumb));
    await records.add(record('m_2', voice!));
    for (const key of [image!, thumb!, voice!, orphan!]) age(key, 3 * HOUR_MS);
    age(inFlight!, 5 * 60_000);
    const sweep = startMediaOrphanSweep({
      blobs,
      records,
      graceMs: HOUR_MS,
      intervalMs: 0,
      logger: silentLogger(),
    });
    expect(await sweep.sweep()).toEqual({ checked: 5, removed: 1, unfinished: 0 });
    expect(await blobs.has(orphan!)).toBe(false);
    for (const key of [image!, thumb!, voice!, inFlight!]) expect(await blobs.has(key)).toBe(true);
    // Past the grace period, a blob whose upload never recorded it goes too.
    age(inFlight!, 2 * HOUR_MS);
    expect(await sweep.sweep()).toEqual({ checked: 4, removed: 1, unfinished: 0 });
    expect(await blobs.has(inFlight!)).toBe(false);
    await sweep.stop();
  });

  it('spares an old orphan that an upload stores again while the sweep runs', async () => {
    const { blobs, records, age } = setUp();
    const bytes = new TextEncoder().encode('the same photo, sent again');
    const key = await blobs.put(bytes, {});
    age(key, 3 * HOUR_MS);
    const sweep = startMediaOrphanSweep({
      blobs,
      // The upload stores the bytes again just as the sweep finds no record for them.
      records: {
        referencesKey: async (candidate) => {
          await blobs.put(bytes, {});
          return records.referencesKey(candidate);
        },
      },
      graceMs: HOUR_MS,
      intervalMs: 0,
      logger: silentLogger(),
    });
    await sweep.sweep();
    expect(await blobs.has(key)).toBe(true);
    await sweep.stop();
  });

  it('removes what writes cut off by a crash left, past the grace period, and nothing else', async () => {
    const { blobs, records, root, crashedWrite } = setUp();
    const kept = await blobs.put(new TextEncoder().encode('a stored voice clip'), {});
    await records.add(record('m_1', kept));
    const old = crashedWrite('a photo whose upload died mid-write', 3 * HOUR_MS);
    const older = crashedWrite('another one, long ago', 30 * HOUR_MS);
    const writing = crashedWrite('a write still going on', 60_000);
    // A file of someone else's beside them, not the store's temporary name: left alone.
    const foreign = path.join(path.dirname(old), 'notes.tmp');
    writeFileSync(foreign, 'not ours');
    utimesSync(foreign, new Date(0), new Date(0));
    const sweep = startMediaOrphanSweep({
      blobs,
      records,
      graceMs: HOUR_MS,
      intervalMs: 0,
      logger: silentLogger(),
    });
    expect(await sweep.sweep()).toEqual({ checked: 1, removed: 0, unfinished: 2 });
    expect([existsSync(old), existsSync(older), existsSync(writing), existsSync(foreign)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(await blobs.has(kept)).toBe(true);
    // The store's own writes leave no temporary behind.
    const leftovers = readdirSync(root, { recursive: true }).map(String);
    expect(
      leftovers
        .filter((name) => name.endsWith('.tmp'))
        .map((name) => path.join(root, name))
        .sort(),
    ).toEqual([foreign, writing].sort());
    await sweep.stop();
  });

  it('sweeps on its own timer', async () => {
    const { blobs, records, age } = setUp();
    const key = await blobs.put(new TextEncoder().encode('orphan'), {});
    age(key, 3 * HOUR_MS);
    const logged: unknown[] = [];
    const sweep = startMediaOrphanSweep({
      blobs,
      records,
      graceMs: HOUR_MS,
      intervalMs: 20,
      logger: { info: (fields: unknown) => logged.push(fields), error: () => undefined } as never,
    });
    await expect.poll(() => blobs.has(key), { timeout: 5_000 }).toBe(false);
    // The summary is logged after the last delete, so it is polled too.
    await expect
      .poll(() => logged, { timeout: 5_000 })
      .toContainEqual({ checked: 1, removed: 1, unfinished: 0 });
    await sweep.stop();
  });
});
