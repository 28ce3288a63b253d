import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFilesystemBlobStore } from '../../adapters/media/filesystem-blob-store.js';
import { createSqliteConversationQueries } from '../../adapters/sqlite/conversation-queries.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { createSqliteMediaRecordStore } from '../../adapters/sqlite/media-record-store.js';
import { createSqlitePersonalDataStore } from '../../adapters/sqlite/personal-data-store.js';
import { createSqliteTicketStore } from '../../adapters/sqlite/ticket-store.js';
import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import { wavDurationMs } from '../../engine/media/wav-duration.js';
import { eraseConversationMedia } from '../../server/media/media-library.js';
import {
  createViewerDataRequests,
  type ViewerDataRequests,
} from '../../server/privacy/viewer-data-requests.js';
import {
  SECRET,
  soxWavWithMetadata,
  soxiSamples,
  taggedM4a,
  taggedMp3,
  taggedOggOpus,
  taggedWebm,
} from '../support/audio-metadata-fixtures.js';
import { sendThenRead } from '../support/send-then-read.js';
import { startDeskServer, type DeskServer } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

const SECRET_KEY = 'media-hardening-secret-that-is-at-least-32-characters';

/** A pause an upload reaches inside the blob store: the test acts, then lets it go on. */
interface Gate {
  stage: 'put' | 'has';
  reached: () => void;
  proceed: Promise<void>;
}

