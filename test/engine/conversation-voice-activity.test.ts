import { afterEach, describe, expect, it } from 'vitest';
import { openConversationHarness, type ConversationHarness } from '../support/conversation-harness.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from './conversation-fixtures.js';

let harness: ConversationHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function speakingAnswer(): Promise<{ chat: ConversationHarness; turnId: string }> {
  harness = await openConversationHarness({ entries: CONVERSATION_KNOWLEDGE, detectSignals: realSignals() });
  harness.conversation.viewerMessage('怎么充值金币', 'voice');
  const end = await harness.waitFor('turn-end');
  harness.conversation.playback({ state: 'speaking', playedChars: 4 });
  return { chat: harness, turnId: end.turnId };
}

describe('barge-in from the viewer’s sound (voice activity)', () => {
  it('pauses the answer the moment speech starts, before any words', async () => {
    const { chat, turnId } = await speakingAnswer();
    const before = chat.events.length;
    chat.conversation.viewerVoiceActivity('start');
    expect(chat.events.slice(before)).toEqual([{ type: 'speech-stop', turnId }]);
    // Still speaking: a second start (a new segment) stops nothing twice.
    chat.conversation.viewerVoiceActivity('start');
    expect(chat.events).toHaveLength(before + 1);
  });

  it('resumes at once when the recogniser hears a backchannel or a cough', async () => {
    const { chat, turnId } = await speakingAnswer();
    for (const heard of [
      { text: '嗯', durationMs: 350 },
      { text: 'uh-huh', durationMs: 500 },
      { text: '', durationMs: 180 },
    ]) {
      const before = chat.events.length;
      chat.conversation.viewerVoiceActivity('start');
      chat.conversation.viewerVoiceActivity('end');
      chat.conversation.voiceTranscript({ ...heard, final: true });
      expect(chat.events.slice(before)).toEqual([
        { type: 'speech-stop', turnId },
        { type: 'speech-resume', turnId },
      ]);
    }
    expect(chat.events.filter((event) => event.type === 'turn-start')).toHaveLength(1);
  });

  it('resumes at once after a misfire, and after the timeout when no words follow the end', async () => {
    const { chat, turnId } = await speakingAnswer();
    chat.conversation.viewerVoiceActivity('start');
    chat.conversation.viewerVoiceActivity('misfire');
    expect(chat.events.at(-1)).toEqual({ type: 'speech-resume', turnId });

    chat.conversation.viewerVoiceActivity('start');
    // While the viewer talks no timer runs: a long sentence is not cut off by the false-interruption timeout.
    chat.scheduler.advance(5_000);
    expect(chat.events.at(-1)).toEqual({ type: 'speech-stop', turnId });
    chat.conversation.viewerVoiceActivity('end');
    chat.scheduler.advance(1_999);
    expect(chat.events.at(-1)).toEqual({ type: 'speech-stop', turnId });
    chat.scheduler.advance(1);
    expect(chat.events.at(-1)).toEqual({ type: 'speech-resume', turnId });
  });

  it('takes words heard after the sound as an interruption and a new question', async () => {
    const { chat, turnId } = await speakingAnswer();
    chat.conversation.viewerVoiceActivity('start');
    chat.conversation.viewerVoiceActivity('end');
    chat.conversation.voiceTranscript({ text: '等一下，我忘记密码了怎么办', final: true, durationMs: 1800 });
    const answer = await chat.waitFor('answer-source', (event) => event.turnId !== turnId);
    expect(answer.entryIds).toEqual(['account.password']);
    expect(chat.conversation.transcript.find((line) => line.turnId === turnId)).toMatchObject({
      text: '进入 我',
      interrupted: true,
    });
    expect(chat.events.filter((event) => event.type === 'speech-resume')).toEqual([]);
    // The interruption is not undone by the false-interruption timer the end had set.
    chat.scheduler.advance(3_000);
    expect(chat.events.filter((event) => event.type === 'speech-resume')).toEqual([]);
  });

  it('does not pause an uninterruptible segment, and keeps words said over it for afterwards', async () => {
    harness = await openConversationHarness({
      entries: CONVERSATION_KNOWLEDGE,
      detectSignals: realSignals(),
    });
    const chat = harness;
    chat.conversation.viewerMessage('秒杀羽绒服多少钱', 'voice');
    const end = await chat.waitFor('turn-end');
    chat.conversation.playback({ state: 'speaking', uninterruptible: true });
    const before = chat.events.length;
    chat.conversation.viewerVoiceActivity('start');
    chat.conversation.viewerVoiceActivity('end');
    chat.conversation.voiceTranscript({ text: '忘记密码了怎么办', final: true, durationMs: 1200 });
    expect(chat.events.slice(before)).toEqual([]);
    chat.conversation.playback({ state: 'speaking', uninterruptible: false });
    const answer = await chat.waitFor('answer-source', (event) => event.turnId !== end.turnId);
    expect(answer.entryIds).toEqual(['account.password']);
  });

  it('ignores sound while the assistant is silent', async () => {
    harness = await openConversationHarness({
      entries: CONVERSATION_KNOWLEDGE,
      detectSignals: realSignals(),
    });
    harness.conversation.viewerVoiceActivity('start');
    harness.conversation.viewerVoiceActivity('end');
    expect(harness.events).toEqual([]);
  });
});
