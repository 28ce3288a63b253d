import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFilesystemBlobStore } from '../../adapters/media/filesystem-blob-store.js';
import { createSharpImageProcessor } from '../../adapters/media/sharp-image-processor.js';
import { createSqliteConversationQueries } from '../../adapters/sqlite/conversation-queries.js';
import { createSqliteMediaRecordStore } from '../../adapters/sqlite/media-record-store.js';
import { createSqlitePersonalDataStore } from '../../adapters/sqlite/personal-data-store.js';
import { createSqliteTicketStore } from '../../adapters/sqlite/ticket-store.js';
import { readStoredEvents } from '../../engine/conversation/read-stored-events.js';
import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import { DEFAULT_MEDIA_POLICY } from '../../engine/media/media-policy.js';
import type { MediaRecordStore } from '../../engine/media/media-record.js';
import { ConversationDirectory } from '../../server/desk/conversation-directory.js';
import type { ConversationAccess } from '../../server/http/conversation-access-guard.js';
import { eraseConversationMedia } from '../../server/media/media-library.js';
import { uncountedMediaMetrics } from '../../server/media/media-metrics.js';
import { MediaService } from '../../server/media/media-service.js';
import { createMediaUrlSigner } from '../../server/media/media-url-signer.js';
import { createSpokenTurnRecorder } from '../../server/media/spoken-turn-recorder.js';
import {
  createViewerDataRequests,
  type ViewerDataRequests,
} from '../../server/privacy/viewer-data-requests.js';
import type { ConversationChannel } from '../../server/realtime/conversation-channel.js';
import { silentWav } from '../support/media-fixtures.js';
import { openObservedHub, type ObservedHubFixture } from '../support/observed-hub-fixture.js';

/** Long enough for a commit to be answered many times over; a commit that never settles shows as `hung`. */
const PROMPT_MS = 2_000;

function settledWithin<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown } | 'hung'> {
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), PROMPT_MS).unref()),
  ]);
}

const filesUnder = (folder: string): string[] => {
  try {
    return readdirSync(folder, { recursive: true }).map(String);
  } catch {
    return [];
  }
};

/**
 * Writers that still hold a conversation's channel when privacy erasure lets go of it (an upload being
 * stored, a spoken turn being kept) are refused at once, over real SQLite stores, and write nothing back.
 */
describe('committing into a conversation erased under the writer', () => {
  let fixture: ObservedHubFixture;
  let directory: ConversationDirectory;
  let records: MediaRecordStore;
  let blobs: MediaBlobStore;
  let requests: ViewerDataRequests;
  let mediaRoot: string;

  beforeEach(async () => {
    fixture = await openObservedHub();
    const { database } = fixture;
    directory = new ConversationDirectory({ hub: fixture.hub, events: fixture.events });
    mediaRoot = mkdtempSync(path.join(tmpdir(), 'livedesk-commit-erased-'));
    records = createSqliteMediaRecordStore({ database });
    blobs = createFilesystemBlobStore({ root: mediaRoot });
    requests = createViewerDataRequests({
      personalData: createSqlitePersonalDataStore({ database }),
      queries: createSqliteConversationQueries({ database }),
      tickets: createSqliteTicketStore({ database }),
      held: directory,
      media: {
        records: (conversationId) => records.listByConversation(conversationId),
        erase: (conversationIds) => eraseConversationMedia({ records, blobs }, conversationIds),
      },
    });
  });

  afterEach(async () => {
    directory.close();
    await fixture.close();
    rmSync(mediaRoot, { recursive: true, force: true });
  });

  /** A viewer's conversation the AI answered, quiet again, its channel kept by a writer. */
  async function answeredConversation(viewerId: string): Promise<ConversationChannel> {
    const channel = directory.open({ profile: { viewerId, tier: 'regular' }, liveContext: { roomId: 'r1' } });
    await channel.commit(() => channel.conversation.viewerMessage('怎么充值金币'));
    await channel.conversation.idle();
    await fixture.hub.flushed();
    await channel.whenSent();
    return channel;
  }

  async function erase(viewerId: string): Promise<void> {
    const erased = await requests.eraseViewer(viewerId, 'delete');
    expect(erased).toMatchObject({ ok: true, conversations: 1 });
  }

  function uploads(load: (conversationId: string) => Promise<ConversationChannel | undefined>) {
    return new MediaService({
      policy: DEFAULT_MEDIA_POLICY,
      blobs,
      records,
      images: createSharpImageProcessor({ maxPixels: 1_000_000 }),
      signer: createMediaUrlSigner({ secret: new Uint8Array(32).fill(7), ttlSeconds: 60 }),
      metrics: uncountedMediaMetrics(),
      load,
      // The checks that would have caught the erasure first are off: the commit itself must refuse.
      ownerOf: () => Promise.resolve('v1'),
      access: {} as ConversationAccess,
      desk: () => undefined,
      newId: () => Math.random().toString(36).slice(2),
    });
  }

  it('refuses a viewer message, an upload and a spoken turn at once, writing nothing to the erased log', async () => {
    const channel = await answeredConversation('v1');
    const { conversationId } = channel;
    await erase('v1');
    expect(await readStoredEvents(fixture.events.log, conversationId)).toEqual([]);

    const message = await settledWithin(channel.commit(() => channel.conversation.viewerMessage('还在吗')));
    expect(message).toMatchObject({ error: { code: 'not_found', message: /no longer held here/ } });

    // An upload that loaded the channel before the erasure (its erasure checks disabled).
    const stale = [channel];
    const service = uploads(async (id) => stale.shift() ?? directory.load(id));
    const uploaded = await settledWithin(
      service.upload({
        actor: { kind: 'viewer', viewerId: 'v1' },
        conversationId,
        body: new Blob([silentWav(0.5)]).stream(),
      }),
    );
    expect(uploaded).toMatchObject({ value: { ok: false, status: 404, error: 'not_found' } });

    const keep = createSpokenTurnRecorder({
      policy: DEFAULT_MEDIA_POLICY,
      blobs,
      records,
      newId: () => 'spoken',
    });
    const kept = await settledWithin(keep(channel, { sequence: 3, wav: silentWav(0.7) }));
    expect(kept).toMatchObject({ error: { code: 'not_found' } });

    // Nothing of the viewer came back: no event, no media record, no file.
    expect(await readStoredEvents(fixture.events.log, conversationId)).toEqual([]);
    expect(await records.listByConversation(conversationId)).toEqual([]);
    expect(filesUnder(mediaRoot).filter((name) => !/^[0-9a-f]{2}(\/[0-9a-f]{2})?$/.test(name))).toEqual([]);
  });

  it('stores an upload into a conversation memory let go of while quiet (not erased), reloaded', async () => {
    const channel = await answeredConversation('v2');
    const { conversationId } = channel;
    expect(directory.release(conversationId)).toBe(true);
    const stale = [channel];
    const service = uploads(async (id) => stale.shift() ?? directory.load(id));
    const uploaded = await settledWithin(
      service.upload({
        actor: { kind: 'viewer', viewerId: 'v1' },
        conversationId,
        body: new Blob([silentWav(0.5)]).stream(),
      }),
    );
    expect(uploaded).toMatchObject({ value: { ok: true, kind: 'voice' } });
    const stored = await readStoredEvents(fixture.events.log, conversationId);
    expect(stored.at(-1)?.event).toMatchObject({ type: 'media-message', kind: 'voice' });
    expect(await records.listByConversation(conversationId)).toHaveLength(1);
  });
});