function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('media uploads, hardened', () => {
  let server: DeskServer;
  let dataDir: string;
  let adminToken: string;
  let gate: Gate | undefined;
  const sockets: ViewerTestClient[] = [];

  const mediaDir = () => path.join(dataDir, 'media');
  const mediaRows = (conversationId: string): { id: string; content_key: string }[] => {
    const database = new Database(path.join(dataDir, 'livedesk.sqlite'), { readonly: true });
    try {
      return database
        .prepare('SELECT id, content_key FROM media WHERE conversation_id = ?')
        .all(conversationId) as never;
    } finally {
      database.close();
    }
  };

  const upload = (conversationId: string, token: string, body: Uint8Array) =>
    fetch(`${server.baseUrl}/api/media?conversationId=${encodeURIComponent(conversationId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
    });

  async function newViewer(viewerId: string) {
    const issued = await server.viewerToken({ roomId: 'hardening-room', viewerId, locale: 'en' });
    const socket = await server.connectViewer();
    sockets.push(socket);
    const { conversationId } = await socket.join({ token: issued.token });
    return { ...issued, conversationId, socket };
  }

  async function storedBytes(mediaId: string, token: string): Promise<Buffer> {
    const link = (await (await server.request(`/api/media/${mediaId}/url`, { token })).json()) as {
      url: string;
    };
    return Buffer.from(await (await fetch(`${server.baseUrl}${link.url}`)).arrayBuffer());
  }

  /** Erases a viewer (delete mode), waiting out the moments their closed socket is still let go of. */
  async function erase(viewerId: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const response = await server.request(`/api/privacy/viewers/${viewerId}/erase`, {
        token: adminToken,
        json: { mode: 'delete', confirmViewerId: viewerId },
      });
      if (response.status !== 409 || attempt === 50) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-media-hardening-'));
    const folder = createFilesystemBlobStore({ root: path.join(dataDir, 'media') });
    // The folder's own store, with a gate an upload can be held at (deterministic races, no sleeps).
    const hold = async (stage: Gate['stage']) => {
      const current = gate;
      if (current?.stage !== stage) return;
      gate = undefined;
      current.reached();
      await current.proceed;
    };
    const blobs: MediaBlobStore = {
      ...folder,
      async put(bytes, options) {
        const key = await folder.put(bytes, options);
        await hold('put');
        return key;
      },
      async has(key) {
        await hold('has');
        return folder.has(key);
      },
    };
    server = await startDeskServer(
      {
        LIVEDESK_DATA_DIR: dataDir,
        LIVEDESK_SECRET: SECRET_KEY,
        LIVEDESK_MEDIA_MAX_BYTES: 'voice=256KiB',
        LIVEDESK_MEDIA_UPLOADS_PER_SECOND: '1000',
        LIVEDESK_ADDRESS_MEDIA_UPLOADS_PER_SECOND: '1000',
      },
      { mediaBlobs: blobs },
    );
    adminToken = (await server.login('admin')).token;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores voice clips without their metadata, still playable, in every container', async () => {
    const viewer = await newViewer('hardening-voice');
    const wav = soxWavWithMetadata(1);
    const response = await upload(viewer.conversationId, viewer.token, wav);
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { mediaId: string; bytes: number; durationMs: number };
    expect(answer.durationMs).toBe(1000);
    const stored = await storedBytes(answer.mediaId, viewer.token);
    expect(stored.length).toBe(answer.bytes);
    expect(stored.includes(SECRET)).toBe(false);
    expect(soxiSamples(stored)).toBe(16_000);
    expect(wavDurationMs(stored)).toBe(1000);

    for (const [name, clip] of [
      ['mp3', taggedMp3(20)],
      ['ogg', taggedOggOpus(5)],
      ['webm', taggedWebm().bytes],
      ['m4a', taggedM4a().bytes],
    ] as const) {
      expect(clip.includes(SECRET), name).toBe(true);
      const sent = await upload(viewer.conversationId, viewer.token, clip);
      expect(sent.status, name).toBe(201);
      const { mediaId } = (await sent.json()) as { mediaId: string };
      expect((await storedBytes(mediaId, viewer.token)).includes(SECRET), name).toBe(false);
    }
  });

  it('refuses a voice clip whose container cannot be cleaned, storing nothing', async () => {
    const viewer = await newViewer('hardening-broken');
    const damaged = Buffer.from(taggedOggOpus(2));
    damaged[damaged.length - 1]! ^= 0xff; // the last page's checksum no longer matches
    const filesBefore = filesUnder(mediaDir()).sort();
    const response = await upload(viewer.conversationId, viewer.token, damaged);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_audio', message: /checksum/ });
    expect(mediaRows(viewer.conversationId)).toEqual([]);
    expect(filesUnder(mediaDir()).sort()).toEqual(filesBefore);
    // 30 000 trak boxes nested in one another (240 KB): refused as unreadable, not a server error.
    const nested = Buffer.alloc(8 + 30_000 * 8);
    for (let level = 0; level <= 30_000; level++) {
      nested.writeUInt32BE(nested.length - level * 8, level * 8);
      nested.write(level === 0 ? 'moov' : 'trak', level * 8 + 4, 'latin1');
    }
    const ftyp = Buffer.from('\0\0\0\x14ftypM4A \0\0\0\0M4A ', 'latin1');
    const deep = await upload(viewer.conversationId, viewer.token, Buffer.concat([ftyp, nested]));
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ error: 'invalid_audio' });
    expect(mediaRows(viewer.conversationId)).toEqual([]);
  });

  for (const stage of ['put', 'has'] as const)
    it(`keeps nothing of an upload whose viewer is erased while it is stored (erased at blob ${stage})`, async () => {
      const viewer = await newViewer(`hardening-erased-${stage}`);
      await viewer.socket.close();
      // A clip no one else sends: its blob is this upload's alone.
      const clip = soxWavWithMetadata(stage === 'put' ? 0.3 : 0.4);
      let reached!: () => void;
      const atGate = new Promise<void>((resolve) => (reached = resolve));
      let proceed!: () => void;
      gate = { stage, reached, proceed: new Promise<void>((resolve) => (proceed = resolve)) };
      const filesBefore = filesUnder(mediaDir()).length;
      const sending = upload(viewer.conversationId, viewer.token, clip);
      await atGate;
      // The blob is in the folder (at `has`, its record too); the erasure runs to its end meanwhile.
      expect(filesUnder(mediaDir()).length).toBe(filesBefore + 1);
      const erased = await erase(viewer.viewerId);
      expect(erased.status).toBe(200);
      proceed();
      const response = await sending;
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toMatch(/erased/);
      expect(mediaRows(viewer.conversationId)).toEqual([]);
      expect(filesUnder(mediaDir()).length).toBe(filesBefore);
    });

  /**
   * Another node's erasure, over the same database and media folder: it holds none of this node's memory,
   * so only what the upload reads back from the store can tell it.
   */
  function otherNode(): { requests: ViewerDataRequests; close: () => void } {
    const database = createSqliteDatabase(path.join(dataDir, 'livedesk.sqlite'));
    const records = createSqliteMediaRecordStore({ database });
    const blobs = createFilesystemBlobStore({ root: mediaDir() });
    const requests = createViewerDataRequests({
      personalData: createSqlitePersonalDataStore({ database }),
      queries: createSqliteConversationQueries({ database }),
      tickets: createSqliteTicketStore({ database }),
      media: {
        records: (conversationId) => records.listByConversation(conversationId),
        erase: (conversationIds) => eraseConversationMedia({ records, blobs }, conversationIds),
      },
    });
    return { requests, close: () => database.close() };
  }

  for (const [stage, mode] of [
    ['put', 'delete'],
    ['has', 'anonymise'],
  ] as const)
    it(`keeps nothing of an upload whose viewer another node erases (${mode}) while it is stored (at blob ${stage})`, async () => {
      const viewer = await newViewer(`hardening-elsewhere-${stage}`);
      await viewer.socket.close();
      const clip = soxWavWithMetadata(stage === 'put' ? 0.6 : 0.7);
      let reached!: () => void;
      const atGate = new Promise<void>((resolve) => (reached = resolve));
      let proceed!: () => void;
      gate = { stage, reached, proceed: new Promise<void>((resolve) => (proceed = resolve)) };
      const filesBefore = filesUnder(mediaDir()).length;
      const sending = upload(viewer.conversationId, viewer.token, clip);
      await atGate;
      const node = otherNode();
      try {
        expect(await node.requests.eraseViewer(viewer.viewerId, mode)).toMatchObject({
          ok: true,
          conversations: 1,
        });
      } finally {
        node.close();
      }
      proceed();
      const response = await sending;
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toMatch(/erased/);
      expect(mediaRows(viewer.conversationId)).toEqual([]);
      expect(filesUnder(mediaDir()).length).toBe(filesBefore);
    });

  it('answers a refused upload so that a client that sends everything first still reads it', async () => {
    const viewer = await newViewer('hardening-linger');
    const port = Number(new URL(server.baseUrl).port);
    const request = {
      port,
      path: `/api/media?conversationId=${viewer.conversationId}`,
      headers: { authorization: `Bearer ${viewer.token}` },
      totalBytes: 8 * 1024 * 1024,
    };
    const wavHead = soxWavWithMetadata(0.1).subarray(0, 64);
    for (let attempt = 0; attempt < 3; attempt++) {
      const tooLarge = await sendThenRead({ ...request, head: wavHead });
      expect(tooLarge.writeError).toBeUndefined();
      expect(tooLarge.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
      expect(JSON.parse(tooLarge.body)).toMatchObject({ error: 'too_large' });
      const refused = await sendThenRead({ ...request, head: Buffer.from('<html><script>') });
      expect(refused.writeError).toBeUndefined();
      expect(refused.statusLine).toBe('HTTP/1.1 415 Unsupported Media Type');
      expect(JSON.parse(refused.body)).toMatchObject({ error: 'unsupported_type' });
    }
    expect(mediaRows(viewer.conversationId)).toEqual([]);
  });
});
