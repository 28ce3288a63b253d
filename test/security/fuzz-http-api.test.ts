import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
import { FuzzRandom, casesPerSeed, fuzzSeeds, replayHint } from './fuzz/fuzz-random.js';
import { findLostChanges } from './fuzz/history-check.js';
import { probeHealth, watchProcessErrors } from './fuzz/fuzz-watch.js';
import {
  describeCase,
  httpCase,
  operationsOf,
  type FuzzOperation,
  type HttpCase,
  type HttpFuzzContext,
} from './fuzz/http-fuzz-cases.js';
import { closeRawConnections, sendRaw } from './fuzz/raw-http.js';
import type { AckedChange } from './fuzz/socket-fuzz-runner.js';

/**
 * The cases are fixed, not the time: on a loaded machine they take longer, and a hang is caught per case
 * (10-15 s), so the test's own limit is generous.
 */
const FUZZ_TEST_TIMEOUT_MS = 120_000;
/** About 15 s on two cores: every documented operation is hit about a dozen times per run. */
const CASES = 1_000;
const WORKERS = 4;
/** Refused knowledge writes checked one by one against a snapshot of the knowledge base. */
const KNOWLEDGE_WRITES = 30;
const HANG_MS = 15_000;

/** Collects the ids list routes hand out, by the key they appear under. */
function collectIds(value: unknown, into: Map<string, Set<string>>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && (key === 'id' || key.endsWith('Id') || key === 'version'))
      into.set(key, (into.get(key) ?? new Set()).add(item));
    else collectIds(item, into);
  }
}

