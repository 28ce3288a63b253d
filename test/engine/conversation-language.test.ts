import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CANNED_REPLIES } from '../../engine/conversation/canned-replies.js';
import type { ComposeRequest } from '../../engine/ports.js';
import type { EntryInput } from '../../knowledge/entry.js';
import { openConversationHarness, type ConversationHarness } from '../support/conversation-harness.js';
import { openHubHarness, type HubHarness } from '../support/conversation-hub-harness.js';
import { createScriptedAnswerComposer } from '../support/scripted-answer-composer.js';
import { CONVERSATION_KNOWLEDGE, realSignals } from './conversation-fixtures.js';

const LANGUAGE_KNOWLEDGE: EntryInput[] = [
  ...CONVERSATION_KNOWLEDGE,
  {
    id: 'account.banned',
    locale: 'zh',
    questions: ['账号被封了怎么办', '我的账号为什么被封'],
    answer: '请在软件里打开 我的 > 帮助 > 账号申诉，提交后 24 小时内处理。',
  },
  {
    id: 'coins.not-arrived',
    locale: 'zh',
    questions: ['储值没到账', '充值了金币没到账怎么办'],
    answer: '充值后金币一般 5 分钟内到账，超过 30 分钟请联系客服。',
  },
];

let harness: ConversationHarness | undefined;
let hubHarness: HubHarness | undefined;
afterEach(async () => {
  await harness?.close();
  await hubHarness?.close();
  harness = undefined;
  hubHarness = undefined;
});

/** A conversation on a page whose UI is in `pageLocale`. */
async function open(
  pageLocale: string,
  options: { composer?: ReturnType<typeof createScriptedAnswerComposer> } = {},
): Promise<ConversationHarness> {
  harness = await openConversationHarness({
    entries: LANGUAGE_KNOWLEDGE,
    detectSignals: realSignals(),
    profile: { locale: pageLocale },
    ...(options.composer ? { composer: options.composer } : {}),
  });
  return harness;
}

/** The viewer writes; resolves to everything the assistant said back in that turn. */
async function say(chat: ConversationHarness, text: string): Promise<string> {
  const from = chat.events.length;
  chat.conversation.viewerMessage(text);
  const end = await chat.waitFor('turn-end', undefined, from);
  return chat.textOf(end.turnId);
}

describe('answers follow the language the viewer writes in, not the page', () => {
  it('a viewer on a Chinese page who writes English is answered in English', async () => {
    const chat = await open('zh');
    expect(await say(chat, 'how do I top up coins')).toBe('Go to Me > Wallet > Top up and pay.');
    expect(chat.conversation.language).toBe('en');
  });

  it('a viewer on an English page who writes Chinese is answered in Chinese', async () => {
    const chat = await open('en');
    expect(await say(chat, '金币在哪充值啊')).toBe('进入 我的 > 钱包 > 充值，选择金额付款即可。');
    expect(chat.conversation.language).toBe('zh');
  });

  it('switches with every message the viewer writes', async () => {
    const chat = await open('en');
    expect(await say(chat, 'how do I top up coins')).toBe('Go to Me > Wallet > Top up and pay.');
    expect(await say(chat, '忘记密码了怎么办')).toBe('在登录页点“忘记密码”，用手机验证码重置。');
    expect(await say(chat, 'I forgot my password')).toBe('Tap "Forgot password" on the login page.');
  });

  it('"ok", "666" and emoji say nothing of the language: the conversation keeps English', async () => {
    const chat = await open('zh');
    expect(await say(chat, 'I forgot my password')).toBe('Tap "Forgot password" on the login page.');
    expect(await say(chat, 'ok')).toContain("Sorry, that's not something I can answer.");
    expect(chat.conversation.language).toBe('en');
    chat.conversation.viewerMessage('666');
    const { packet } = await chat.waitFor('handoff');
    // The agent is told the language the viewer writes in, not the page's.
    expect(packet.viewer.locale).toBe('en');
    chat.conversation.viewerMessage('👍👍');
    expect(chat.conversation.language).toBe('en');
  });

  it('a Traditional question is matched as Simplified and answered in Traditional, as the transcript keeps it', async () => {
    const chat = await open('zh');
    expect(await say(chat, '儲值沒到帳')).toBe('充值後金幣一般 5 分鐘內到帳，超過 30 分鐘請聯絡客服。');
    expect(await chat.waitFor('answer-source')).toMatchObject({ entryIds: ['coins.not-arrived'] });
    expect(await say(chat, '帳號被封了怎麼辦')).toBe(
      '請在軟體裡開啟 我的 > 幫助 > 帳號申訴，提交後 24 小時內處理。',
    );
    expect(chat.conversation.transcript.at(-1)).toMatchObject({
      speaker: 'assistant',
      text: '請在軟體裡開啟 我的 > 幫助 > 帳號申訴，提交後 24 小時內處理。',
    });
    // Words both scripts write alike keep the script the viewer was writing.
    await say(chat, '好的');
    expect(chat.conversation.language).toBe('zh-Hant');
  });

  it('the assistant’s own words follow too: a decline in Traditional, a hand-back notice in English', async () => {
    const chat = await open('zh');
    expect(await say(chat, '誰贏了昨晚的球賽')).toBe(
      '抱歉，這個問題我暫時回答不了。\n如需人工客服，請回復“轉人工”。',
    );
    await say(chat, 'how do I top up coins');
    chat.conversation.escalate('the viewer asked for a person');
    chat.conversation.assign('agent-ann');
    chat.conversation.handBack('agent-ann');
    expect(chat.conversation.transcript.at(-1)).toMatchObject({
      speaker: 'system',
      text: DEFAULT_CANNED_REPLIES.en!.handedBack,
    });
  });

  it('asks the composer for the viewer’s language when the entry is written in another', async () => {
    const requests: ComposeRequest[] = [];
    const composer = createScriptedAnswerComposer((request) => {
      requests.push(request);
      return [
        { type: 'text-delta', text: "Today's flash sale price is 199 yuan, one per person." },
        { type: 'citations', entryIds: ['flash-sale.price'] },
        { type: 'finish', reason: 'stop' },
      ];
    });
    const chat = await open('zh', { composer });
    // The flash-sale entry is written in Chinese only.
    expect(await say(chat, 'what is the flash sale price today')).toBe(
      "Today's flash sale price is 199 yuan, one per person.",
    );
    expect(requests.at(-1)?.locale).toBe('en');
    expect(requests.at(-1)?.entries[0]?.entry.id).toBe('flash-sale.price');
  });
});

describe('the conversation’s language after a restart', () => {
  it('is still the one the viewer wrote in before the process stopped', async () => {
    hubHarness = await openHubHarness({ entries: LANGUAGE_KNOWLEDGE });
    const before = hubHarness.startProcess();
    const chat = before.open({ locale: 'zh' });
    chat.viewerMessage('I forgot my password');
    await before.waitFor('turn-end');
    await before.hub.flushed(chat.id);

    const after = hubHarness.startProcess();
    const restored = await after.restore(chat.id);
    expect(restored?.language).toBe('en');
    restored?.viewerMessage('ok');
    const end = await after.waitFor('turn-end');
    const said = after.events
      .filter((event) => event.type === 'text-delta' && event.turnId === end.turnId)
      .map((event) => (event.type === 'text-delta' ? event.text : ''))
      .join('');
    expect(said).toContain("Sorry, that's not something I can answer.");
  });
});
