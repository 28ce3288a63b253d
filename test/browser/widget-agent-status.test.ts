import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerSession } from '../../sdk/src/index.js';
import { chromiumAvailable } from '../support/chromium.js';
import {
  DEMO_PASSWORD,
  logIn,
  newBrowser,
  openPage,
  readLocalStorage,
  screenshot,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';

const WAIT = { timeout: 20_000 };
/** The demo account `agent` (server/auth/seed-staff-accounts.ts). */
const AGENT_NAME = 'Ada Agent';

interface Language {
  lang: 'zh' | 'en';
  locale: string;
  person: string;
  typing: string;
  joined: string;
  /** Set: the agent first hands the conversation back, the viewer asks again, and the agent takes it again. */
  back?: string;
  closed: string;
  rateTitle: string;
  star4: string;
  thanks: string;
}

const LANGUAGES: Language[] = [
  {
    lang: 'zh',
    locale: 'zh-CN',
    person: '转人工',
    typing: '客服正在输入…',
    joined: `客服 ${AGENT_NAME} 已接入`,
    closed: '会话已结束',
    rateTitle: '请为本次服务评分',
    star4: '4 星',
    thanks: '感谢您的评价（4/5）',
  },
  {
    lang: 'en',
    locale: 'en-US',
    person: 'I want to talk to a person',
    typing: 'The agent is typing…',
    joined: `${AGENT_NAME} from support joined`,
    back: 'You are back with the assistant',
    closed: 'The conversation has ended',
    rateTitle: 'How did we do?',
    star4: '4 stars',
    thanks: 'Thanks for your rating (4/5)',
  },
];

function widget(page: Page) {
  const host = page.locator('livedesk-widget');
  return {
    host,
    launcher: host.locator('.launcher'),
    person: host.locator('.person'),
    typing: host.locator('.typing'),
    statusLines: host.locator('.status-line'),
    agentMessages: host.locator('.message.agent'),
    rating: host.locator('form.rating'),
  };
}

/**
 * Issue 15's widget status, every part real: a viewer on the demo host page asks for a person; an agent in
 * the console (its own browser) accepts and types; the widget says who joined and that they are typing;
 * the agent closes; the widget asks for stars, the viewer rates, and the console's API has the rating. In
 * Chinese and in English, on a phone-sized page.
 */
describe.runIf(chromiumAvailable())(
  'the widget shows the agent joining, typing, and asks for a rating',
  () => {
    let server: WebTestServer;
    let browser: Browser;
    let agentContext: BrowserContext;
    let agent: WatchedPage;
    let agentToken = '';

    beforeAll(async () => {
      server = await startWebTestServer({
        LIVEDESK_WIDGET_HUMAN_BUTTON: 'true',
        // A loaded machine must not let the offer lapse before the agent clicks.
        LIVEDESK_OFFER_TIMEOUT_MS: '600000',
        LIVEDESK_HTTP_RATE_BURST: '10000',
      });
      browser = await newBrowser();
      agentContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      agent = await openPage(agentContext, `${server.url}/console?lang=en`);
      await logIn(agent.page, 'agent');
      await agent.page.locator('#connection-state[data-state=open]').waitFor(WAIT);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }),
      });
      agentToken = ((await login.json()) as { token: string }).token;
    }, 90_000);

    afterAll(async () => {
      await agentContext?.close();
      await browser?.close();
      await server?.close();
    });

    it.each(LANGUAGES)(
      'in $lang: typing and joined lines, then stars after the close, and the rating is stored',
      { timeout: 120_000 },
      async (language) => {
        const viewerContext = await browser.newContext({
          viewport: { width: 375, height: 740 },
          locale: language.locale,
          hasTouch: true,
        });
        try {
          const viewer = await openPage(viewerContext, `${server.url}/embed-demo?lang=${language.lang}`);
          const parts = widget(viewer.page);
          await parts.launcher.click();
          await expect.poll(() => parts.person.isVisible(), WAIT).toBe(true);
          await parts.person.click();
          const raw = await readLocalStorage(viewer.page, `livedesk.widget.${server.url}.demo-room`);
          const { session } = JSON.parse(raw ?? '{}') as { session: ViewerSession };
          const conversationId = session.conversationId!;
          expect(conversationId).toEqual(expect.any(String));

          // The agent takes the conversation: the viewer is told who joined.
          const offered = agent.page.locator(
            `#my-conversations .conversation-item.status-offered[data-conversation-id="${conversationId}"]`,
          );
          const take = async () => {
            await offered.waitFor(WAIT);
            await offered.click();
            await agent.page.locator('#accept').click();
            await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
            await expect.poll(() => parts.statusLines.last().innerText(), WAIT).toBe(language.joined);
          };
          await take();
          const expectedLines = [language.joined];
          if (language.back) {
            // Handed back to the assistant: the widget says so; the viewer asks again and the agent returns.
            await agent.page.locator('#hand-back').click();
            await expect.poll(() => parts.statusLines.last().innerText(), WAIT).toBe(language.back);
            expect(await parts.statusLines.last().getAttribute('data-kind')).toBe('back');
            await expect.poll(() => parts.person.isVisible(), WAIT).toBe(true);
            await parts.person.click();
            await take();
            expectedLines.push(language.back, language.joined);
          }
          expect(await parts.statusLines.last().getAttribute('data-kind')).toBe('joined');
          expect(await parts.typing.isVisible()).toBe(false);

          // The agent types (key by key, as a person does): the widget says so while they type.
          await agent.page.locator('#reply-text').click();
          await agent.page.keyboard.type('Let me check that for you', { delay: 40 });
          await expect.poll(() => parts.typing.isVisible(), WAIT).toBe(true);
          expect(await parts.typing.innerText()).toBe(language.typing);
          await screenshot(viewer.page, `widget-${language.lang}-agent-typing`);
          // The reply goes: the typing line gives way to the message.
          await agent.page.locator('#reply-send').click();
          await expect
            .poll(() => parts.agentMessages.last().innerText(), WAIT)
            .toContain('Let me check that for you');
          await expect.poll(() => parts.typing.isVisible(), WAIT).toBe(false);

          // The agent closes: the widget says so and asks for stars.
          await agent.page.locator('#close').click();
          await expect.poll(() => parts.statusLines.last().innerText(), WAIT).toBe(language.closed);
          await expect.poll(() => parts.rating.isVisible(), WAIT).toBe(true);
          expect(await parts.rating.locator('.rating-title').innerText()).toBe(language.rateTitle);
          const submit = parts.rating.locator('.rating-submit');
          expect(await submit.isDisabled()).toBe(true);
          const fourth = parts.rating.getByRole('button', { name: language.star4, exact: true });
          await fourth.click();
          expect(await fourth.getAttribute('aria-pressed')).toBe('true');
          expect(await parts.rating.locator('.star.on').count()).toBe(4);
          await parts.rating.locator('.rating-comment').fill(`quick help (${language.lang})`);
          await screenshot(viewer.page, `widget-${language.lang}-rating`);
          await submit.click();
          await expect.poll(() => parts.statusLines.last().innerText(), WAIT).toBe(language.thanks);
          await expect.poll(() => parts.rating.isVisible(), WAIT).toBe(false);
          await screenshot(viewer.page, `widget-${language.lang}-rated`);

          // Stored: the console's API has the score and the comment.
          const read = await fetch(`${server.url}/api/conversations/${conversationId}`, {
            headers: { authorization: `Bearer ${agentToken}` },
          });
          expect(read.status).toBe(200);
          const detail = (await read.json()) as {
            conversation: { satisfaction: { score: number; comment: string | null } | null };
          };
          expect(detail.conversation.satisfaction).toMatchObject({
            score: 4,
            comment: `quick help (${language.lang})`,
          });

          // A reload replays the conversation: the lines come back, the answered request does not ask again.
          await viewer.page.reload();
          const again = widget(viewer.page);
          await again.launcher.click();
          await expect.poll(() => again.statusLines.last().innerText(), WAIT).toBe(language.thanks);
          expect(await again.statusLines.allInnerTexts()).toEqual([
            ...expectedLines,
            language.closed,
            language.thanks,
          ]);
          await new Promise((resolve) => setTimeout(resolve, 1500));
          expect(await again.rating.isVisible()).toBe(false);
          expect(viewer.problems).toEqual([]);
        } finally {
          await viewerContext.close();
        }
      },
    );

    afterAll(() => {
      expect(agent?.problems ?? []).toEqual([]);
    });
  },
);
