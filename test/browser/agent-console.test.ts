import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  logIn,
  injectedMarker,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';

const LONG_WAIT_MS = 4000;
const ANGRY = "your support is useless, I've been waiting for days";
const HOSTILE = '<img src=x onerror="window.__xss = 1">still there?';

async function askAsViewer(
  context: BrowserContext,
  url: string,
  name: string,
  text: string,
): Promise<WatchedPage> {
  const viewer = await openPage(context, `${url}/viewer?room=demo-room&lang=en&name=${name}`);
  await viewer.page.locator('#composer[data-joined=true]').waitFor();
  await viewer.page.locator('#message-input').fill(text);
  await viewer.page.locator('#send-button').click();
  return viewer;
}

async function openConsole(context: BrowserContext, url: string, username: string): Promise<WatchedPage> {
  const agent = await openPage(context, `${url}/console`);
  await logIn(agent.page, username);
  await agent.page.locator('#connection-state[data-state=open]').waitFor();
  await expect.poll(() => agent.page.locator('#presence').inputValue()).toBe('online');
  return agent;
}

function item(page: Page, name: string) {
  return page.locator('#my-conversations .conversation-item', { hasText: name });
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
    expect(await banner.getAttribute('data-position')).toBe('1');
    expect(await banner.innerText()).toContain('number 1 in the queue');
    await expect
      .poll(() => viewer.page.locator('#conversation-state').innerText())
      .toBe('Waiting for a person');
    await viewer.page.locator('#message-input').fill(HOSTILE);
    await viewer.page.locator('#send-button').click();
    await expect.poll(() => viewer.page.locator('.message.viewer.pending').count()).toBe(0);
    await screenshot(viewer.page, 'viewer-queued');

    await agent.page.locator('#presence').selectOption('online');
    const offered = item(agent.page, 'Mia');
    await offered.waitFor();
    expect(await offered.getAttribute('class')).not.toContain('long-wait');
    await expect
      .poll(() => offered.getAttribute('class'), { timeout: LONG_WAIT_MS + 5000 })
      .toContain('long-wait');
    expect(await offered.locator('.wait').innerText()).toMatch(/^0:0[4-9]$/);

    await offered.click();
    await expect.poll(() => agent.page.locator('#handoff-summary').innerText()).toContain(ANGRY);
    expect(await agent.page.locator('#handoff-reasons').innerText()).toContain('angry');
    expect(await agent.page.locator('#sentiment').innerText()).toContain('anger');
    expect(await agent.page.locator('#profile-fields').innerText()).toContain('demo-room');
    const transcript = agent.page.locator('#transcript');
    await expect.poll(() => transcript.innerText()).toContain(HOSTILE);
    expect(await transcript.locator('img').count()).toBe(0);
    await screenshot(agent.page, 'console-offered-red');

    await agent.page.locator('#accept').click();
    await expect.poll(() => agent.page.locator('#conversation-status').innerText()).toBe('active');
    await expect.poll(() => agent.page.locator('#reply-text').isEnabled()).toBe(true);
    await agent.page
      .locator('#reply-text')
      .fill('Sorry for the wait, Mia. I am looking at your account now.');
    await agent.page.locator('#reply-send').click();

    const reply = viewer.page.locator('.message.agent').last();
    await expect.poll(() => reply.innerText()).toContain('Sorry for the wait, Mia.');
    expect(await reply.locator('.author').innerText()).toContain('Agent');
    await expect.poll(() => viewer.page.locator('#conversation-state').innerText()).toBe('With an agent');
    expect(await viewer.page.locator('#queue-banner').isVisible()).toBe(false);
    await expect.poll(() => transcript.innerText()).toContain('Sorry for the wait, Mia.');

    await agent.page.locator('#close').click();
    const rating = viewer.page.locator('#rating-panel');
    await rating.waitFor({ state: 'visible' });
    await expect.poll(() => viewer.page.locator('#conversation-state').innerText()).toBe('Closed');
    await screenshot(viewer.page, 'viewer-rating');
    await rating.locator('label', { hasText: '4' }).click();
    await rating.locator('textarea').fill('quick once someone came');
    await rating.locator('button[type=submit]').click();
    await rating.waitFor({ state: 'hidden' });
    await expect
      .poll(() => viewer.page.locator('#messages').innerText())
      .toContain('Thanks for rating us 4/5.');
    await expect.poll(() => transcript.innerText()).toContain('Rated 4/5: “quick once someone came”');
    await screenshot(agent.page, 'console-closed');

    expect(await injectedMarker(viewer.page)).toBeUndefined();
    expect(await injectedMarker(agent.page)).toBeUndefined();
    expect(viewer.problems).toEqual([]);
    expect(agent.problems).toEqual([]);
  });

  it(
    'answers with a knowledge entry and a quick reply, makes a ticket and hands back to the AI',
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
      expect(await agent.page.locator('#handoff-reasons').innerText()).toContain('asked for a person');
      await agent.page.locator('#accept').click();
      await expect.poll(() => agent.page.locator('#reply-text').isEnabled()).toBe(true);

      await agent.page.locator('#knowledge-query').fill('top up coins');
      await agent.page.locator('#knowledge-search button').click();
      const insert = agent.page.locator('#knowledge-results button[data-entry-id="coins.top-up"]');
      await insert.click();
      await expect
        .poll(() => agent.page.locator('#reply-text').inputValue())
        .toContain('Go to Me > Wallet > Top Up');
      expect(await agent.page.locator('#reply-entries').innerText()).toContain('coins.top-up');
      await screenshot(agent.page, 'console-knowledge-insert');
      await agent.page.locator('#reply-send').click();
      await expect
        .poll(() => viewer.page.locator('.message.agent').last().innerText())
        .toContain('Go to Me > Wallet > Top Up');
      await expect
        .poll(() => agent.page.locator('#transcript .line.agent').last().innerText())
        .toContain('entry coins.top-up');
      expect(await agent.page.locator('#reply-entries').innerText()).toBe('');

      await expect.poll(() => agent.page.locator('#quick-replies option').count()).toBeGreaterThan(1);
      await agent.page.locator('#quick-replies').selectOption('demo.greeting.en');
      await expect
        .poll(() => agent.page.locator('#reply-text').inputValue())
        .toBe("Hi Leo, I'm Ada Agent from support. How can I help you today?");
      await agent.page.locator('#reply-send').click();
      await expect.poll(() => viewer.page.locator('.message.agent').last().innerText()).toContain('Hi Leo');

      await agent.page.locator('#create-ticket').click();
      await expect.poll(() => agent.page.locator('#ticket').innerText()).toMatch(/open/);
      expect(await agent.page.locator('#status-line').innerText()).toMatch(/Ticket .+ created/);

      await agent.page.locator('#hand-back').click();
      await expect.poll(() => viewer.page.locator('#conversation-state').innerText()).toBe('AI assistant');
      await expect.poll(() => agent.page.locator('#conversation-status').innerText()).toContain('released');
      expect(await agent.page.locator('#reply-text').isEnabled()).toBe(false);

      expect(viewer.problems).toEqual([]);
      expect(agent.problems).toEqual([]);
    },
  );

  it('escalates a conversation to the supervisor with a note', { timeout: 90_000 }, async () => {
    const agent = await openConsole(agentContext, server.url, 'agent2');
    const supervisorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      await askAsViewer(viewerContext, server.url, 'Kai', 'can I speak to a human');
      const offered = item(agent.page, 'Kai');
      await offered.waitFor();
      await offered.click();
      await agent.page.locator('#accept').click();
      await expect.poll(() => agent.page.locator('#conversation-status').innerText()).toBe('active');
      const supervisor = await openConsole(supervisorContext, server.url, 'supervisor');

      await agent.page.locator('#escalate').click();
      await agent.page.locator('#action-note').fill('asks for a goodwill refund');
      await agent.page.locator('#action-submit').click();
      await expect.poll(() => agent.page.locator('#status-line').innerText()).toBe('escalate: done');

      const escalated = item(supervisor.page, 'Kai');
      await escalated.waitFor();
      await escalated.click();
      await expect
        .poll(() => supervisor.page.locator('#transfer-notes').innerText())
        .toContain('Escalated by Ben Agent to team supervisor: “asks for a goodwill refund”');
      await screenshot(supervisor.page, 'console-escalated');
      expect(supervisor.problems).toEqual([]);
    } finally {
      await supervisorContext.close();
    }
    expect(agent.problems).toEqual([]);
  });
});