describe('HTTP API under fuzzed requests', () => {
  let server: DeskServer;
  let operations: FuzzOperation[];
  let context: HttpFuzzContext;
  const baseline: AckedChange[] = [];

  beforeAll(async () => {
    // Warnings and errors only: a thousand request lines would bury the fuzz's own report.
    server = await startDeskServer({ LIVEDESK_LOG_LEVEL: 'warn' });
    const admin = await server.login('admin');
    const tokens = {
      admin: admin.token,
      agent: (await server.login('agent')).token,
      editor: (await server.login('editor')).token,
    };
    // A conversation with acknowledged messages: no request may lose them.
    const viewer = await server.viewerToken({ roomId: 'room-fuzz', viewerId: 'fuzz-http-viewer' });
    const client = await server.connectViewer();
    const joined = await client.join({ token: viewer.token });
    for (const [index, text] of ['转人工', 'my email is fuzz@example.com'].entries()) {
      const from = client.mark();
      client.send({ type: 'message', text, clientMessageId: `baseline-${index}` });
      const ack = await client.waitForType('ack', {
        from,
        where: (frame) => frame.clientMessageId === `baseline-${index}`,
      });
      baseline.push({
        conversationId: joined.conversationId,
        sequence: ack.sequence as number,
        frame: { type: 'message', text },
        clientMessageId: `baseline-${index}`,
        unambiguous: true,
      });
    }
    await client.close();

    const document = await (await server.request('/openapi.json')).json();
    operations = operationsOf(document);
    const ids = new Map<string, Set<string>>([
      ['conversationId', new Set([joined.conversationId])],
      ['viewerId', new Set(['fuzz-http-viewer'])],
    ]);
    for (const route of [
      '/api/users',
      '/api/knowledge/entries',
      '/api/knowledge/versions',
      '/api/quick-replies',
      '/api/auto-replies',
      '/api/tickets',
      '/api/ticket-departments',
      '/api/signals/models',
      '/api/knowledge/proposals',
      '/api/conversations',
    ]) {
      const response = await server.request(route, { token: tokens.admin });
      if (response.status === 200) collectIds(await response.json(), ids);
    }
    // The admin's own account stays as it is: the fuzz must keep its rights to reach the handlers.
    ids.get('id')?.delete(admin.userId);
    ids.get('userId')?.delete(admin.userId);
    const every = [...new Set([...ids.values()].flatMap((set) => [...set]))].filter(
      (id) => id !== admin.userId,
    );
    const entryOperation = operations.find(
      (operation) => operation.method === 'PUT' && operation.path === '/api/knowledge/entries/{id}',
    );
    if (!entryOperation?.body)
      throw new Error('PUT /api/knowledge/entries/{id} is not documented with a body');
    context = {
      tokens,
      knownIds: (name) => (name === 'id' ? every : [...(ids.get(name) ?? ids.get('id') ?? [])]),
      entrySchema: entryOperation.body.schema,
    };
  });

  afterAll(async () => {
    closeRawConnections();
    await server?.close();
  });

  it('documents operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it(
    'answers every fuzzed request below 500, in time, and keeps serving and storing',
    async () => {
      const watch = watchProcessErrors();
      const health = probeHealth(server.baseUrl);
      const seeds = fuzzSeeds();
      const counts = casesPerSeed(CASES, seeds);
      const failures: string[] = [];
      const statuses: Record<string, number> = {};
      const resets: string[] = [];
      const run = async (item: HttpCase, label: string): Promise<number | undefined> => {
        const response = await sendRaw(server.baseUrl, item.request, HANG_MS);
        if ('error' in response) {
          // A body the server refuses part-way (413, connection: close) may reset the upload: that is the refusal.
          if ((item.request.body?.length ?? 0) > 1024 * 1024) resets.push(label);
          else failures.push(`${label}: ${response.error}: ${describeCase(item)}`);
          return undefined;
        }
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status >= 500)
          failures.push(`${label}: ${response.status} ${response.body.slice(0, 200)}: ${describeCase(item)}`);
        return response.status;
      };
      try {
        for (const [index, seed] of seeds.entries()) {
          const perWorker = Math.ceil((counts[index] ?? 0) / WORKERS);
          await Promise.all(
            Array.from({ length: WORKERS }, async (_, worker) => {
              const random = new FuzzRandom((seed ^ Math.imul(worker + 1, 0x9e3779b9)) >>> 0);
              for (let caseIndex = 1; caseIndex <= perWorker; caseIndex++)
                await run(
                  httpCase(random, operations, context),
                  `${replayHint(seed)} worker ${worker} case ${caseIndex}`,
                );
            }),
          );
        }
      } finally {
        watch.stop();
      }
      const healthReport = await health.stop();
      console.info(`HTTP fuzz seeds ${seeds.join(', ')}`, {
        statuses,
        resetsOnHugeBodies: resets.length,
        health: healthReport,
      });

      expect(watch.errors, 'errors that escaped the server').toEqual([]);
      expect(failures.slice(0, 20), `${failures.length} failing requests`).toEqual([]);
      expect(healthReport.failures).toEqual([]);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
      expect(
        Object.keys(statuses).some((status) => status.startsWith('2')),
        'some requests reached a handler and succeeded',
      ).toBe(true);

      const lost = await findLostChanges(baseline, {
        request: (route, init) => server.request(route, init),
        adminToken: context.tokens.admin,
      });
      expect(lost).toEqual([]);
      expect((await server.request('/api/auth/me', { token: context.tokens.admin })).status).toBe(200);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'leaves the knowledge base as it was when it refuses a write',
    async () => {
      const snapshot = async (): Promise<string> => {
        const parts = await Promise.all(
          ['/api/knowledge/export', '/api/knowledge/synonyms'].map(async (route) => {
            const response = await server.request(route, { token: context.tokens.admin });
            expect(response.status, route).toBe(200);
            return response.text();
          }),
        );
        return parts.join('\n--\n');
      };
      // Knowledge writes that take a body: entry and synonym edits (PUT) and imports; search is a read.
      const writes = operations.filter(
        (operation) =>
          operation.path.startsWith('/api/knowledge/') &&
          operation.body !== undefined &&
          (operation.method !== 'POST' || operation.path === '/api/knowledge/import'),
      );
      expect(writes.map((operation) => `${operation.method} ${operation.path}`)).toContain(
        'POST /api/knowledge/import',
      );
      const seed = fuzzSeeds().at(-1) as number;
      const random = new FuzzRandom(seed);
      const changed: string[] = [];
      const failures: string[] = [];
      let refused = 0;
      let before = await snapshot();
      for (let index = 1; index <= KNOWLEDGE_WRITES; index++) {
        let item = httpCase(random, writes, context);
        // Only admin requests with a body that is not the schema's example: a refusal of bad data is the point.
        while (item.credential !== 'admin' || item.bodyKind === 'valid' || item.bodyKind === 'none')
          item = httpCase(random, writes, context);
        const response = await sendRaw(server.baseUrl, item.request, HANG_MS);
        const label = `${replayHint(seed)} knowledge write ${index}`;
        if ('error' in response) {
          if ((item.request.body?.length ?? 0) <= 1024 * 1024)
            failures.push(`${label}: ${response.error}: ${describeCase(item)}`);
          continue;
        }
        if (response.status >= 500) failures.push(`${label}: ${response.status}: ${describeCase(item)}`);
        const after = await snapshot();
        if (response.status >= 400 && response.status < 500) {
          refused += 1;
          if (after !== before)
            changed.push(
              `${label}: refused with ${response.status} yet changed the knowledge base: ${describeCase(item)}`,
            );
        }
        before = after;
      }
      console.info(`knowledge writes ${replayHint(seed)}`, { sent: KNOWLEDGE_WRITES, refused });
      expect(failures).toEqual([]);
      expect(changed).toEqual([]);
      expect(refused).toBeGreaterThan(KNOWLEDGE_WRITES / 2);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
