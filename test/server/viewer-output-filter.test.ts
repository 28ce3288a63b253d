import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntrySchema } from '../../knowledge/entry.js';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import {
  ChatCompletionRequestSchema,
  type ChatCompletionRequest,
} from '../support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { ViewerTestClient } from './viewer-test-client.js';

const TOP_UP = EntrySchema.parse(
  JSON.parse(
    readFileSync(new URL('../../knowledge/demo/demo-kb.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .find((line) => line.includes('"coins.top-up"')) ?? '{}',
  ),
);
const ENTRY_ANSWER_EN = TOP_UP.translations.en?.answer ?? '';

/** What the model does with the composer's prompt: `system`, `grounding` or both, verbatim. */
type Echo = 'system' | 'grounding' | 'both';

const isComposerRequest = (request: ChatCompletionRequest): boolean =>
  request.messages[0] !== undefined &&
  messageText(request.messages[0]).includes('customer-support assistant');

/** The system prompt and grounding JSON of the last composer request the model received. */
function lastPrompt(llm: OpenAICompatibleServer): { system: string; grounding: string; canary: string } {
  const request = llm.chat.requests
    .map((recorded) => ChatCompletionRequestSchema.parse(recorded.body))
    .filter(isComposerRequest)
    .at(-1);
  const system = request?.messages[0] ? messageText(request.messages[0]) : '';
  const grounding = request?.messages[1] ? messageText(request.messages[1]) : '';
  return { system, grounding, canary: /marker: (\w+)/u.exec(system)?.[1] ?? '' };
}

describe('a model that echoes its prompt, behind a real viewer socket', () => {
  let llm: OpenAICompatibleServer;
  let server: RunningServer;
  let dataDir: string;
  let echo: Echo = 'system';

  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    llm.chat.respondWith((request) => {
      if (!isComposerRequest(request)) return { content: 'ok' };
      const [system, user] = request.messages.map(messageText);
      const content =
        echo === 'system' ? system : echo === 'grounding' ? user : `Sure! My setup:\n${system}\n${user}`;
      return { content: content ?? '', tokenDelayMs: 0 };
    });
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-leak-'));
    server = await startServer({
      config: loadConfig({
        LIVEDESK_DATA_DIR: dataDir,
        PORT: '0',
        LIVEDESK_ADMIN_PASSWORD: 'admin-password',
        LIVEDESK_LLM_BASE_URL: llm.baseURL,
        LIVEDESK_LLM_MODEL: 'echo-model',
        LIVEDESK_LLM_MAX_RETRIES: '0',
      }),
      hostname: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await server.close();
    await llm.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function askAsNewViewer(text: string): Promise<{ delivered: string; wire: string }> {
    const session = await fetch(`${server.url}/api/viewer/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: 'room-1' }),
    });
    const { token } = (await session.json()) as { token: string };
    const viewer = await ViewerTestClient.connect(`${server.url.replace(/^http/u, 'ws')}/ws/viewer`);
    try {
      await viewer.join({ token, locale: 'en' });
      const from = viewer.mark();
      viewer.send({ type: 'message', text });
      const end = await viewer.waitForEvent('turn-end', { from });
      // Everything the socket carried, frame by frame, as the viewer's browser would see it.
      return { delivered: end.event.delivered, wire: JSON.stringify(viewer.frames) };
    } finally {
      await viewer.close();
    }
  }

  function expectNothingLeaked(wire: string): void {
    const { system, grounding, canary } = lastPrompt(llm);
    expect(canary).toMatch(/^ldc[0-9a-f]{18}$/u);
    expect(wire.toLowerCase()).not.toContain(canary.toLowerCase());
    for (const line of system.split('\n').filter((rule) => rule.length >= 40))
      expect(wire).not.toContain(JSON.stringify(line.slice(0, 40)).slice(1, -1));
    for (const key of ['knowledge_entries', 'live_context', 'viewer_message'])
      expect(wire).not.toContain(key);
    expect(grounding).toContain('"knowledge_entries"');
  }

  async function blockedCount(): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return [...text.matchAll(/^livedesk_llm_output_blocked_total\{kind="[^"]+"\} (\d+)$/gmu)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
  }

  it.each<Echo>(['system', 'grounding', 'both'])(
    'gives the viewer the entry answer as written when the model echoes %s, and counts it',
    async (which) => {
      echo = which;
      const before = await blockedCount();
      const { delivered, wire } = await askAsNewViewer('How do I top up coins?');
      expect(delivered.trim()).toBe(ENTRY_ANSWER_EN);
      expectNothingLeaked(wire);
      expect(await blockedCount()).toBe(before + 1);
    },
  );
});
