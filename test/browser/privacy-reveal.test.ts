import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';
import {
  DEMO_PASSWORD,
  logIn,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const LANGUAGES = [
  { language: 'en', name: 'Privacy Viewer', reason: 'contact-viewer', note: 'call back about the refund' },
  { language: 'zh', name: '隐私观众', reason: 'verify-identity', note: '观众要求核实身份' },
] as const;

/**
 * Issue 16 part 3: an agent sees a viewer's phone number masked, reveals it with a reason, and the admin's
 * audit tab shows who revealed what and why.
 */
describe.runIf(chromiumAvailable())('revealing masked personal data in the console in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const viewers: ViewerTestClient[] = [];

  beforeAll(async () => {
    server = await startWebTestServer({ LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0' });
    browser = await newBrowser();
  });
  afterAll(async () => {
    for (const viewer of viewers) await viewer.close();
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it.each(LANGUAGES)(
    'masks the phone number, reveals it with a reason, and audits it ($language)',
    { timeout: 120_000 },
    async ({ language, name, reason, note }) => {
      // A fresh context per language: staff sessions live in localStorage.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      contexts.push(context);
      const agent = await openPage(context, `${server.url}/console?lang=${language}`);
      await logIn(agent.page, 'agent');
      await agent.page.locator('#connection-state[data-state=open]').waitFor();

      const session = (await (
        await fetch(`${server.url}/api/viewer/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ roomId: 'demo-room', displayName: name, locale: language }),
        })
      ).json()) as { token: string };
      const viewer = await ViewerTestClient.connect(`${server.url.replace('http', 'ws')}/ws/viewer`);
      viewers.push(viewer);
      const { conversationId } = await viewer.join({ token: session.token, locale: language });
      // An admin marks it sensitive first: the agent who will hold it still opens it, and sees the badge.
      const adminToken = (
        (await (
          await fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
          })
        ).json()) as { token: string }
      ).token;
      const marked = await fetch(`${server.url}/api/conversations/${conversationId}/sensitive`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sensitive: true, note: 'private room' }),
      });
      expect(marked.status).toBe(200);
      viewer.send({ type: 'message', text: 'I want to talk to a human', clientMessageId: 'm-1' });

      const offered = agent.page.locator('#my-conversations .conversation-item', { hasText: name });
      await offered.waitFor();
      await offered.click();
      await agent.page.locator('#accept').click();
      await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
      await agent.page.locator('#sensitive-badge:not([hidden])').waitFor();
      // Marking is for supervisors and admins: an agent gets no button.
      expect(await agent.page.locator('#sensitive-toggle').isHidden()).toBe(true);

      viewer.send({
        type: 'message',
        text: `my phone is 13812345678, please call me`,
        clientMessageId: 'm-2',
      });
      const mask = agent.page.locator('#transcript .pii-mask[data-kind=phone]');
      await mask.waitFor();
      expect(await mask.textContent()).toBe('138****5678');
      expect(await agent.page.locator('#transcript').innerText()).not.toContain('13812345678');

      await mask.click();
      await agent.page.locator('#pii-reveal-dialog').waitFor();
      await agent.page.locator('#pii-reason').selectOption(reason);
      await agent.page.locator('#pii-note').fill(note);
      await screenshot(agent.page, `console-pii-reveal-dialog-${language}`);
      await agent.page.locator('#pii-reveal-confirm').click();
      const revealed = agent.page.locator('#transcript mark.pii-revealed[data-kind=phone]');
      await revealed.waitFor();
      expect(await revealed.textContent()).toBe('13812345678');
      await screenshot(agent.page, `console-pii-revealed-${language}`);
      expect(agent.problems).toEqual([]);
      await agent.page.close();

      const admin = await openPage(
        await browser.newContext({ viewport: { width: 1440, height: 900 } }).then((fresh) => {
          contexts.push(fresh);
          return fresh;
        }),
        `${server.url}/admin?lang=${language}`,
      );
      await logIn(admin.page, 'admin');
      await admin.page.locator('.tab[data-tab=audit]').click();
      await admin.page.locator('#audit-action').fill('conversation.pii');
      await admin.page.locator('#audit-form button[type=submit]').click();
      const row = admin.page.locator('#audit-rows tr', { hasText: note });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('conversation.pii.reveal');
      expect(text).toContain('agent');
      expect(text).toContain(language === 'zh' ? '核实身份' : 'contact the viewer');
      expect(text).toContain('phone');
      expect(text).not.toContain('13812345678');
      await screenshot(admin.page, `admin-audit-pii-reveal-${language}`);
      expect(admin.problems).toEqual([]);
      await admin.page.close();
    },
  );
});
