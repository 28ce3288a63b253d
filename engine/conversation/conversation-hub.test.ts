import { afterEach, describe, expect, it } from 'vitest';
import { openHubHarness, type HubHarness } from '../../test/support/conversation-hub-harness.js';
import { createScriptedAnswerComposer } from '../../test/support/scripted-answer-composer.js';
import { realSignals } from '../../test/engine/conversation-fixtures.js';
import { POLICY_PRESETS } from '../policy/escalation-policy-config.js';
import type { ConversationEventLog, StoredConversationEvent } from '../ports.js';
import { VoiceConfigSchema } from '../voice/voice-config.js';
import { DEFAULT_CANNED_REPLIES } from './canned-replies.js';
import type { ConversationEvent } from './conversation-events.js';
import { ConversationHub } from './conversation-hub.js';

/** A log whose appends for one conversation wait until the test opens its gate. */
function gatedLog(gated: string): {
  log: ConversationEventLog<ConversationEvent>;
  committed: StoredConversationEvent<ConversationEvent>[];
  open: () => void;
} {
  const committed: StoredConversationEvent<ConversationEvent>[] = [];
  let open = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    committed,
    open: () => open(),
    log: {
      async append(conversationId, at, event) {
        if (conversationId === gated) await gate;
        const stored = {
          conversationId,
          sequence: committed.filter((item) => item.conversationId === conversationId).length + 1,
          at,
          event,
        };
        committed.push(stored);
        return stored;
      },
      read: (conversationId) =>
        Promise.resolve(committed.filter((item) => item.conversationId === conversationId)),
    },
  };
}

let harness: HubHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('conversation hub restore', () => {
  it('gives concurrent restores of one conversation the same object, registered once', async () => {
    harness = await openHubHarness();
    const before = harness.startProcess();
    const chat = before.open();
    chat.viewerMessage('怎么充值金币');
    await chat.idle();
    await before.hub.flushed();

    const after = harness.startProcess();
    const [first, second] = await Promise.all([after.restore(chat.id), after.restore(chat.id)]);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(after.hub.get(chat.id)).toBe(first);
    expect(await after.restore(chat.id)).toBe(first);
    expect(first?.transcript).toEqual(chat.transcript);
  });

  it('restores nothing for an id the log does not know', async () => {
    harness = await openHubHarness();
    const process = harness.startProcess();
    expect(await process.restore('nobody-knows-this')).toBeUndefined();
    expect(process.hub.get('nobody-knows-this')).toBeUndefined();
    expect(await process.stored('nobody-knows-this')).toEqual([]);
  });

  it('returns a conversation this hub already holds, without reading the log', async () => {
    harness = await openHubHarness();
    const process = harness.startProcess();
    const chat = process.open();
    expect(await process.restore(chat.id)).toBe(chat);
  });

  it('numbers the events of a restored conversation on from where the log stopped', async () => {
    harness = await openHubHarness();
    const before = harness.startProcess();
    const chat = before.open();
    chat.viewerMessage('怎么充值金币');
    await chat.idle();
    await before.hub.flushed();
    const lastBefore = (await before.stored(chat.id)).at(-1)?.sequence ?? 0;

    const after = harness.startProcess();
    const restored = await after.restore(chat.id);
    restored?.viewerMessage('忘记密码了怎么办');
    await restored?.idle();
    await after.hub.flushed(chat.id);

    const stored = await after.stored(chat.id);
    expect(stored.map((event) => event.sequence)).toEqual(stored.map((_, index) => index + 1));
    expect(stored.filter((event) => event.event.type === 'conversation-opened')).toHaveLength(1);
    const next = stored.find((event) => event.sequence === lastBefore + 1);
    expect(next?.event).toMatchObject({ type: 'viewer-message', text: '忘记密码了怎么办' });
  });

  it('resolves flushed for one conversation once its events are committed, not waiting on others', async () => {
    const { log, committed, open } = gatedLog('slow');
    const hub = new ConversationHub({
      dependencies: {
        knowledge: { ask: () => Promise.reject(new Error('no turn runs in this test')) },
        detectSignals: realSignals(),
        maskPii: (text) => text,
        policy: POLICY_PRESETS.show,
        replies: DEFAULT_CANNED_REPLIES,
        clock: () => new Date('2026-06-01T12:00:00Z'),
      },
      voice: VoiceConfigSchema.parse({}),
      log,
      newId: () => 'unused',
    });
    const profile = { viewerId: 'viewer-1', tier: 'regular' } as const;
    hub
      .open({ conversationId: 'slow', profile }, () => undefined)
      .systemMessage({ kind: 'welcome', text: '欢迎' });
    hub
      .open({ conversationId: 'fast', profile }, () => undefined)
      .systemMessage({ kind: 'welcome', text: '欢迎' });

    let slowFlushed = false;
    const slow = hub.flushed('slow').then(() => {
      slowFlushed = true;
    });
    let allFlushed = false;
    const all = hub.flushed().then(() => {
      allFlushed = true;
    });
    await hub.flushed('fast');
    expect(committed.map((item) => item.conversationId)).toEqual(['fast']);
    expect([slowFlushed, allFlushed]).toEqual([false, false]);

    open();
    await Promise.all([slow, all]);
    expect(committed.map((item) => item.conversationId)).toEqual(['fast', 'slow']);
    await hub.flushed('slow');
  });
});

describe('conversation hub drain', () => {
  const slowAnswer = (waitMs: number) =>
    createScriptedAnswerComposer([
      { type: 'text-delta', text: 'Go to Me > Wallet. ' },
      { type: 'wait', ms: waitMs },
      { type: 'text-delta', text: 'Then tap Top up.' },
      { type: 'finish', reason: 'stop' },
    ]);

  it('lets a turn in flight finish and commits its end before shutdown goes on', async () => {
    harness = await openHubHarness({ composer: slowAnswer(150) });
    const running = harness.startProcess();
    const chat = running.open();
    chat.viewerMessage('怎么充值金币');
    await running.hub.drain(5_000);
    const stored = await running.stored(chat.id);
    expect(stored.at(-1)?.event).toMatchObject({ type: 'turn-end', reason: 'done' });
  });

  it('interrupts a turn that outlasts the deadline, and records it as interrupted', async () => {
    harness = await openHubHarness({ composer: slowAnswer(60_000) });
    const running = harness.startProcess();
    const chat = running.open();
    chat.viewerMessage('怎么充值金币');
    await running.waitFor('text-delta');
    await running.hub.drain(50);
    const ends = (await running.stored(chat.id)).filter((item) => item.event.type === 'turn-end');
    expect(ends.map((item) => item.event)).toEqual([expect.objectContaining({ reason: 'interrupted' })]);
  });
});
