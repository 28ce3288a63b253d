import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  logIn,
  newBrowser,
  readLocalStorage,
  openPage,
  screenshot,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const ORIGINAL_EN = 'Go to Me > Wallet > Top Up';
const EDITED_EN = 'Tap Wallet, then the big Top Up button (edited in the admin).';

async function openAdmin(context: BrowserContext, url: string): Promise<WatchedPage> {
  const admin = await openPage(context, `${url}/admin`);
  await logIn(admin.page, 'editor');
  await admin.page.locator('#entry-rows tr').first().waitFor();
  return admin;
}

/** Asks in a fresh viewer page and returns the assistant's answer. */
async function askViewer(browser: Browser, url: string, question: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, `${url}/viewer?room=demo-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    await page.locator('#message-input').fill(question);
    await page.locator('#send-button').click();
    const answer = page.locator('.message.assistant:not(.streaming)').last();
    await answer.waitFor();
    return await answer.innerText();
  } finally {
    await context.close();
  }
}

async function openEntry(page: Page, id: string): Promise<void> {
  await page.locator('#filter-text').fill(id);
  await page.locator('#entry-filter button[type=submit]').click();
  await page.locator(`#entry-rows tr[data-entry-id="${id}"]`).click();
  await expect.poll(() => page.locator('#entry-id').inputValue(), WAIT).toBe(id);
}

interface FieldDiff {
  field: string;
  removed: string[];
  added: string[];
  text: string;
  /** The text as it reads after the change: the diff without its struck-out words. */
  after: string;
}

/** The newest version's changed fields as shown: each label with its struck-out and inserted words. */
function versionDiff(page: Page, index = 0): Promise<FieldDiff[]> {
  return page
    .locator('#versions .version')
    .nth(index)
    .locator('.version-change dt')
    .evaluateAll((labels) => {
      // The test's own types know no DOM: the elements as far as this read needs them.
      type Shown = {
        nodeName: string;
        textContent: string | null;
        nextElementSibling: Shown | null;
        childNodes: Iterable<Shown>;
      };
      type Marked = Shown & { querySelectorAll(selector: string): Iterable<Shown> };
      return (labels as unknown as Shown[]).map((label) => {
        const diff = label.nextElementSibling as Marked;
        const texts = (selector: string) =>
          [...diff.querySelectorAll(selector)].map((element) => element.textContent ?? '');
        return {
          field: label.textContent ?? '',
          removed: texts('del'),
          added: texts('ins'),
          text: diff.textContent ?? '',
          after: [...diff.childNodes]
            .filter((node) => node.nodeName !== 'DEL')
            .map((node) => node.textContent ?? '')
            .join(''),
        };
      });
    });
}

function translationAnswer(page: Page, locale: string) {
  return page.locator(`#translations .translation[data-locale="${locale}"] .translation-answer`);
}

