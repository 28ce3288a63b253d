import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  logIn,
  injectedMarker,
  newBrowser,
  openPage,
  readLocalStorage,
  screenshot,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const LONG_WAIT_MS = 4000;
const ANGRY = "your support is useless, I've been waiting for days";
const HOSTILE = '<img src=x onerror="window.__xss = 1">still there?';

async function openViewer(
  context: BrowserContext,
  url: string,
  name: string,
  language: 'en' | 'zh' = 'en',
): Promise<WatchedPage> {
  const viewer = await openPage(
    context,
    `${url}/viewer?room=demo-room&lang=${language}&name=${encodeURIComponent(name)}`,
  );
  await viewer.page.locator('#composer[data-joined=true]').waitFor();
  return viewer;
}

/** Sends a message and waits until the server acknowledged it (viewers may send 5 a second). */
async function say(viewer: WatchedPage, text: string): Promise<void> {
  await viewer.page.locator('#message-input').fill(text);
  await viewer.page.locator('#send-button').click();
  await expect.poll(() => viewer.page.locator('.message.viewer.pending').count(), WAIT).toBe(0);
}

async function askAsViewer(
  context: BrowserContext,
  url: string,
  name: string,
  text: string,
  language: 'en' | 'zh' = 'en',
): Promise<WatchedPage> {
  const viewer = await openViewer(context, url, name, language);
  await say(viewer, text);
  return viewer;
}

async function openConsole(context: BrowserContext, url: string, username: string): Promise<WatchedPage> {
  const agent = await openPage(context, `${url}/console`);
  await logIn(agent.page, username);
  await agent.page.locator('#connection-state[data-state=open]').waitFor();
  await expect.poll(() => agent.page.locator('#presence').inputValue(), WAIT).toBe('online');
  return agent;
}

function item(page: Page, name: string) {
  return page.locator('#my-conversations .conversation-item', { hasText: name });
}

/** Accepts the conversation offered for `name` and waits until the reply box is open. */
async function take(agent: WatchedPage, name: string): Promise<void> {
  const offered = item(agent.page, name);
  await offered.waitFor();
  await offered.click();
  await agent.page.locator('#accept').click();
  await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
}

/** The transcript's scroll box (tests run without DOM types, hence the narrow shape). */
interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

function scrollTop(page: Page): Promise<number> {
  return page
    .locator('#conversation-body')
    .evaluate((element) => (element as unknown as ScrollBox).scrollTop);
}

function scrollToTop(page: Page): Promise<number> {
  return page
    .locator('#conversation-body')
    .evaluate((element) => ((element as unknown as ScrollBox).scrollTop = 0));
}

function distanceFromBottom(page: Page): Promise<number> {
  return page.locator('#conversation-body').evaluate((element) => {
    const box = element as unknown as ScrollBox;
    return box.scrollHeight - box.scrollTop - box.clientHeight;
  });
}

