import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNAL_FEATURE_RECIPE } from '../../engine/signals/learned/signal-features.js';
import type { SignalModel } from '../../engine/signals/learned/signal-model.js';
import { startViewerTestServer, type ViewerTestServer } from './viewer-test-server.js';

/** One viewer's first message, through the real socket: what they were sent and the desk's handoff packet. */
async function firstMessage(server: ViewerTestServer, text: string, locale: 'zh' | 'en' = 'zh') {
  const viewer = await server.connect();
  const { token } = await server.viewerToken();
  const { conversationId } = await viewer.join({ token, locale });
  const from = viewer.mark();
  viewer.send({ type: 'message', text });
  const end = await viewer.waitForEvent('turn-end', { from });
  const packet = server.hub.get(conversationId)?.handoffPacket;
  return { delivered: end.event.delivered, packet };
}

describe('what a viewer says reaches a person the way they said it', () => {
  let server: ViewerTestServer;
  beforeAll(async () => {
    server = await startViewerTestServer({ gateway: { maxConnectionsPerIp: 1000 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(['人工', 'rg', 'ren gong', '轉人工', '我要人宫', 'human please'])(
    'hands "%s" to a person at once, with no knowledge-base answer beside it',
    async (text) => {
      const { delivered, packet } = await firstMessage(server, text);
      expect(packet?.reasons).toContain('human_request');
      expect(delivered).toBe('');
    },
  );

  it('puts a threat to go to 12315 in the complaints lane, high', async () => {
    const { packet } = await firstMessage(server, '再不给我退款我就去12315投诉你们');
    expect(packet).toMatchObject({ team: 'complaints', priority: 'high' });
    expect(packet?.reasons).toContain('public_threat');
  });

  it('meets a viewer who may hurt themselves with care and a hotline, never an answer, and fetches a person first', async () => {
    const { delivered, packet } = await firstMessage(server, '充了那么多钱也没人理我，活着真没意思');
    expect(delivered).toContain('12356');
    expect(delivered).toContain('你不是一个人');
    expect(packet).toMatchObject({ priority: 'urgent' });
    expect(packet?.reasons).toContain('sensitive');
    expect(packet?.details.join(' ')).toContain('safety');
  });

  it('meets one in English in English', async () => {
    const { delivered, packet } = await firstMessage(server, "honestly I don't want to live anymore", 'en');
    expect(delivered).toContain('988');
    expect(packet?.priority).toBe('urgent');
  });
});

describe('a deployment’s own hotline and trained model', () => {
  let server: ViewerTestServer;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-signals-server-'));
    // A model whose request classifier always fires: proof that the server reads with the file it was given.
    const model: SignalModel = {
      format: 'livedesk-signal-model',
      version: 1,
      createdAt: '2026-12-07T00:00:00.000Z',
      featureSpace: { dimensions: 1024, recipe: SIGNAL_FEATURE_RECIPE },
      sources: ['hand-made'],
      classifiers: {
        human_request: {
          bias: 8,
          weights: [],
          threshold: 0.5,
          combine: 'union',
          training: {
            examples: 0,
            positives: 0,
            heldOut: { source: 'dev', precision: 1, recall: 1, f1: 1 },
          },
        },
      },
    };
    const modelFile = path.join(folder, 'signals.json');
    writeFileSync(modelFile, JSON.stringify(model));
    server = await startViewerTestServer({
      gateway: { maxConnectionsPerIp: 1000 },
      env: {
        LIVEDESK_SIGNALS_MODEL: modelFile,
        LIVEDESK_SAFETY_HOTLINE: JSON.stringify({ zh: '请拨打本地求助热线 000-TEST-LINE。' }),
      },
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('escalates what the model finds and names it as the cue', async () => {
    const { packet } = await firstMessage(server, '怎么给主播送礼物');
    expect(packet?.reasons).toContain('human_request');
    expect(packet?.details.join(' ')).toMatch(/model:1\.00/);
  });

  it('gives the configured hotline', async () => {
    const { delivered } = await firstMessage(server, '我不想活了');
    expect(delivered).toContain('000-TEST-LINE');
    expect(delivered).not.toContain('12356');
  });
});
