import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
