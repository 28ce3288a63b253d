import { afterEach, describe, expect, it } from 'vitest';
import { openConversationHarness, type ConversationHarness } from '../support/conversation-harness.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from './conversation-fixtures.js';

let harness: ConversationHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function open(profile: { tier?: 'regular' | 'vip' } = {}): Promise<ConversationHarness> {
  harness = await openConversationHarness({
    entries: CONVERSATION_KNOWLEDGE,
    detectSignals: realSignals(),
    profile,
  });
  return harness;
}

describe('conversation without an LLM', () => {
  it('viewer asks how to top up; the assistant answers with the entry as written', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('金币在哪充值啊');
    const end = await chat.waitFor('turn-end');
    expect(end.reason).toBe('done');
    expect(chat.textOf(end.turnId)).toBe('进入 我的 > 钱包 > 充值，选择金额付款即可。');
    expect(await chat.waitFor('answer-source')).toMatchObject({
      entryIds: ['coins.top-up'],
      composer: 'entry',
    });
    expect(chat.conversation.state).toBe('ai');
    expect(chat.conversation.transcript.map((line) => [line.speaker, line.text])).toEqual([
      ['viewer', '金币在哪充值啊'],
      ['assistant', '进入 我的 > 钱包 > 充值，选择金额付款即可。'],
    ]);
  });

  it('viewer asks something two entries fit equally; the assistant offers both', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('how do I cancel');
    const clarify = await chat.waitFor('clarify');
    expect(
      clarify.options
        .slice(0, 2)
        .map((option) => option.entryId)
        .sort(),
    ).toEqual(['order.cancel', 'vip.cancel']);
    expect(chat.textOf(clarify.turnId)).toContain('Which of these do you mean?');
    expect(chat.conversation.state).toBe('ai');
  });

  it('viewer asks something the knowledge base does not cover; told plainly, no person paged on a first try', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('what will the weather be like in Paris tomorrow');
    const decline = await chat.waitFor('decline');
    await chat.waitFor('turn-end');
    expect(chat.textOf(decline.turnId)).toContain("Sorry, that's not something I can answer.");
    expect(chat.textOf(decline.turnId)).toContain('To talk to a person, reply "agent".');
    expect(chat.conversation.state).toBe('ai');

    chat.conversation.viewerMessage('and who won the football game last night');
    const handoff = await chat.waitFor('handoff');
    expect(handoff.packet.reasons, handoff.packet.details.join('; ')).toEqual(['low_confidence']);
    expect(chat.conversation.state).toBe('pending_human');
  });

  it('viewer asks for a real person; escalated with the full context', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('怎么充值金币');
    await chat.waitFor('turn-end');
    chat.conversation.viewerMessage('你是机器人吧，我要找真人客服');
    const { packet } = await chat.waitFor('handoff');
    expect(packet.reasons).toContain('human_request');
    expect(packet.team).toBe('support');
    expect(packet.transcript.map((line) => line.speaker)).toEqual(['viewer', 'assistant', 'viewer']);
    expect(packet.aiAttempts[0]).toMatchObject({ entryIds: ['coins.top-up'], question: '怎么充值金币' });
    expect(packet.summary.source).toBe('extractive');
    expect(packet.summary.text).toContain('怎么充值金币');
    expect(packet.viewer).toMatchObject({ viewerId: 'viewer-1', tier: 'regular', locale: 'zh' });
    expect(packet.liveContext).toEqual({ roomId: 'room-1' });
    const change = await chat.waitFor('state-change', (event) => event.to === 'pending_human');
    expect(change.reason).toContain('human_request');
  });

  it('an angry viewer goes to the complaints team at once, without a canned answer first', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('你们这什么垃圾平台！！！充值了金币不到账，气死我了！退钱！');
    const { packet, turnId } = await chat.waitFor('handoff');
    expect(packet.reasons).toContain('anger');
    expect(packet.team).toBe('complaints');
    expect(packet.priority).toBe('high');
    expect(packet.sentiment.angerByTurn.at(-1)).toBeGreaterThan(0.5);
    expect(chat.textOf(turnId)).not.toContain('钱包');
  });

  it('a parent reporting a child’s spending is handed to finance without an FAQ answer beside it', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('我孩子偷偷充值了3000元，未成年人充值怎么退款');
    const { packet, turnId } = await chat.waitFor('handoff');
    expect(packet.reasons).toContain('sensitive');
    expect(packet.details.join(' ')).toContain('minor_spending');
    expect(packet.team).toBe('finance');
    await chat.waitFor('turn-end', (event) => event.turnId === turnId);
    expect(chat.textOf(turnId)).toBe('');
  });

  it('"转人工" gets a person and nothing else: no FAQ entry about reaching support beside it', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('转人工');
    const { turnId } = await chat.waitFor('handoff');
    const end = await chat.waitFor('turn-end', (event) => event.turnId === turnId);
    expect(end.delivered).toBe('');
    expect(chat.events.some((event) => event.type === 'answer-source')).toBe(false);
  });

  it('a viewer who says the answer did not help is handed over for repetition', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('忘记密码了怎么办');
    await chat.waitFor('turn-end');
    chat.conversation.viewerMessage('还是不行，没用，忘记密码了怎么办');
    const { packet } = await chat.waitFor('handoff');
    expect(packet.reasons).toContain('repetition');
  });

  it('a VIP who gets no answer reaches the VIP team on the first try', async () => {
    const chat = await open({ tier: 'vip' });
    chat.conversation.viewerMessage('what will the weather be like in Paris tomorrow');
    const { packet } = await chat.waitFor('handoff');
    expect(packet).toMatchObject({ reasons: ['low_confidence'], team: 'vip-care', priority: 'high' });
  });

  it('once an agent owns the conversation the AI stays silent until handed back', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('转人工');
    await chat.waitFor('handoff');
    await chat.conversation.idle();
    expect(chat.conversation.assign('agent-ann')).toBe(true);
    expect(chat.conversation.agentMessage('agent-ann', '你好，我是小安，请问有什么可以帮你？')).toBe(true);
    const turnsBefore = chat.events.filter((event) => event.type === 'turn-start').length;
    chat.conversation.viewerMessage('怎么充值金币');
    await chat.waitFor('viewer-message', (event) => event.text === '怎么充值金币');
    expect(chat.events.filter((event) => event.type === 'turn-start')).toHaveLength(turnsBefore);

    // Handed back: the viewer is told, and the question the person left unanswered is answered now.
    expect(chat.conversation.handBack('agent-ann')).toBe(true);
    const notice = await chat.waitFor('system-message', (event) => event.kind === 'notice');
    expect(notice.text).toContain('AI 助手');
    const pending = await chat.waitFor('answer-source');
    expect(pending.entryIds).toEqual(['coins.top-up']);
    await chat.conversation.idle();
    const from = chat.events.length;
    chat.conversation.viewerMessage('忘记密码了怎么办');
    const answer = await chat.waitFor('answer-source', undefined, from);
    expect(answer.entryIds).toEqual(['account.password']);
    expect(
      chat.events
        .filter((event) => event.type === 'state-change')
        .map((event) => `${event.from}>${event.to}`),
    ).toEqual(['ai>pending_human', 'pending_human>human', 'human>ai']);
  });

  it('after a person handled it, asking again is a fresh start, not a repetition that sends the viewer back', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('怎么充值金币');
    await chat.waitFor('turn-end');
    chat.conversation.viewerMessage('还是不行，没用，怎么充值金币，转人工');
    await chat.waitFor('handoff');
    await chat.conversation.idle();
    chat.conversation.assign('agent-ann');
    chat.conversation.agentMessage('agent-ann', '我帮你看了，已经处理好了');
    chat.conversation.handBack('agent-ann');
    await chat.conversation.idle();
    const from = chat.events.length;
    chat.conversation.viewerMessage('怎么充值金币');
    const answer = await chat.waitFor('answer-source', undefined, from);
    expect(answer.entryIds).toEqual(['coins.top-up']);
    await chat.conversation.idle();
    expect(chat.events.slice(from).some((event) => event.type === 'handoff')).toBe(false);
    expect(chat.conversation.state).toBe('ai');
  });

  it('a closed conversation reopens when the viewer writes again', async () => {
    const chat = await open();
    chat.conversation.viewerMessage('怎么充值金币');
    await chat.waitFor('turn-end');
    chat.conversation.close('viewer-1');
    chat.conversation.viewerMessage('忘记密码了怎么办');
    await chat.waitFor('answer-source', (event) => event.entryIds[0] === 'account.password');
    expect(chat.events.filter((event) => event.type === 'state-change').map((event) => event.to)).toEqual([
      'closed',
      'ai',
    ]);
  });
});
