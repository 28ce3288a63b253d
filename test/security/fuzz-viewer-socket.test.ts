import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  JoinFrameSchema,
  parseViewerFrame,
  ViewerFrameSchema,
  ViewerServerFrameSchema,
  type ViewerServerFrame,
} from '../../server/realtime/viewer-frames.js';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
import type { ViewerTestClient } from '../server/viewer-test-client.js';
import type { Json } from './fuzz/fuzz-json.js';
import { casesPerSeed, fuzzSeeds, replayHint, type FuzzRandom } from './fuzz/fuzz-random.js';
import { findLostChanges } from './fuzz/history-check.js';
import { probeHealth, watchProcessErrors } from './fuzz/fuzz-watch.js';
import { schemaExample, type JsonSchema } from './fuzz/schema-example.js';
import { runSocketFuzz, type AckedChange, type SocketChannelSpec } from './fuzz/socket-fuzz-runner.js';

/**
 * The cases are fixed, not the time: on a loaded machine they take longer, and a hang is caught per case
 * (10-15 s), so the test's own limit is generous.
 */
const FUZZ_TEST_TIMEOUT_MS = 120_000;
/** About 15 s on two cores: enough to reach every frame type many times, short enough for every CI run. */
const CASES = 1_500;
const WORKERS = 6;

