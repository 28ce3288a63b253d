import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeRequest } from '../ports.js';
import type { HandoffPacket } from '../handoff/handoff-packet.js';
import { openHubHarness, type HubHarness } from '../../test/support/conversation-hub-harness.js';
import {
  createScriptedAnswerComposer,
  type ComposerScriptStep,
} from '../../test/support/scripted-answer-composer.js';
import { restoreConversationState } from './restore-conversation.js';

let harness: HubHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Answers from the best entry at once, except the password reset, which stalls mid-sentence. */
function composerScript(request: ComposeRequest): ComposerScriptStep[] {
  const best = request.entries[0]?.entry;
  if (request.question === '怎么重置密码')
    return [
      { type: 'text-delta', text: '在登录页点' },
      { type: 'wait', ms: 60_000 },
    ];
  return [
    { type: 'text-delta', text: `关于 ${best?.id ?? '这个问题'}：请看帮助中心。` },
    { type: 'citations', entryIds: best ? [best.id] : [] },
    { type: 'finish', reason: 'stop' },
  ];
}

/** The packet without the ids that differ between two conversations telling the same story. */
function story(packet: HandoffPacket | undefined): unknown {
  if (!packet) return undefined;
  const { conversationId: _id, transcript, aiAttempts, ...rest } = packet;
  return {
    ...rest,
    transcript: transcript.map(({ turnId: _turn, ...line }) => line),
    aiAttempts: aiAttempts.map(({ turnId: _turn, ...attempt }) => attempt),
  };
}

