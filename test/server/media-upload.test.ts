import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaUrlSigner } from '../../server/media/media-url-signer.js';
import { bombPng, gpsJpeg, silentWav, solidPng } from '../support/media-fixtures.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

const SECRET = 'media-test-secret-that-is-at-least-32-characters';

/** Every file under a folder, recursively (the blob store fans out into two levels). */
function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('media uploads over HTTP', () => {
  let server: DeskServer;
  let dataDir: string;
  let holder: StaffMember;
  let never: StaffMember;
  let holderConsole: AgentTestClient;
  const viewers: ViewerTestClient[] = [];
  let viewer: { token: string; viewerId: string; conversationId: string; socket: ViewerTestClient };

  const mediaDir = () => path.join(dataDir, 'media');
  const mediaRows = (): { id: string; conversation_id: string; kind: string }[] => {
    const database = new Database(path.join(dataDir, 'livedesk.sqlite'), { readonly: true });
    try {
      return database
        .prepare('SELECT id, conversation_id, kind FROM media ORDER BY created_at')
        .all() as never;
    } finally {
      database.close();
    }
  };

  const upload = (
    conversationId: string,
    token: string | undefined,
    body: NonNullable<RequestInit['body']>,
    query: Record<string, string> = {},
  ) =>
    fetch(`${server.baseUrl}/api/media?${new URLSearchParams({ conversationId, ...query }).toString()}`, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'image/png' },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });

  async function newViewer(viewerId: string) {
    const issued = await server.viewerToken({ roomId: 'media-room', viewerId, locale: 'zh' });
    const socket = await server.connectViewer();
    viewers.push(socket);
    const { conversationId } = await socket.join({ token: issued.token });
    return { ...issued, conversationId, socket };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-media-'));
    server = await startDeskServer({
      LIVEDESK_DATA_DIR: dataDir,
      LIVEDESK_SECRET: SECRET,
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      LIVEDESK_MEDIA_ALLOWED: 'image,sticker,voice,file',
      LIVEDESK_MEDIA_MAX_BYTES: 'voice=256KiB',
      LIVEDESK_MEDIA_UPLOADS_PER_SECOND: '1000',
      LIVEDESK_ADDRESS_MEDIA_UPLOADS_PER_SECOND: '1000',
    });
    holder = await server.createStaff({
      username: 'media-holder',
      role: 'agent',
      teams: ['support'],
      capacity: 20,
    });
    never = await server.createStaff({ username: 'media-never', role: 'agent', teams: ['media-none'] });
    holderConsole = await server.connectAgent();
    await holderConsole.authenticate(holder.token);
    viewer = await newViewer('media-viewer-1');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(viewers.map((socket) => socket.close()));
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a phone photo without its GPS EXIF, upright, and sends it with signed links', async () => {
    const from = viewer.socket.mark();
    const response = await upload(viewer.conversationId, viewer.token, await gpsJpeg(400, 200), {
      name: '付款截图.jpg',
    });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 200, height: 400 });
    expect(answer.sequence).toBeGreaterThan(0);

    const { event, sequence } = await viewer.socket.waitForEvent('media-message', { from });
    expect(sequence).toBe(answer.sequence);
    expect(event).toMatchObject({
      by: 'viewer',
      mediaId: answer.mediaId,
      kind: 'image',
      name: '付款截图.jpg',
    });
    if (event.type !== 'media-message' || !event.url || !event.thumbUrl) throw new Error('no links');

    const full = await fetch(`${server.baseUrl}${event.url}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(full.headers.get('content-disposition')).toBe('inline');
    const maxAge = Number(/max-age=(\d+)/.exec(full.headers.get('cache-control') ?? '')?.[1]);
    expect(full.headers.get('cache-control')).toMatch(/^private/);
    expect(maxAge).toBeGreaterThan(500);
    expect(maxAge).toBeLessThanOrEqual(600);
    const stored = Buffer.from(await full.arrayBuffer());
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata).toMatchObject({ width: 200, height: 400 });
    expect(stored.includes(Buffer.from('SecretPhone'))).toBe(false);

    const thumb = await fetch(`${server.baseUrl}${event.thumbUrl}`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).height).toBe(320);
  });

  it('takes an upload from the widget on a platform’s own page (another origin), preflight first', async () => {
    const origin = 'https://live.example-platform.test';
    const url = `${server.baseUrl}/api/media?conversationId=${viewer.conversationId}`;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin, authorization: `Bearer ${viewer.token}`, 'content-type': 'image/png' },
      body: await gpsJpeg(64, 64),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const { mediaId } = (await response.json()) as { mediaId: string };
    const link = await fetch(`${server.baseUrl}/api/media/${mediaId}/url`, {
      headers: { origin, authorization: `Bearer ${viewer.token}` },
    });
    expect(link.headers.get('access-control-allow-origin')).toBe('*');
    const { url: fileUrl } = (await link.json()) as { url: string };
    // The widget's <img> on the platform's page loads the file itself.
    const file = await fetch(`${server.baseUrl}${fileUrl}`, { headers: { origin } });
    expect(file.status).toBe(200);
    expect(file.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('refuses what lies about its type, bombs, polyglots, SVG and oversized bodies, storing nothing', async () => {
    const filesBefore = filesUnder(mediaDir()).sort();
    const rowsBefore = mediaRows().length;
    const from = viewer.socket.mark();
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>');
    const gifPolyglot = Buffer.concat([
      Buffer.from('GIF89a'),
      Buffer.alloc(10),
      Buffer.from('*/=1;<script>alert(1)</script>'),
    ]);
    const pdfPolyglot = Buffer.from('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF');
    const brokenPng = Buffer.concat([(await solidPng()).subarray(0, 40), Buffer.alloc(200, 9)]);
    const cases: [string, NonNullable<RequestInit['body']>, number, string][] = [
      ['HTML named .png', html, 415, 'unsupported_type'],
      ['SVG', svg, 415, 'unsupported_type'],
      ['GIF header + script', gifPolyglot, 415, 'unsupported_type'],
      ['PDF that is HTML', pdfPolyglot, 415, 'unsupported_type'],
      ['decompression bomb', bombPng(20_000), 413, 'too_large'],
      ['corrupt PNG', brokenPng, 400, 'invalid_image'],
      ['empty body', new Uint8Array(0), 400, 'empty'],
    ];
    for (const [name, body, status, error] of cases) {
      const response = await upload(viewer.conversationId, viewer.token, body);
      expect({ name, status: response.status }).toEqual({ name, status });
      expect(((await response.json()) as { error: string }).error, name).toBe(error);
    }
    // A voice clip over its 256 KiB cap, sent in 64 KiB chunks with no declared length and no end in sight
    // (100 MiB): the server answers without reading it all.
    let sentChunks = 0;
    const header = silentWav(0.1).subarray(0, 44);
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sentChunks === 1600) return controller.close();
        controller.enqueue(
          sentChunks === 0 ? Buffer.concat([header, Buffer.alloc(65_536 - 44)]) : Buffer.alloc(65_536),
        );
        sentChunks += 1;
      },
    });
    const tooBig = await upload(viewer.conversationId, viewer.token, chunked);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string }).error).toBe('too_large');
    expect(sentChunks).toBeLessThan(1600);

    // A sticker must be an image.
    const sticker = await upload(viewer.conversationId, viewer.token, silentWav(0.2), { as: 'sticker' });
    expect(sticker.status).toBe(415);

    expect(filesUnder(mediaDir()).sort()).toEqual(filesBefore);
    expect(mediaRows()).toHaveLength(rowsBefore);
    // A message the viewer is sure to get after them: nothing of the refused uploads came before it.
    viewer.socket.send({ type: 'message', text: '你好', clientMessageId: 'after-refusals' });
    await viewer.socket.waitForType('ack', {
      from,
      where: (frame) => frame.clientMessageId === 'after-refusals',
    });
    expect(viewer.socket.events(from).filter((frame) => frame.event.type === 'media-message')).toEqual([]);
  });

  it('keeps a voice clip as sent, with its WAV length, and answers Range requests', async () => {
    const clip = silentWav(1.5);
    const response = await upload(viewer.conversationId, viewer.token, clip, { name: 'voice.wav' });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as {
      mediaId: string;
      durationMs: number;
      mime: string;
      bytes: number;
    };
    expect(answer).toMatchObject({ mime: 'audio/wav', bytes: clip.length, durationMs: 1500 });
    const link = (await (
      await server.request(`/api/media/${answer.mediaId}/url`, { token: viewer.token })
    ).json()) as { url: string; expiresAt: string };
    const part = await fetch(`${server.baseUrl}${link.url}`, { headers: { range: 'bytes=0-43' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-43/${clip.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(0, 44))).toBe(true);
    const whole = await fetch(`${server.baseUrl}${link.url}`);
    expect(Buffer.from(await whole.arrayBuffer()).equals(clip)).toBe(true);
    expect(
      (await fetch(`${server.baseUrl}${link.url}`, { headers: { range: `bytes=${clip.length}-` } })).status,
    ).toBe(416);
  });

  it('refuses a tampered or expired link, and one for another variant', async () => {
    const response = await upload(viewer.conversationId, viewer.token, await solidPng(30, 30));
    const { mediaId } = (await response.json()) as { mediaId: string };
    const link = (await (
      await server.request(`/api/media/${mediaId}/url?variant=thumb`, { token: viewer.token })
    ).json()) as { url: string };
    expect((await fetch(`${server.baseUrl}${link.url}`)).status).toBe(200);
    const url = new URL(link.url, server.baseUrl);
    const sig = url.searchParams.get('sig')!;
    const tampered = new URL(url);
    tampered.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    expect((await fetch(tampered)).status).toBe(403);
    const otherVariant = new URL(url);
    otherVariant.searchParams.set('variant', 'full');
    expect((await fetch(otherVariant)).status).toBe(403);
    const longer = new URL(url);
    longer.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86_400));
    expect((await fetch(longer)).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/media/${mediaId}?variant=full`)).status).toBe(403);
    // Signed by the server's own key, but an hour ago with a 10-minute life.
    const past = createMediaUrlSigner({
      secret: Buffer.from(SECRET),
      ttlSeconds: 600,
      nowMs: () => Date.now() - 3_600_000,
    });
    const expired = await fetch(`${server.baseUrl}${past.sign(mediaId, 'full').url}`);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { message: string }).message).toMatch(/expired/);
    const fresh = createMediaUrlSigner({ secret: Buffer.from(SECRET), ttlSeconds: 600 });
    expect((await fetch(`${server.baseUrl}${fresh.sign(mediaId, 'full').url}`)).status).toBe(200);
  });

  it('keeps another viewer, and an agent who never held the conversation, out', async () => {
    const other = await newViewer('media-viewer-2');
    const png = await solidPng(20, 20);
    // Someone else's conversation answers exactly as an unknown one: its id cannot be probed.
    const foreignUpload = await upload(viewer.conversationId, other.token, png);
    const unknownUpload = await upload('no-such-conversation', other.token, png);
    expect([foreignUpload.status, unknownUpload.status]).toEqual([404, 404]);
    expect(((await foreignUpload.json()) as { error: string }).error).toBe(
      ((await unknownUpload.json()) as { error: string }).error,
    );
    expect((await upload(viewer.conversationId, never.token, png)).status).toBe(404);
    expect((await upload(viewer.conversationId, undefined, png)).status).toBe(401);
    expect((await upload('no-such-conversation', viewer.token, png)).status).toBe(404);
    const [record] = mediaRows();
    // A foreign media id answers exactly as an unknown one: nothing tells the caller it exists.
    const unknown = await server.request('/api/media/m_no-such-media/url', { token: other.token });
    const foreign = await server.request(`/api/media/${record!.id}/url`, { token: other.token });
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect(((await foreign.json()) as { error: string }).error).toBe(
      ((await unknown.json()) as { error: string }).error,
    );
    expect((await server.request(`/api/media/${record!.id}/url`, { token: never.token })).status).toBe(404);
    expect((await server.request(`/api/media/${record!.id}/url`, {})).status).toBe(401);
    // An agent may not send into a conversation they do not hold, even the one they will hold later.
    expect((await upload(viewer.conversationId, holder.token, png)).status).toBe(403);
  });

  it('lets the agent holding the conversation send media, and lists the media on its ticket', async () => {
    viewer.socket.send({ type: 'message', text: '我要人工', clientMessageId: 'ask-person' });
    await holderConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === viewer.conversationId && frame.status === 'offered',
    });
    expect(
      (await holderConsole.command({ type: 'accept', conversationId: viewer.conversationId })).type,
    ).toBe('ack');
    const fromViewer = viewer.socket.mark();
    const fromAgent = holderConsole.mark();
    const response = await upload(viewer.conversationId, holder.token, await solidPng(50, 50), {
      as: 'sticker',
    });
    expect(response.status).toBe(201);
    const { mediaId } = (await response.json()) as { mediaId: string };
    const seen = await viewer.socket.waitForEvent('media-message', {
      from: fromViewer,
      where: (event) => event.mediaId === mediaId,
    });
    expect(seen.event).toMatchObject({ by: 'agent', agentId: holder.userId, kind: 'sticker' });
    const agentFrame = await holderConsole.waitForType('event', {
      from: fromAgent,
      where: (frame) => frame.event.type === 'media-message' && frame.event.mediaId === mediaId,
    });
    const agentEvent = agentFrame.event as {
      url?: string;
      thumbUrl?: string;
    };
    expect(agentEvent.url).toMatch(/^\/media\//);
    expect((await fetch(`${server.baseUrl}${agentEvent.thumbUrl}`)).status).toBe(200);
    // Another agent who never held it still gets nothing (the answer an unknown id gets).
    expect((await server.request(`/api/media/${mediaId}/url`, { token: never.token })).status).toBe(404);
    expect((await server.request(`/api/media/${mediaId}/url`, { token: holder.token })).status).toBe(200);

    const made = await server.request(`/api/conversations/${viewer.conversationId}/ticket`, {
      method: 'POST',
      token: holder.token,
    });
    expect(made.status).toBe(201);
    const { ticket } = (await made.json()) as { ticket: { id: string } };
    const view = (await (
      await server.request(`/api/tickets/${ticket.id}`, { token: holder.token })
    ).json()) as {
      attachments: {
        mediaId: string;
        kind: string;
        mime: string;
        name?: string;
        bytes: number;
        url: string;
      }[];
    };
    const kinds = view.attachments.map((attachment) => attachment.kind);
    expect(kinds).toEqual(expect.arrayContaining(['image', 'voice', 'sticker']));
    expect(view.attachments.find((attachment) => attachment.name === '付款截图.jpg')).toMatchObject({
      mime: 'image/jpeg',
    });
    const first = view.attachments[0]!;
    expect((await fetch(`${server.baseUrl}${first.url}`)).status).toBe(200);
  });

  it('counts uploads and refusals in /metrics', async () => {
    const text = await (await server.request('/metrics')).text();
    expect(text).toMatch(/livedesk_media_uploads_total\{kind="image"\} [1-9]/);
    expect(text).toMatch(/livedesk_media_refused_total\{reason="unsupported_type"\} [1-9]/);
    expect(text).toMatch(/livedesk_media_refused_total\{reason="too_large"\} [1-9]/);
  });

  it('erases a viewer’s media records and the files no one else shares', async () => {
    const admin = await server.login('admin');
    const leaving = await newViewer('media-viewer-erased');
    const shared = await solidPng(30, 30); // also uploaded by the first viewer: its blob stays
    const own = await solidPng(33, 31);
    // Stickers: the AI answers none, so the conversation stays with it and may be erased at once (an image
    // would be handed to a person, and a conversation with people is not erased).
    for (const body of [shared, own])
      expect((await upload(leaving.conversationId, leaving.token, body, { as: 'sticker' })).status).toBe(201);
    const ownRows = mediaRows().filter((row) => row.conversation_id === leaving.conversationId);
    expect(ownRows).toHaveLength(2);
    const exported = (await (
      await server.request(`/api/privacy/viewers/${leaving.viewerId}/export`, { token: admin.token })
    ).json()) as { media: { id: string }[] };
    expect(exported.media.map((item) => item.id).sort()).toEqual(ownRows.map((row) => row.id).sort());
    const filesBefore = filesUnder(mediaDir()).length;
    await leaving.socket.close();
    let erased: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      erased = await server.request(`/api/privacy/viewers/${leaving.viewerId}/erase`, {
        token: admin.token,
        json: { mode: 'delete', confirmViewerId: leaving.viewerId },
      });
      if (erased.status !== 409) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(erased!.status).toBe(200);
    expect(((await erased!.json()) as { media: number }).media).toBe(2);
    expect(mediaRows().filter((row) => row.conversation_id === leaving.conversationId)).toEqual([]);
    // The one picture only this viewer sent is gone (file and preview); the shared one is kept.
    expect(filesUnder(mediaDir()).length).toBe(filesBefore - 2);
    for (const row of ownRows)
      expect((await server.request(`/api/media/${row.id}/url`, { token: admin.token })).status).toBe(404);
    expect(statSync(mediaDir()).isDirectory()).toBe(true);
  });
});
