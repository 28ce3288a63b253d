import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFilesystemBlobStore } from './filesystem-blob-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function read(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('the filesystem media blob store', () => {
  it('keeps bytes under their SHA-256, fanned out, once however often they are stored', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'livedesk-blobs-'));
    folders.push(root);
    const store = createFilesystemBlobStore({ root });
    const bytes = new Uint8Array(Buffer.from('a voice clip, say'));
    const key = await store.put(bytes, {});
    expect(key).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await store.put(bytes, {})).toBe(key);
    expect(readdirSync(path.join(root, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
    expect(await store.has(key)).toBe(true);

    const whole = await store.get(key, {});
    expect(whole?.size).toBe(bytes.length);
    expect((await read(whole!.body)).toString()).toBe('a voice clip, say');
    expect((await read((await store.get(key, { start: 2, end: 6 }))!.body)).toString()).toBe('voice');

    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key, {})).toBeUndefined();
    await store.delete(key);
  });

  it('refuses a key that is not a content hash (no path escapes the folder)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'livedesk-blobs-'));
    folders.push(root);
    const store = createFilesystemBlobStore({ root });
    await expect(store.has('../../etc/passwd')).rejects.toThrow(/content key/);
  });
});

describe('the filesystem blob store, for the orphan sweep', () => {
  it('lists every stored key with when it was written, and only content files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'livedesk-blobs-'));
    folders.push(root);
    const store = createFilesystemBlobStore({ root });
    const listed = async () => {
      const found: { key: string; writtenAt: number }[] = [];
      for await (const blob of store.list({})) found.push(blob);
      return found.sort((a, b) => a.key.localeCompare(b.key));
    };
    expect(await listed()).toEqual([]);
    const keys = await Promise.all(['one', 'two', 'three'].map((text) => store.put(Buffer.from(text), {})));
    // A crashed write's temporary file and a stray file are not blobs.
    writeFileSync(path.join(root, keys[0]!.slice(0, 2), keys[0]!.slice(2, 4), `.${keys[0]}.x.tmp`), 'x');
    writeFileSync(path.join(root, 'notes.txt'), 'x');
    const found = await listed();
    expect(found.map((blob) => blob.key)).toEqual([...keys].sort());
    for (const blob of found) expect(Math.abs(blob.writtenAt - Date.now())).toBeLessThan(60_000);
  });

  it('refreshes a blob stored again, and deletes conditionally on when it was written', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'livedesk-blobs-'));
    folders.push(root);
    const store = createFilesystemBlobStore({ root });
    const bytes = Buffer.from('stored twice');
    const key = await store.put(bytes, {});
    const file = path.join(root, key.slice(0, 2), key.slice(2, 4), key);
    const old = new Date(Date.now() - 7_200_000);
    utimesSync(file, old, old);
    const cutoff = Date.now() - 3_600_000;
    await store.put(bytes, {});
    await store.delete(key, { writtenBefore: cutoff });
    expect(await store.has(key)).toBe(true);
    utimesSync(file, old, old);
    await store.delete(key, { writtenBefore: cutoff });
    expect(await store.has(key)).toBe(false);
    await store.delete(key, { writtenBefore: cutoff });
  });
});
