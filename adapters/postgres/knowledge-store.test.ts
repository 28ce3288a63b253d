import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryInput } from '../../knowledge/entry.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { KnowledgeStore, StoreChange } from '../../knowledge/ports.js';
import { runKnowledgeStoreContract } from '../../test/contracts/knowledge-store.contract.js';
import { createPostgresTestSchema, TEST_POSTGRES_URL } from '../../test/support/postgres-test-schema.js';
import type { PostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresKnowledgeStore } from './knowledge-store.js';
import type { PostgresKnowledgeStoreOptions } from './knowledge-store.js';
import { openPostgresPool } from './open-postgres-pool.js';

// One schema for the whole file, emptied before each test: migrating a fresh schema per test costs seconds.
let sharedSchema: Promise<PostgresTestSchema> | undefined;
async function emptySchema(): Promise<PostgresTestSchema> {
  sharedSchema ??= createPostgresTestSchema();
  const schema = await sharedSchema;
  await schema.pool.query(
    'TRUNCATE knowledge_entries, knowledge_entry_versions, knowledge_synonyms, knowledge_synonym_versions',
  );
  return schema;
}
afterAll(async () => {
  await (await sharedSchema)?.cleanup();
});

runKnowledgeStoreContract('postgres', async () => {
  const schema = await emptySchema();
  const opened: KnowledgeStore[] = [];
  const open = async (knowledgeBaseId?: string) => {
    const store = await createPostgresKnowledgeStore({
      pool: schema.pool,
      knowledgeBaseId,
      onListenerError: (error) => {
        throw error;
      },
    });
    opened.push(store);
    return store;
  };
  return {
    store: await open(),
    openAnother: (options = {}) => open(options.knowledgeBaseId),
    cleanup: async () => {
      for (const store of opened) await store.close();
    },
  };
});