describe.runIf(chromiumAvailable())('knowledge admin page in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  });

  afterEach(async () => {
    await context.close();
  });

  it(
    'changes an answer that viewers get at once, and rolls the change back',
    { timeout: 60_000 },
    async () => {
      const { page, problems } = await openAdmin(context, server.url);
      expect(await askViewer(browser, server.url, 'How do I top up coins?')).toContain(ORIGINAL_EN);

      await openEntry(page, 'coins.top-up');
      const answer = translationAnswer(page, 'en');
      await expect.poll(() => answer.inputValue(), WAIT).toContain(ORIGINAL_EN);
      await answer.fill(EDITED_EN);
      await page.locator('#save-entry').click();
      await expect.poll(() => page.locator('#status-line').innerText(), WAIT).toBe('Saved coins.top-up.');
      expect(await askViewer(browser, server.url, 'How do I top up coins?')).toContain(EDITED_EN);

      const change = page.locator('#versions .version').first();
      await expect
        .poll(
          async () => (await versionDiff(page)).find((field) => field.field === 'Answer (en)')?.after,
          WAIT,
        )
        .toContain('Tap Wallet, then the big Top Up button');
      await change.scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-entry-versions');
      await change.locator('button').click();
      await expect
        .poll(() => page.locator('#status-line').innerText(), WAIT)
        .toMatch(/^Rolled back change #\d+\.$/);
      await expect.poll(() => translationAnswer(page, 'en').inputValue(), WAIT).toContain(ORIGINAL_EN);
      expect(await askViewer(browser, server.url, 'How do I top up coins?')).toContain(ORIGINAL_EN);
      expect(problems).toEqual([]);
    },
  );

  it(
    'shows an edit from 7 天 to 15 天 as the words that changed, in both languages',
    { timeout: 60_000 },
    async () => {
      const { page, problems } = await openAdmin(context, server.url);
      await openEntry(page, 'gifts.refund');
      const answer = page.locator('#entry-answer');
      const original = await answer.inputValue();
      expect(original).toContain('请在 7 天内');
      await answer.fill(original.replace('请在 7 天内', '请在 15 天内'));
      await page.locator('#entry-tags').fill('show, gifts, refund, policy');
      await page.locator('#entry-enabled').uncheck();
      await page.locator('#save-entry').click();
      await expect.poll(() => page.locator('#status-line').innerText(), WAIT).toBe('Saved gifts.refund.');

      await expect
        .poll(async () => (await versionDiff(page)).map((field) => field.field), WAIT)
        .toEqual(['Answer (zh)', 'Tags', 'Enabled']);
      const [answerDiff, tags, enabled] = await versionDiff(page);
      // The numbers that changed, with the words around them; the rest of the long answer folded away.
      expect(answerDiff).toMatchObject({ removed: ['7'], added: ['15'] });
      expect(answerDiff?.text).toContain('请在 715 天内');
      expect(answerDiff?.text).toContain('…');
      expect(answerDiff?.text.length).toBeLessThan(original.length);
      expect(tags).toMatchObject({ removed: [], added: [', policy'], text: 'show, gifts, refund, policy' });
      expect(enabled).toMatchObject({ removed: ['on'], added: ['off'] });
      await page.locator('#versions .version').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-version-diff-en');

      // The same history in Chinese: the page reloads and stays logged in.
      await page.locator('#topbar-language button[data-language=zh]').click();
      await expect.poll(() => page.locator('.tab[data-tab=entries]').innerText(), WAIT).toBe('知识条目');
      await page.locator('#entry-rows tr').first().waitFor();
      await openEntry(page, 'gifts.refund');
      await expect
        .poll(async () => (await versionDiff(page)).map((field) => field.field), WAIT)
        .toEqual(['回答（zh）', '标签', '启用']);
      const [, , enabledZh] = await versionDiff(page);
      expect(enabledZh).toMatchObject({ removed: ['启用'], added: ['停用'] });
      expect(await page.locator('#versions-box h3').innerText()).toBe('版本记录');
      expect(await page.locator('#versions .version button').first().innerText()).toBe('回滚此修改');
      await expect
        .poll(() => page.locator('#entry-rows tr[data-entry-id="gifts.refund"] td.off').innerText(), WAIT)
        .toBe('停用');
      await page.locator('#versions .version').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-version-diff-zh');

      // Rolled back, in Chinese, to leave the shared knowledge base as it was.
      await page.locator('#versions .version').first().locator('button').click();
      await expect.poll(() => page.locator('#status-line').innerText(), WAIT).toMatch(/^已回滚修改 #\d+。$/);
      await expect.poll(() => page.locator('#entry-answer').inputValue(), WAIT).toBe(original);
      await page.locator('#topbar-language button[data-language=en]').click();
      await expect.poll(() => page.locator('.tab[data-tab=entries]').innerText(), WAIT).toBe('Entries');
      expect(problems).toEqual([]);
    },
  );

  it('reads in Chinese on every tab', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=zh`);
    await logIn(page, 'editor');
    await page.locator('#entry-rows tr').first().waitFor();
    await expect.poll(() => page.locator('#user-name').innerText(), WAIT).toBe('Eve Editor（内容编辑）');
    expect(await page.locator('.entry-table thead').innerText()).toContain('问题');
    await expect.poll(() => page.locator('#entry-count').innerText(), WAIT).toMatch(/^共 \d+ 条$/);
    expect(await page.locator('#editor-empty').innerText()).toBe('选择一个条目进行编辑，或新建条目。');
    await page.locator('#new-entry').click();
    expect(await page.locator('#editor-title').innerText()).toBe('新建条目');
    expect(await page.locator('#entry-form').innerText()).toContain('问法（每行一个）');
    await screenshot(page, 'admin-entries-zh');
    await page.locator('.tab[data-tab=synonyms]').click();
    await page.locator('#synonym-rows tr').first().waitFor();
    expect(await page.locator('.synonym-table thead').innerText()).toContain('等同于');
    await screenshot(page, 'admin-synonyms-zh');
    await page.locator('.tab[data-tab=import]').click();
    await page.locator('#import-form button[type=submit]').click();
    expect(await page.locator('#import-form').innerText()).toContain('只要有一行不合格');
    await screenshot(page, 'admin-import-zh');
    await page.locator('.tab[data-tab=eval]').click();
    expect(await page.locator('#eval-run').innerText()).toBe('开始评测');
    await screenshot(page, 'admin-eval-zh');
    expect(problems).toEqual([]);
  });

  it('shows what is wrong with an entry and saves nothing', async () => {
    const { page } = await openAdmin(context, server.url);
    await page.locator('#new-entry').click();
    await page.locator('#entry-id').fill('test.half-written');
    await page.locator('#entry-locale').fill('en');
    await page.locator('#save-entry').click();

    const errors = page.locator('#entry-errors');
    await expect.poll(() => errors.innerText(), WAIT).toContain('questions');
    expect(await errors.innerText()).toContain('answer');
    expect(await page.locator('#entry-questions').getAttribute('class')).toContain('invalid');
    expect(await page.locator('#entry-answer').getAttribute('class')).toContain('invalid');
    await screenshot(page, 'admin-validation');
    const stored = await fetch(`${server.url}/api/knowledge/entries/test.half-written`, {
      headers: { authorization: `Bearer ${await staffToken(page)}` },
    });
    expect(stored.status).toBe(404);
  });

  it('refuses a file with a bad line, listing it, and imports a good one', async () => {
    const { page } = await openAdmin(context, server.url);
    await page.locator('.tab[data-tab=import]').click();
    const good = {
      id: 'test.imported',
      locale: 'en',
      questions: ['is there a night mode'],
      answer: 'Yes: Me > Settings > Theme.',
    };
    const bad = { id: 'test.broken', locale: 'en', questions: ['no answer here'] };
    await page.locator('#import-file').setInputFiles({
      name: 'entries.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`),
    });
    await page.locator('#import-form button[type=submit]').click();
    await expect.poll(() => page.locator('#import-errors').innerText(), WAIT).toMatch(/^line 2: /);
    await expect.poll(() => page.locator('#import-result').innerText(), WAIT).toContain('nothing imported');

    await page.locator('#import-file').setInputFiles({
      name: 'entries.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${JSON.stringify(good)}\n`),
    });
    await page.locator('#import-form button[type=submit]').click();
    await expect.poll(() => page.locator('#import-result').innerText(), WAIT).toContain('1 created');
    await expect.poll(() => page.locator('#import-errors').innerText(), WAIT).toBe('');
    expect(await askViewer(browser, server.url, 'is there a night mode?')).toContain('Me > Settings > Theme');
  });

  it('adds a synonym and removes it', async () => {
    const { page } = await openAdmin(context, server.url);
    await page.locator('.tab[data-tab=synonyms]').click();
    await page.locator('#synonym-term').fill('dosh');
    await page.locator('#synonym-canonical').fill('coins');
    await page.locator('#synonym-locale').fill('en');
    await page.locator('#synonym-form button[type=submit]').click();
    const row = page.locator('#synonym-rows tr', { hasText: 'dosh' });
    await row.waitFor();
    expect(await row.innerText()).toContain('coins');
    await row.locator('button').click();
    await row.waitFor({ state: 'detached' });
  });

  it('runs the demo eval suite and shows its figures and report', { timeout: 120_000 }, async () => {
    const { page, problems } = await openAdmin(context, server.url);
    await page.locator('.tab[data-tab=eval]').click();
    await page.locator('#eval-suite').selectOption('demo');
    await page.locator('#eval-run').click();
    await expect.poll(() => page.locator('#eval-status').innerText(), { timeout: 100_000 }).toMatch(/^Done/);
    const figures = await page.locator('#eval-figures').innerText();
    expect(figures).toContain('Top-1 accuracy');
    expect(figures).toMatch(/\d+\.\d%/);
    await screenshot(page, 'admin-eval');

    const download = page.waitForEvent('download');
    await page.locator('#eval-report button').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^livedesk-eval-.+\.html$/);
    const report = await readFile((await saved.path()) ?? '', 'utf8');
    expect(report).toContain('<h1>Livedesk eval</h1>');
    expect(problems).toEqual([]);
  });
});

async function staffToken(page: Page): Promise<string> {
  const stored = await readLocalStorage(page, 'livedesk.admin.session');
  return (JSON.parse(stored ?? '{}') as { token?: string }).token ?? '';
}