describe('restoring a conversation from its event log', () => {
  it('rebuilds state, transcript, handoff packet, survey and what the policy remembers', async () => {
    harness = await openHubHarness({ composer: createScriptedAnswerComposer(composerScript) });
    const live = harness.startProcess();
    const chat = live.open();

    chat.viewerMessage('怎么充值金币');
    await live.waitFor('turn-end');

    // A spoken answer the viewer talks over after three characters.
    const voiceFrom = live.events.length;
    chat.viewerMessage('忘记密码了怎么办', 'voice');
    const spoken = await live.waitFor('turn-end', undefined, voiceFrom);
    chat.playback({ state: 'speaking', playedChars: 3 });
    const declineFrom = live.events.length;
    chat.voiceTranscript({ text: '等一下，明天巴黎天气怎么样', final: true, durationMs: 1800 });
    await live.waitFor('turn-end', undefined, declineFrom);

    // A written answer cut off by the viewer asking for a person.
    const stalledFrom = live.events.length;
    chat.viewerMessage('怎么重置密码');
    const stalled = await live.waitFor('text-delta', undefined, stalledFrom);
    chat.viewerMessage('你是机器人吧，我要找真人客服');
    const { packet } = await live.waitFor('handoff');
    await chat.idle();

    expect(chat.assign('agent-ann')).toBe(true);
    expect(
      chat.agentMessage('agent-ann', '你好，我是小安，这就帮你重置。', { entryIds: ['account.password'] }),
    ).toBe(true);
    chat.systemMessage({ kind: 'notice', text: '客服已发送重置链接' });
    chat.viewerMessage('收到，谢谢');
    expect(chat.close('agent-ann')).toBe(true);
    expect(chat.requestSatisfaction()).toBe(true);
    await live.hub.flushed(chat.id);

    const stored = await live.stored(chat.id);
    const restored = restoreConversationState(stored);

    expect(restored?.state).toBe('closed');
    expect(restored?.profile).toEqual(chat.profile);
    expect(restored?.liveContext).toEqual({});
    expect(restored?.transcript).toEqual(chat.transcript);
    expect(restored?.transcript.find((line) => line.turnId === spoken.turnId)).toMatchObject({
      text: '关于 ',
      channel: 'voice',
      interrupted: true,
      entryIds: ['account.password'],
    });
    expect(restored?.transcript.find((line) => line.turnId === stalled.turnId)).toMatchObject({
      text: '在登录页点',
      interrupted: true,
    });
    expect(restored?.handoffPacket).toEqual(packet);
    expect(restored?.handoffPacket).toEqual(chat.handoffPacket);
    expect(restored?.satisfaction).toBe('requested');
    // The packet holds what the policy knew before the escalating turn; the restore also has that turn.
    expect(restored?.angerByTurn).toEqual(packet.sentiment.angerByTurn);
    expect(restored?.attempts.slice(0, -1)).toEqual(packet.aiAttempts);
    expect(restored?.attempts.map((attempt) => attempt.question)).toEqual([
      '怎么充值金币',
      '忘记密码了怎么办',
      '等一下，明天巴黎天气怎么样',
      '怎么重置密码\n你是机器人吧，我要找真人客服',
    ]);
    expect(restored?.unfinishedTurnId).toBeUndefined();
    expect(restored?.lastSequence).toBe(stored.at(-1)?.sequence);
    expect(restored?.lastSequence).toBe(stored.length);
  });

  it('takes the survey on after a restart: asked once, rated once, and a reopen answers again', async () => {
    harness = await openHubHarness();
    const before = harness.startProcess();
    const chat = before.open();
    chat.viewerMessage('怎么充值金币');
    await before.waitFor('turn-end');
    chat.close('viewer-1');
    chat.requestSatisfaction();
    await before.hub.flushed();

    const after = harness.startProcess();
    const restored = await after.restore(chat.id);
    expect(restored?.state).toBe('closed');
    expect(restored?.requestSatisfaction()).toBe(false);
    expect(restored?.rate({ score: 4, comment: '挺快的' })).toBe(true);
    expect(restored?.rate({ score: 1 })).toBe(false);

    restored?.viewerMessage('忘记密码了怎么办');
    const answer = await after.waitFor('answer-source');
    expect(answer.entryIds).toEqual(['account.password']);
    expect(restored?.state).toBe('ai');
    restored?.close('viewer-1');
    expect(restored?.requestSatisfaction()).toBe(true);
  });

  it('keeps the AI silent after a restart while an agent owns the conversation', async () => {
    harness = await openHubHarness();
    const before = harness.startProcess();
    const chat = before.open();
    chat.viewerMessage('转人工');
    await before.waitFor('handoff');
    await chat.idle();
    chat.assign('agent-ann');
    await before.hub.flushed();

    const after = harness.startProcess();
    const restored = await after.restore(chat.id);
    expect(restored?.state).toBe('human');
    restored?.viewerMessage('怎么充值金币');
    await restored?.idle();
    expect(after.events.map((event) => event.type)).toEqual(['viewer-message']);
    expect(restored?.agentMessage('agent-ann', '我在，请说')).toBe(true);
  });

  it('hands over on the second unanswered question even when a restart came between them', async () => {
    harness = await openHubHarness();
    const first = harness.startProcess();
    const steady = first.open();
    const restarted = first.open();
    for (const chat of [steady, restarted]) {
      chat.viewerMessage('what will the weather be like in Paris tomorrow');
      await chat.idle();
    }
    await first.hub.flushed();

    const second = harness.startProcess();
    const resumed = await second.restore(restarted.id);
    steady.viewerMessage('and who won the football game last night');
    resumed?.viewerMessage('and who won the football game last night');
    await Promise.all([steady.idle(), resumed?.idle()]);

    expect(steady.handoffPacket?.reasons).toEqual(['low_confidence']);
    expect(resumed?.state).toBe('pending_human');
    expect(story(resumed?.handoffPacket)).toEqual(story(steady.handoffPacket));
  });

  it('counts a question repeated after a restart as it would have counted without one', async () => {
    harness = await openHubHarness();
    const first = harness.startProcess();
    const steady = first.open();
    const restarted = first.open();
    for (const chat of [steady, restarted]) {
      chat.viewerMessage('忘记密码了怎么办');
      await chat.idle();
    }
    await first.hub.flushed();

    const second = harness.startProcess();
    const resumed = await second.restore(restarted.id);
    steady.viewerMessage('还是不行，忘记密码了怎么办');
    resumed?.viewerMessage('还是不行，忘记密码了怎么办');
    await Promise.all([steady.idle(), resumed?.idle()]);

    expect(steady.handoffPacket?.reasons).toContain('repetition');
    expect(story(resumed?.handoffPacket)).toEqual(story(steady.handoffPacket));
  });

  it('ends a turn the process died in as interrupted, with nothing known delivered', async () => {
    harness = await openHubHarness({ composer: createScriptedAnswerComposer(composerScript) });
    const dying = harness.startProcess();
    const chat = dying.open();
    chat.viewerMessage('怎么重置密码');
    const { turnId } = await dying.waitFor('text-delta');
    await dying.hub.flushed();

    const restored = restoreConversationState(await dying.stored(chat.id));
    expect(restored?.unfinishedTurnId).toBe(turnId);
    expect(restored?.transcript.map((line) => line.speaker)).toEqual(['viewer']);
    expect(restored?.attempts).toEqual([]);

    const after = harness.startProcess();
    const resumed = await after.restore(chat.id);
    expect(after.events).toEqual([{ type: 'turn-end', turnId, reason: 'interrupted', delivered: '' }]);
    await after.hub.flushed();
    expect(restoreConversationState(await after.stored(chat.id))?.unfinishedTurnId).toBeUndefined();
    resumed?.viewerMessage('怎么充值金币');
    const answer = await after.waitFor('answer-source');
    expect(answer.entryIds).toEqual(['coins.top-up']);
  });

  it('restores nothing from events without an opening', () => {
    expect(restoreConversationState([])).toBeUndefined();
    expect(
      restoreConversationState([
        {
          conversationId: 'c1',
          sequence: 1,
          at: '2026-06-01T12:00:00.000Z',
          event: { type: 'viewer-message', text: 'hi', channel: 'text', at: '2026-06-01T12:00:00.000Z' },
        },
      ]),
    ).toBeUndefined();
  });
});