describe('PostgreSQL knowledge store', () => {
  let schema: PostgresTestSchema;
  const stores: KnowledgeStore[] = [];
  const pools: pg.Pool[] = [];

  /** A store on a pool of its own, as another Livedesk process would open it. */
  const openNode = async (options: Partial<PostgresKnowledgeStoreOptions> = {}) => {
    const pool = await openPostgresPool({ url: schema.url, maxConnections: 4, migrate: false });
    pools.push(pool);
    const store = await createPostgresKnowledgeStore({
      pool,
      minReconnectDelayMs: 50,
      maxReconnectDelayMs: 200,
      onFeedError: () => undefined,
      ...options,
    });
    stores.push(store);
    return store;
  };

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeEach(async () => {
    schema = await emptySchema();
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const pool of pools.splice(0)) await pool.end();
  });

  it("tells another node's listeners about each change within a second, with the entry as committed", async () => {
    const writer = await openNode();
    const reader = await openNode();
    const heard: StoreChange[] = [];
    reader.onChange((change) => heard.push(change));

    await writer.put(entry('a'), 'alice');
    await writer.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
    await writer.remove('a', 'alice');

    await waitFor(() => heard.length >= 3, 1_000);
    expect(heard).toEqual([
      { kind: 'entry', entryId: 'a', entry: expect.objectContaining({ id: 'a' }) as unknown },
      { kind: 'synonyms' },
      { kind: 'entry', entryId: 'a', entry: null },
    ]);
  });

  it('tells a store about its own change once, though its own notification comes back too', async () => {
    const store = await openNode();
    const other = await openNode();
    const mine: StoreChange[] = [];
    const theirs: StoreChange[] = [];
    store.onChange((change) => mine.push(change));
    other.onChange((change) => theirs.push(change));

    await store.importEntries([entry('a'), entry('b')], 'importer');
    await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
    await waitFor(() => theirs.length >= 3, 1_000);
    // The other store has heard the notifications, so this one's have arrived as well.
    await sleep(100);

    expect(mine.map(describeChange)).toEqual(['a:put', 'b:put', 'synonyms']);
    expect(theirs.map(describeChange)).toEqual(['a:put', 'b:put', 'synonyms']);
  });

  it('hears nothing from another knowledge base or another schema on the same database', async () => {
    const store = await openNode();
    const otherBase = await openNode({ knowledgeBaseId: 'other-kb' });
    const elsewhere = await createPostgresTestSchema();
    try {
      const otherSchema = await createPostgresKnowledgeStore({ pool: elsewhere.pool });
      const heard: StoreChange[] = [];
      store.onChange((change) => heard.push(change));
      const probe = await openNode();
      const probeHeard: StoreChange[] = [];
      probe.onChange((change) => probeHeard.push(change));

      await otherBase.put(entry('a'), 'bob');
      await otherSchema.put(entry('a'), 'bob');
      await otherSchema.close();
      // A change that must arrive, so that the ones before it have arrived too (they commit in this order).
      await store.put(entry('marker'), 'alice');
      await waitFor(() => probeHeard.length >= 1, 1_000);

      expect(heard.map(describeChange)).toEqual(['marker:put']);
      expect(probeHeard.map(describeChange)).toEqual(['marker:put']);
    } finally {
      await elsewhere.cleanup();
    }
  });

  it('catches up on what it missed after its LISTEN connection is killed, and keeps listening', async () => {
    const writer = await openNode();
    const reader = await openNode({ minReconnectDelayMs: 300 });
    const heard: StoreChange[] = [];
    reader.onChange((change) => heard.push(change));
    const killed = reader.changeFeedStatus().backendPid;
    expect(killed).toBeTypeOf('number');

    await admin((client) => client.query('SELECT pg_terminate_backend($1)', [killed]));
    // Committed while the reader has no connection: its notification reaches nobody.
    await writer.put(entry('missed'), 'alice');
    await writer.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');

    await waitFor(() => heard.length >= 2, 3_000);
    expect(heard.map(describeChange)).toEqual(['missed:put', 'synonyms']);
    const status = reader.changeFeedStatus();
    expect(status.connected).toBe(true);
    expect(status.backendPid).not.toBe(killed);
    expect(status.sessions).toBe(2);

    await writer.remove('missed', 'alice');
    await waitFor(() => heard.length >= 3, 1_000);
    expect(heard.map(describeChange)).toEqual(['missed:put', 'synonyms', 'missed:gone']);
  });

  it('does not repeat its own changes when it catches up after a reconnection', async () => {
    const store = await openNode({ minReconnectDelayMs: 300 });
    const heard: StoreChange[] = [];
    store.onChange((change) => heard.push(change));
    const killed = store.changeFeedStatus().backendPid;

    await admin((client) => client.query('SELECT pg_terminate_backend($1)', [killed]));
    await store.put(entry('mine'), 'alice');
    await waitFor(() => store.changeFeedStatus().sessions === 2 && store.changeFeedStatus().connected, 3_000);
    await sleep(200);

    expect(heard.map(describeChange)).toEqual(['mine:put']);
  });

  it('ends its LISTEN connection when closed', async () => {
    const store = await openNode();
    const pid = store.changeFeedStatus().backendPid;

    await store.close();

    const { rows } = await admin((client) =>
      client.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]),
    );
    expect(rows).toEqual([]);
    expect(store.changeFeedStatus().connected).toBe(false);
  });

  it('keeps version ids unique and in commit order, each change seeing the one before, under writers on two nodes', async () => {
    const first = await openNode();
    const second = await openNode();
    await first.put(entry('counter'), 'setup');

    await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        (index % 2 === 0 ? first : second).put(
          { ...entry('counter'), answer: `write ${index}` },
          `writer-${index}`,
        ),
      ),
    );

    const versions = (await first.versions({ entryId: 'counter' })).reverse();
    expect(versions).toHaveLength(25);
    for (const [index, version] of versions.entries()) {
      if (index === 0) continue;
      expect(version.versionId).toBeGreaterThan(versions[index - 1]!.versionId);
      expect(version.before).toEqual(versions[index - 1]!.after);
    }
    expect(await first.get('counter')).toEqual(versions.at(-1)?.after);
  });

  it('rolls back the entries already written when the database fails in the middle of an import', async () => {
    const store = await openNode();
    await store.put(entry('existing'), 'alice');
    await admin(async (client) => {
      await client.query(`CREATE FUNCTION refuse_third() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by test trigger' USING ERRCODE = 'check_violation'; END $$`);
      await client.query(`CREATE TRIGGER refuse_third BEFORE INSERT ON knowledge_entries
        FOR EACH ROW WHEN (NEW.entry_id = 'third') EXECUTE FUNCTION refuse_third()`);
    });
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));

    const failure = await store
      .importEntries(
        [{ ...entry('existing'), answer: 'changed' }, entry('second'), entry('third')],
        'importer',
      )
      .catch((error: unknown) => error);
    await admin(async (client) => {
      await client.query('DROP TRIGGER refuse_third ON knowledge_entries');
      await client.query('DROP FUNCTION refuse_third()');
    });

    expect(failure).toBeInstanceOf(LivedeskError);
    expect((failure as Error).message).not.toContain('refused by test trigger');
    expect((await store.list()).map((stored) => [stored.id, stored.answer])).toEqual([
      ['existing', 'Answer for existing.'],
    ]);
    expect(await store.versions()).toHaveLength(1);
    expect(changes).toEqual([]);
  });

  it('records the time of each change from the injected clock', async () => {
    const store = await openNode({ clock: () => new Date('2025-06-01T12:00:00.000Z') });

    const version = await store.put(entry('a'), 'alice');

    expect(version?.at).toBe('2025-06-01T12:00:00.000Z');
    expect((await store.versions())[0]?.at).toBe('2025-06-01T12:00:00.000Z');
  });

  it('keeps a write and tells the other listeners when one listener throws', async () => {
    const onListenerError = vi.fn();
    const store = await openNode({ onListenerError });
    const heard = vi.fn();
    store.onChange(() => {
      throw new Error('listener bug');
    });
    store.onChange(heard);

    expect((await store.put(entry('a'), 'alice'))?.action).toBe('create');
    expect(heard).toHaveBeenCalledOnce();
    expect(onListenerError).toHaveBeenCalledWith(expect.objectContaining({ message: 'listener bug' }));
  });

  it('fails loudly when a stored entry was broken by hand', async () => {
    const store = await openNode();
    await store.put(entry('a'), 'alice');
    await admin((client) => client.query(`UPDATE knowledge_entries SET body = '{"id":"a","questions":[]}'`));

    await expect(store.get('a')).rejects.toMatchObject({ code: 'internal' });
    await expect(store.list()).rejects.toMatchObject({ code: 'internal' });
  });

  it('records synonym changes as versions, newest first', async () => {
    const store = await openNode({ clock: () => new Date('2025-01-01T00:00:00.000Z') });

    await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
    await store.putSynonym({ term: 'pk', canonical: 'duel' }, 'bob');
    await store.putSynonym({ term: 'pk', canonical: 'duel' }, 'bob');
    await store.removeSynonym('pk', undefined, 'carol');
    await store.putSynonym({ term: 'yyds', canonical: '永远的神', locale: 'zh' }, 'dave');

    const versions = await store.synonymVersions();
    expect(
      versions.map(({ term, locale, action, actor, before, after }) => [
        term,
        locale,
        action,
        actor,
        before,
        after,
      ]),
    ).toEqual([
      ['yyds', 'zh', 'put', 'dave', null, '永远的神'],
      ['pk', undefined, 'delete', 'carol', 'duel', null],
      ['pk', undefined, 'put', 'bob', 'battle', 'duel'],
      ['pk', undefined, 'put', 'alice', null, 'battle'],
    ]);
    expect(versions[0]?.at).toBe('2025-01-01T00:00:00.000Z');
    expect(await store.synonymVersions({ limit: 1 })).toHaveLength(1);
  });

  it('orders ids by code point whatever the server collation', async () => {
    const store = await openNode();
    for (const id of ['b', 'B', 'a', '_x', 'A']) await store.put(entry(id), 'alice');

    expect((await store.list()).map((stored) => stored.id)).toEqual(['A', 'B', '_x', 'a', 'b']);
  });

  it('refuses to start with a clear error when the server cannot be reached for listening', async () => {
    const pool = await openPostgresPool({ url: schema.url, maxConnections: 2, migrate: false });
    pools.push(pool);

    const attempt = createPostgresKnowledgeStore({
      pool,
      listenerConnection: {
        connectionString: TEST_POSTGRES_URL.replace(':5432', ':1'),
        connectionTimeoutMillis: 2_000,
      },
    });

    await expect(attempt).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('rejects an empty knowledge base id', async () => {
    await expect(
      createPostgresKnowledgeStore({ pool: schema.pool, knowledgeBaseId: ' ' }),
    ).rejects.toBeInstanceOf(LivedeskError);
  });
});

function entry(id: string): EntryInput {
  return { id, locale: 'en', questions: [`Question about ${id}?`], answer: `Answer for ${id}.` };
}

function describeChange(change: StoreChange): string {
  return change.kind === 'entry' ? `${change.entryId}:${change.entry ? 'put' : 'gone'}` : 'synonyms';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
}
