import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAgentFrame } from '../../server/realtime/agent-frame-parser.js';
import { AgentFrameSchema, AgentServerFrameSchema } from '../../server/realtime/agent-frames.js';
import type { AgentTestClient } from '../server/agent-test-client.js';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
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
/** About 15 s on two cores; the same budget as the viewer channel's fuzz. */
const CASES = 1_500;
const WORKERS = 6;

const frameSchema = z.toJSONSchema(AgentFrameSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const frameTypes = AgentFrameSchema.options.map((option) => option.shape.type.value);

describe('agent socket under fuzzed frames', () => {
  let server: DeskServer;
  let adminToken: string;
  const staffTokens: string[] = [];
  const conversationIds: string[] = [];
  const baseline: AckedChange[] = [];
  let holder: AgentTestClient;

  beforeAll(async () => {
    // Warnings and errors only: a thousand request lines would bury the fuzz's own report.
    server = await startDeskServer({ LIVEDESK_LOG_LEVEL: 'warn' });
    adminToken = (await server.login('admin')).token;
    for (const username of ['admin', 'supervisor', 'agent', 'agent2', 'editor'])
      staffTokens.push((await server.login(username)).token);
    // The agent holds what the desk offers, so fuzzed replies from their other sessions can be accepted.
    holder = await server.connectAgent();
    await holder.authenticate(staffTokens[2] as string);
    // Conversations for the commands to act on, two of them waiting for a person, each with acked messages.
    for (const [index, text] of ['转人工', '我要投诉 转人工', 'how do I get a refund'].entries()) {
      const viewer = await server.viewerToken({
        roomId: 'room-fuzz',
        viewerId: `fuzz-agent-viewer-${index}`,
      });
      const client = await server.connectViewer();
      const joined = await client.join({ token: viewer.token });
      conversationIds.push(joined.conversationId);
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
      // The viewer stays: a conversation whose viewer left is released from the queue.
    }
    // The plain request is offered to the agent (the complaint may go to the supervisor lane instead).
    const offered = await Promise.race([
      holder.waitForType('assignment', { where: (frame) => frame.conversationId === conversationIds[0] }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000)),
    ]);
    if (offered) {
      const accepted = await holder.command({ type: 'accept', conversationId: conversationIds[0] });
      expect(accepted.type, JSON.stringify(accepted)).toBe('ack');
    } else console.warn('no offer reached the agent: fuzzed replies will all be refused');
  });

  afterAll(async () => {
    await server?.close();
  });

  const opening = (random: FuzzRandom): Json => ({
    type: 'auth',
    token: random.chance(0.9) ? random.pick(staffTokens) : `${random.pick(staffTokens).slice(0, -4)}AAAA`,
  });

  let nextId = 0;
  const validFrame = (random: FuzzRandom): Json => {
    // Replies are what the log must keep, so they come more often than the schema's share.
    const frame = random.chance(0.25)
      ? { type: 'reply', text: 'hello', conversationId: '', clientMessageId: '' }
      : (schemaExample(random, frameSchema) as Record<string, Json>);
    if (frame.type === 'auth') return opening(random);
    if ('conversationId' in frame && random.chance(0.8)) frame.conversationId = random.pick(conversationIds);
    if (frame.type === 'reply' && random.chance(0.5))
      frame.text = random.pick(['您好，马上为您处理', ' padded reply ', '退款已提交'.repeat(50)]);
    if ('clientMessageId' in frame)
      frame.clientMessageId = random.chance(0.1) ? 'dup' : `fz-${(nextId += 1)}`;
    return frame;
  };

  it(
    'answers every bad frame with an error or a refusal close, never crashes, hangs or loses an acked change',
    async () => {
      const spec: SocketChannelSpec = {
        url: `${server.baseUrl.replace('http', 'ws')}/ws/agent`,
        serverFrames: AgentServerFrameSchema,
        parse: parseAgentFrame,
        maxPayloadBytes: 64 * 1024,
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
          console.info(`agent fuzz ${replayHint(seed)}`, {
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
      console.info('agent fuzz /healthz during the run', healthReport);

      expect(watch.errors, 'errors that escaped the server').toEqual([]);
      expect(failures.slice(0, 20), `${failures.length} failing cases`).toEqual([]);
      expect(healthReport.failures).toEqual([]);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

      const lost = await findLostChanges([...baseline, ...acked], {
        request: (route, init) => server.request(route, init),
        adminToken,
      });
      expect(lost.slice(0, 20), `${lost.length} acknowledged changes lost`).toEqual([]);

      // Still serving: an admin signs in on a fresh socket and can watch a conversation.
      const agent = await server.connectAgent();
      const signedIn = await agent.authenticate(adminToken);
      expect(signedIn.user.role).toBe('admin');
      await agent.roundTrip();
      await agent.close();
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