describe.runIf(chromiumAvailable())('agent console with the viewer demo in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let viewerContext: BrowserContext;
  let agentContext: BrowserContext;

  beforeAll(async () => {
    // Closing a console takes its agent offline at once, so each test routes only to whom it logs in.
    server = await startWebTestServer({
      LIVEDESK_LONG_WAIT_MS: String(LONG_WAIT_MS),
      LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0',
    });
    browser = await newBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  });

  afterEach(async () => {
    await viewerContext.close();
    await agentContext.close();
  });

  it('takes an angry viewer from the queue to a rating', { timeout: 90_000 }, async () => {
    // The complaints team (the demo supervisor) is away when the viewer gets angry.
    const agent = await openConsole(agentContext, server.url, 'supervisor');
    await agent.page.locator('#presence').selectOption('away');

    const viewer = await askAsViewer(viewerContext, server.url, 'Mia', ANGRY);
    const banner = viewer.page.locator('#queue-banner');
    await banner.waitFor({ state: 'visible' });
    await expect.poll(() => banner.getAttribute('data-position'), WAIT).toBe('1');
    await expect
      .poll(() => viewer.page.locator('#conversation-state').innerText(), WAIT)
      .toBe('Waiting for a person');
    await viewer.page.locator('#message-input').fill(HOSTILE);
    await viewer.page.locator('#send-button').click();
    await expect.poll(() => viewer.page.locator('.message.viewer.pending').count(), WAIT).toBe(0);
    await screenshot(viewer.page, 'viewer-queued');

    // Queued viewers are shown by name with the reason for their lane, never by viewer id.
    const queued = agent.page.locator('#queue-list .conversation-item').first();
    await expect.poll(() => queued.innerText(), WAIT).toContain('Mia');
    expect(await agent.page.locator('#queue-list').innerText()).not.toContain('viewer-');
    await expect.poll(() => queued.locator('.item-why').innerText(), WAIT).toContain('angry');

    await agent.page.locator('#presence').selectOption('online');
    const offered = item(agent.page, 'Mia');
    await offered.waitFor();
    expect(await offered.getAttribute('class')).not.toContain('long-wait');
    await expect
      .poll(() => offered.getAttribute('class'), { timeout: LONG_WAIT_MS + 5000 })
      .toContain('long-wait');
    expect(await offered.locator('.wait').innerText()).toMatch(/^0:0[4-9]$/);

    await offered.click();
    await expect.poll(() => agent.page.locator('#handoff-summary').innerText(), WAIT).toContain(ANGRY);
    await expect.poll(() => agent.page.locator('#handoff-reasons').innerText(), WAIT).toContain('angry');
    await expect.poll(() => agent.page.locator('#sentiment').innerText(), WAIT).toContain('anger');
    await expect.poll(() => agent.page.locator('#profile-fields').innerText(), WAIT).toContain('demo-room');
    await expect.poll(() => agent.page.locator('#conversation-why').innerText(), WAIT).toContain('angry');
    const transcript = agent.page.locator('#transcript');
    await expect.poll(() => transcript.innerText(), WAIT).toContain(HOSTILE);
    expect(await transcript.locator('img').count()).toBe(0);
    await expect
      .poll(() => transcript.innerText(), WAIT)
      .toContain('Handed to a person: the viewer is angry');
    expect(await transcript.innerText()).not.toContain('pending_human');
    await screenshot(agent.page, 'console-offered-red');

    await agent.page.locator('#accept').click();
    await expect.poll(() => agent.page.locator('#conversation-status').innerText(), WAIT).toBe('active');
    await expect.poll(() => transcript.innerText(), WAIT).toContain('Sam Supervisor joined');
    await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
    await agent.page
      .locator('#reply-text')
      .fill('Sorry for the wait, Mia. I am looking at your account now.');
    await agent.page.locator('#reply-send').click();

    const reply = viewer.page.locator('.message.agent').last();
    await expect.poll(() => reply.innerText(), WAIT).toContain('Sorry for the wait, Mia.');
    await expect
      .poll(() => viewer.page.locator('#conversation-state').innerText(), WAIT)
      .toBe('With an agent');
    await expect.poll(() => viewer.page.locator('#queue-banner').isVisible(), WAIT).toBe(false);
    await expect.poll(() => transcript.innerText(), WAIT).toContain('Sorry for the wait, Mia.');

    await agent.page.locator('#close').click();
    const rating = viewer.page.locator('#rating-panel');
    await rating.waitFor({ state: 'visible' });
    await expect.poll(() => viewer.page.locator('#conversation-state').innerText(), WAIT).toBe('Closed');
    await screenshot(viewer.page, 'viewer-rating');
    await rating.locator('label', { hasText: '4' }).click();
    await rating.locator('textarea').fill('quick once someone came');
    await rating.locator('button[type=submit]').click();
    await rating.waitFor({ state: 'hidden' });
    await expect.poll(() => transcript.innerText(), WAIT).toContain('Rated 4/5: “quick once someone came”');
    // One line for the close, whether the desk's release or the state change told it.
    expect((await transcript.innerText()).match(/^Closed$/gm)).toHaveLength(1);
    await screenshot(agent.page, 'console-closed');

    expect(await injectedMarker(viewer.page)).toBeUndefined();
    expect(await injectedMarker(agent.page)).toBeUndefined();
    expect(viewer.problems).toEqual([]);
    expect(agent.problems).toEqual([]);
  });

  it(
    'answers with a matched knowledge entry and a typed quick reply, routes a ticket to finance and hands back',
    { timeout: 90_000 },
    async () => {
      const agent = await openConsole(agentContext, server.url, 'agent');
      const viewer = await askAsViewer(
        viewerContext,
        server.url,
        'Leo',
        'I want to talk to a real person please',
      );
      const offered = item(agent.page, 'Leo');
      await offered.waitFor();
      await offered.click();
      await expect
        .poll(() => agent.page.locator('#handoff-reasons').innerText(), WAIT)
        .toContain('asked for a person');
      await agent.page.locator('#accept').click();
      await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
      const transcript = agent.page.locator('#transcript');
      await expect.poll(() => transcript.innerText(), WAIT).toContain('Ada Agent joined');
      await expect
        .poll(() => transcript.innerText(), WAIT)
        .toContain('Handed to a person: the viewer asked for one');

      // The viewer-side matcher, with its confidence: literal search found nothing for this.
      await agent.page.locator('#knowledge-query').fill('充值没到账');
      await agent.page.locator('#knowledge-search button').click();
      const best = agent.page.locator('#knowledge-results .knowledge-result').first();
      await best.waitFor();
      expect(await best.locator('button').getAttribute('data-entry-id')).toBe('coins.top-up-not-arrived');
      expect(await best.locator('.badge.confidence').innerText()).toMatch(/^\d{1,3}% match$/);
      await best.locator('button').click();
      await expect
        .poll(() => agent.page.locator('#reply-entries').innerText(), WAIT)
        .toContain('coins.top-up-not-arrived');
      await expect.poll(() => agent.page.locator('#reply-text').inputValue(), WAIT).toMatch(/[A-Za-z]/);
      await screenshot(agent.page, 'console-knowledge-insert');
      await agent.page.locator('#reply-send').click();
      await expect
        .poll(() => agent.page.locator('#transcript .line.agent').last().innerText(), WAIT)
        .toContain('entry coins.top-up-not-arrived');
      await expect.poll(() => agent.page.locator('#reply-entries').innerText(), WAIT).toBe('');

      // Quick replies by typing: `/` lists them (nothing used yet: by shortcut), `/hi` + Tab inserts.
      const reply = agent.page.locator('#reply-text');
      const menu = agent.page.locator('#quick-reply-menu');
      await reply.pressSequentially('/');
      await menu.waitFor();
      expect(await menu.locator('[role=option]').first().getAttribute('data-shortcut')).toBe('/bye');
      await reply.pressSequentially('hi');
      await expect.poll(() => menu.locator('[role=option]').count(), WAIT).toBe(1);
      await reply.press('Tab');
      await expect
        .poll(() => reply.inputValue(), WAIT)
        .toBe("Hi Leo, I'm Ada Agent from support. How can I help you today?");
      await expect.poll(() => menu.isVisible(), WAIT).toBe(false);
      await agent.page.locator('#reply-send').click();
      await expect
        .poll(() => viewer.page.locator('.message.agent').last().innerText(), WAIT)
        .toContain('Hi Leo');
      // Used once, `/hi` now leads the list; arrows move, Enter inserts, nothing is sent by Enter.
      await reply.pressSequentially('/');
      await expect
        .poll(() => menu.locator('[role=option]').first().getAttribute('data-shortcut'), WAIT)
        .toBe('/hi');
      await reply.press('ArrowDown');
      await expect.poll(() => menu.locator('.highlighted').getAttribute('data-shortcut'), WAIT).toBe('/bye');
      await reply.press('Enter');
      await expect
        .poll(() => reply.inputValue(), WAIT)
        .toBe(
          'Thanks for your patience, Leo! Reach out any time. You will be asked to rate this chat in a moment. Enjoy the stream!',
        );
      await reply.fill('');

      // The conversation's ticket, routed to another department with a note, commented, in words.
      await agent.page.locator('#create-ticket').click();
      await expect.poll(() => agent.page.locator('#ticket').innerText(), WAIT).toMatch(/open/);
      await expect
        .poll(() => agent.page.locator('#status-line').innerText(), WAIT)
        .toMatch(/Ticket .+ created/);
      await expect
        .poll(() => agent.page.locator('#ticket .countdown-ticket').innerText(), WAIT)
        .toMatch(/^due in /);
      await agent.page.locator('#ticket-department').selectOption('finance');
      await agent.page.locator('#ticket-save').click();
      await expect
        .poll(() => agent.page.locator('#status-line').innerText(), WAIT)
        .toBe('Write a note for the receiving department first.');
      await agent.page.locator('#ticket-note').fill('double charge, please refund');
      await agent.page.locator('#ticket-assignee').selectOption({ label: 'Ada Agent' });
      await agent.page.locator('#ticket-save').click();
      const history = agent.page.locator('#ticket-history');
      await expect
        .poll(() => history.innerText(), WAIT)
        .toContain('Ada Agent handed it from General to Finance');
      await expect.poll(() => history.innerText(), WAIT).toContain('double charge, please refund');
      await expect.poll(() => history.innerText(), WAIT).toContain('Ada Agent assigned it to Ada Agent');
      await expect.poll(() => agent.page.locator('#ticket').innerText(), WAIT).toContain('Finance');
      await agent.page.locator('#ticket-comment').fill('bank confirmed the second charge');
      await agent.page.locator('#ticket-comment-add').click();
      await expect.poll(() => history.innerText(), WAIT).toContain('Ada Agent commented');
      await expect.poll(() => history.innerText(), WAIT).toContain('bank confirmed the second charge');
      await agent.page.locator('#ticket-status').selectOption('pending');
      await agent.page.locator('#ticket-save').click();
      await expect
        .poll(() => history.innerText(), WAIT)
        .toContain('Ada Agent changed the status from open to pending');
      // The tickets list: mine, in finance.
      await agent.page.locator('#ticket-scope').selectOption('mine');
      await agent.page.locator('#ticket-filter-department').selectOption('finance');
      await expect.poll(() => agent.page.locator('#ticket-list').innerText(), WAIT).toContain('Finance');
      await screenshot(agent.page, 'console-ticket-en');

      await agent.page.locator('#hand-back').click();
      await expect
        .poll(() => viewer.page.locator('#conversation-state').innerText(), WAIT)
        .toBe('AI assistant');
      await expect
        .poll(() => agent.page.locator('#conversation-status').innerText(), WAIT)
        .toContain('released');
      await expect.poll(() => transcript.innerText(), WAIT).toContain('Handed back to the AI');
      await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(false);

      expect(viewer.problems).toEqual([]);
      expect(agent.problems).toEqual([]);
    },
  );

  it(
    'keeps the reader’s place and each conversation’s draft; switching clears search and forms',
    {
      timeout: 90_000,
    },
    async () => {
      const shortContext = await browser.newContext({ viewport: { width: 1440, height: 640 } });
      const otherViewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const agent = await openConsole(shortContext, server.url, 'agent');
        const ann = await askAsViewer(viewerContext, server.url, 'Ann', 'please connect me to a human agent');
        await take(agent, 'Ann');
        await askAsViewer(otherViewerContext, server.url, 'Bob', 'I need a real person');
        const bob = item(agent.page, 'Bob');
        await bob.waitFor();

        // Enough lines that the transcript scrolls.
        for (let index = 1; index <= 14; index++) await say(ann, `line ${index} of my long story`);
        await item(agent.page, 'Ann').click();
        await expect
          .poll(() => agent.page.locator('#transcript').innerText(), WAIT)
          .toContain('line 14 of my');
        await expect.poll(() => distanceFromBottom(agent.page), WAIT).toBeLessThan(40);

        // Reading the handoff card at the top: new lines do not pull the view down; a pill says they came.
        await scrollToTop(agent.page);
        await say(ann, 'are you still there?');
        await expect
          .poll(() => agent.page.locator('#transcript').innerText(), WAIT)
          .toContain('are you still there?');
        await agent.page.locator('#new-messages').waitFor();
        expect(await scrollTop(agent.page)).toBe(0);
        await screenshot(agent.page, 'console-new-messages');
        await agent.page.locator('#new-messages').click();
        await expect.poll(() => distanceFromBottom(agent.page), WAIT).toBeLessThan(40);
        await expect.poll(() => agent.page.locator('#new-messages').isVisible(), WAIT).toBe(false);
        // At the bottom, new lines are followed.
        await say(ann, 'thanks');
        await expect.poll(() => agent.page.locator('#transcript').innerText(), WAIT).toContain('thanks');
        await expect.poll(() => distanceFromBottom(agent.page), WAIT).toBeLessThan(40);

        // Per-conversation state: draft kept, search and forms reset.
        await agent.page.locator('#reply-text').fill('draft for Ann');
        await agent.page.locator('#knowledge-query').fill('refund');
        await agent.page.locator('#knowledge-search button').click();
        await agent.page.locator('#knowledge-results .knowledge-result').first().waitFor();
        await agent.page.locator('#transfer').click();
        await agent.page.locator('#action-note').fill('half-written note');

        await bob.click();
        await agent.page.locator('#accept').click();
        await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
        await expect.poll(() => agent.page.locator('#reply-text').inputValue(), WAIT).toBe('');
        await expect.poll(() => agent.page.locator('#knowledge-query').inputValue(), WAIT).toBe('');
        await expect.poll(() => agent.page.locator('#knowledge-results').isVisible(), WAIT).toBe(false);
        await expect.poll(() => agent.page.locator('#action-form').isVisible(), WAIT).toBe(false);
        await agent.page.locator('#reply-text').fill('draft for Bob');

        await item(agent.page, 'Ann').click();
        await expect.poll(() => agent.page.locator('#reply-text').inputValue(), WAIT).toBe('draft for Ann');
        await expect.poll(() => agent.page.locator('#knowledge-query').inputValue(), WAIT).toBe('');
        await expect.poll(() => agent.page.locator('#action-note').inputValue(), WAIT).toBe('');
        await item(agent.page, 'Bob').click();
        await expect.poll(() => agent.page.locator('#reply-text').inputValue(), WAIT).toBe('draft for Bob');

        for (const name of ['Bob', 'Ann']) {
          await item(agent.page, name).click();
          await agent.page.locator('#close').click();
          await expect
            .poll(() => agent.page.locator('#conversation-status').innerText(), WAIT)
            .toContain('released');
        }
        expect(agent.problems).toEqual([]);
      } finally {
        await otherViewerContext.close();
        await shortContext.close();
      }
    },
  );

  it('escalates a conversation to the supervisor, who sees names, not ids', { timeout: 90_000 }, async () => {
    const agent = await openConsole(agentContext, server.url, 'agent2');
    const supervisorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      await askAsViewer(viewerContext, server.url, 'Kai', 'can I speak to a human');
      await take(agent, 'Kai');
      await expect.poll(() => agent.page.locator('#conversation-status').innerText(), WAIT).toBe('active');
      const supervisor = await openConsole(supervisorContext, server.url, 'supervisor');

      // Held by others: the viewer and the agent by name.
      const held = supervisor.page.locator('#others-list .conversation-item', { hasText: 'Kai' });
      await held.waitFor();
      await expect.poll(() => held.innerText(), WAIT).toContain('Ben Agent');
      expect(await supervisor.page.locator('#others-list').innerText()).not.toMatch(/viewer-|[0-9a-f]{8}-/);
      await screenshot(supervisor.page, 'console-held-by-others');

      await agent.page.locator('#escalate').click();
      await agent.page.locator('#action-note').fill('asks for a goodwill refund');
      await agent.page.locator('#action-submit').click();
      await expect.poll(() => agent.page.locator('#status-line').innerText(), WAIT).toBe('escalate: done');

      const escalated = item(supervisor.page, 'Kai');
      await escalated.waitFor();
      await escalated.click();
      await expect
        .poll(() => supervisor.page.locator('#transfer-notes').innerText(), WAIT)
        .toContain('Escalated by Ben Agent to team supervisor: “asks for a goodwill refund”');
      await screenshot(supervisor.page, 'console-escalated');
      await supervisor.page.locator('#accept').click();
      await expect.poll(() => supervisor.page.locator('#close').isVisible(), WAIT).toBe(true);
      await supervisor.page.locator('#close').click();
      await expect
        .poll(() => supervisor.page.locator('#conversation-status').innerText(), WAIT)
        .toContain('released');
      expect(supervisor.problems).toEqual([]);
    } finally {
      await supervisorContext.close();
    }
    expect(agent.problems).toEqual([]);
  });

  it('speaks Chinese once chosen, and remembers the choice', { timeout: 90_000 }, async () => {
    const agent = await openPage(agentContext, `${server.url}/console`);
    expect(await agent.page.locator('#login-form button[type=submit]').innerText()).toBe('Log in');
    await agent.page.locator('#login-language button[data-language=zh]').click();
    await expect
      .poll(() => agent.page.locator('#login-form button[type=submit]').innerText(), WAIT)
      .toBe('登录');
    expect(await readLocalStorage(agent.page, 'livedesk.ui.language')).toBe('zh');
    await logIn(agent.page, 'agent2');
    await agent.page.locator('#connection-state[data-state=open]').waitFor();
    await expect.poll(() => agent.page.locator('#connection-state').innerText(), WAIT).toBe('● 已连接');
    await expect
      .poll(() => agent.page.locator('#empty-state').innerText(), WAIT)
      .toBe('请从左侧选择一个会话。');

    const viewer = await askAsViewer(viewerContext, server.url, '小美', '我要人工客服', 'zh');
    const offered = item(agent.page, '小美');
    await offered.waitFor();
    await expect.poll(() => offered.innerText(), WAIT).toContain('新会话：请接入');
    await offered.click();
    await expect.poll(() => agent.page.locator('#accept').innerText(), WAIT).toBe('接入');
    await expect.poll(() => agent.page.locator('#conversation-status').innerText(), WAIT).toBe('待接入');
    await expect.poll(() => agent.page.locator('#handoff-reasons').innerText(), WAIT).toContain('要求人工');
    await expect
      .poll(() => agent.page.locator('#transcript').innerText(), WAIT)
      .toContain('转人工：用户要求人工客服');
    await agent.page.locator('#accept').click();
    await expect
      .poll(() => agent.page.locator('#transcript').innerText(), WAIT)
      .toContain('客服 Ben Agent 已接入');
    await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);

    await agent.page.locator('#knowledge-query').fill('充值没到账');
    await agent.page.locator('#knowledge-search button').click();
    const best = agent.page.locator('#knowledge-results .knowledge-result').first();
    await best.waitFor();
    expect(await best.locator('.badge.confidence').innerText()).toMatch(/^置信度 \d{1,3}%$/);
    expect(await best.locator('button').innerText()).toBe('插入');
    await agent.page.locator('#create-ticket').click();
    await expect.poll(() => agent.page.locator('#ticket').innerText(), WAIT).toContain('待处理');
    await expect.poll(() => agent.page.locator('#ticket-history').innerText(), WAIT).toContain('创建了工单');
    await screenshot(agent.page, 'console-zh');

    await item(agent.page, '小美').click();
    await agent.page.locator('#close').click();
    await expect.poll(() => agent.page.locator('#transcript').innerText(), WAIT).toContain('会话已结束');
    await expect.poll(() => agent.page.locator('#conversation-status').innerText(), WAIT).toContain('已结单');
    await screenshot(agent.page, 'console-zh-closed');
    // The next visit of this browser: the choice was remembered.
    await agent.page.reload();
    await agent.page.locator('#connection-state[data-state=open]').waitFor();
    await expect.poll(() => agent.page.locator('#logout').innerText(), WAIT).toBe('退出登录');
    await expect.poll(() => agent.page.locator('html').getAttribute('lang'), WAIT).toBe('zh-CN');
    expect(viewer.problems).toEqual([]);
    expect(agent.problems).toEqual([]);
  });
});