const frameSchema = z.toJSONSchema(ViewerFrameSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const joinSchema = z.toJSONSchema(JoinFrameSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const frameTypes = ViewerFrameSchema.options.map((option) => option.shape.type.value);

interface Viewer {
  token: string;
  conversationId?: string;
}

describe('viewer socket under fuzzed frames', () => {
  let server: DeskServer;
  let adminToken: string;
  const viewers: Viewer[] = [];
  const baseline: AckedChange[] = [];
  let baselineViewer: Viewer;

  beforeAll(async () => {
    // Warnings and errors only: a thousand request lines would bury the fuzz's own report.
    server = await startDeskServer({ LIVEDESK_LOG_LEVEL: 'warn' });
    adminToken = (await server.login('admin')).token;
    for (let index = 0; index < 4; index++)
      viewers.push(await server.viewerToken({ roomId: 'room-fuzz', viewerId: `fuzz-viewer-${index}` }));
    baselineViewer = viewers[0] as Viewer;
    // Messages acknowledged before the fuzz: they must survive whatever it sends.
    const client: ViewerTestClient = await server.connectViewer();
    const joined = await client.join({ token: baselineViewer.token, displayName: 'Baseline' });
    baselineViewer.conversationId = joined.conversationId;
    for (const [index, text] of ['我的订单没到', 'refund please', '直播卡顿怎么办'].entries()) {
      const from = client.mark();
      client.send({ type: 'message', text, clientMessageId: `baseline-${index}` });
      const ack = await client.waitForType('ack', {
        from,
        where: (frame) => frame.clientMessageId === `baseline-${index}`,
      });
      expect(ack.sequence).toBeTypeOf('number');
      baseline.push({
        conversationId: joined.conversationId,
        sequence: ack.sequence as number,
        frame: { type: 'message', text },
        clientMessageId: `baseline-${index}`,
        unambiguous: true,
      });
    }
    await client.close();
    // Each viewer has a conversation to resume: limits on new conversations per viewer must not starve the fuzz.
    for (const viewer of viewers.slice(1)) {
      const other = await server.connectViewer();
      viewer.conversationId = (await other.join({ token: viewer.token })).conversationId;
      await other.close();
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  const opening = (random: FuzzRandom): Json => {
    const frame = schemaExample(random, joinSchema) as Record<string, Json>;
    const viewer = random.pick(viewers);
    if (random.chance(0.9)) frame.token = viewer.token;
    if (viewer.conversationId !== undefined && random.chance(0.7))
      frame.conversationId = viewer.conversationId;
    else if (random.chance(0.2)) frame.conversationId = viewers[1]?.conversationId ?? 'c-unknown';
    return frame;
  };

  let nextId = 0;
  const validFrame = (random: FuzzRandom): Json => {
    // Messages are what the log must keep, so they come more often than the schema's share.
    const frame = random.chance(0.3)
      ? {
          type: 'message',
          text: random.pick(['你好', 'refund', '转人工', '  padded  ']),
          clientMessageId: '',
        }
      : (schemaExample(random, frameSchema) as Record<string, Json>);
    if (frame.type === 'join') return opening(random);
    if ('clientMessageId' in frame)
      frame.clientMessageId = random.chance(0.1) ? 'dup' : `fz-${(nextId += 1)}`;
    if (typeof frame.text === 'string' && random.chance(0.15))
      frame.text = '退款 refund 人工 '.repeat(100).slice(0, 1000);
    return frame;
  };

  it(
    'answers every bad frame with an error or a refusal close, never crashes, hangs or loses an acked message',
    async () => {
      const spec: SocketChannelSpec = {
        url: `${server.baseUrl.replace('http', 'ws')}/ws/viewer`,
        serverFrames: ViewerServerFrameSchema,
        parse: parseViewerFrame,
        maxPayloadBytes: 16 * 1024,
        frameTypes,
        opening,
        validFrame,
      };
      const watch = watchProcessErrors();
      const health = probeHealth(server.baseUrl);
      const seeds = fuzzSeeds();
      const counts = casesPerSeed(CASES, seeds);
      const failures: string[] = [];
      const acked: AckedChange[] = [];
      try {
        for (const [index, seed] of seeds.entries()) {
          const result = await runSocketFuzz({ spec, seed, cases: counts[index] ?? 0, workers: WORKERS });
          failures.push(...result.failures);
          acked.push(...result.acked);
          console.info(`viewer fuzz ${replayHint(seed)}`, {
            sent: result.sent,
            sessions: result.sessions,
            upgradesRefused: result.upgradesRefused,
            closeCodes: result.closeCodes,
            errorCodes: result.errorCodes,
            acked: result.acked.length,
          });
        }
      } finally {
        watch.stop();
      }
      const healthReport = await health.stop();
      console.info('viewer fuzz /healthz during the run', healthReport);

      expect(watch.errors, 'errors that escaped the server').toEqual([]);
      expect(failures.slice(0, 20), `${failures.length} failing cases`).toEqual([]);
      expect(healthReport.failures).toEqual([]);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

      const lost = await findLostChanges([...baseline, ...acked], {
        request: (route, init) => server.request(route, init),
        adminToken,
      });
      expect(lost.slice(0, 20), `${lost.length} acknowledged changes lost`).toEqual([]);
      expect(
        acked.length,
        'the fuzz got messages accepted, so the check above means something',
      ).toBeGreaterThan(0);

      // Still serving: the baseline viewer resumes and is acknowledged.
      const client = await server.connectViewer();
      const joined = await client.join({
        token: baselineViewer.token,
        conversationId: baselineViewer.conversationId,
      });
      expect(joined.conversationId).toBe(baselineViewer.conversationId);
      // The fuzz spent this address's matching budget: a viewer told to slow down sends again, as asked.
      let reply: ViewerServerFrame | undefined;
      for (let attempt = 0; attempt < 10 && reply?.type !== 'ack'; attempt++) {
        if (reply) await new Promise((resolve) => setTimeout(resolve, 2_000));
        const from = client.mark();
        client.send({ type: 'message', text: 'still there?', clientMessageId: 'after-fuzz' });
        reply = await client.waitFor(
          (frame) =>
            (frame.type === 'ack' || frame.type === 'error') &&
            'clientMessageId' in frame &&
            frame.clientMessageId === 'after-fuzz',
          from,
        );
        if (reply.type === 'error') expect(reply.code).toBe('rate_limited');
      }
      expect(reply?.type === 'ack' ? reply.sequence : undefined).toBeTypeOf('number');
      await client.close();
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
