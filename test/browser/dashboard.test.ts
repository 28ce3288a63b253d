import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import { writeSyntheticEvents } from '../../bench/analytics/synthetic-events.js';
import { parseEntriesJsonl } from '../../knowledge/io/index.js';
import { startAnalyticsTestServer, type AnalyticsTestServer } from '../server/analytics-test-server.js';
import { chromiumAvailable } from '../support/chromium.js';
import { logIn, newBrowser, openPage, screenshot } from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const HOUR = 3_600_000;

describe.runIf(chromiumAvailable())('the analytics dashboard in Chromium', () => {
  let server: AnalyticsTestServer;
  let browser: Browser;
  let conversations: number;

  beforeAll(async () => {
    const nowMs = Math.floor(Date.now() / HOUR) * HOUR;
    server = await startAnalyticsTestServer(new Date(nowMs).toISOString());
    // A week of realistic traffic, written into the running server's own event log.
    const parsed = parseEntriesJsonl(readFileSync('knowledge/demo/demo-kb.jsonl', 'utf8'));
    if (!parsed.ok) throw new Error('the demo knowledge base does not parse');
    const database = createSqliteDatabase(path.join(server.dataDir, 'livedesk.sqlite'));
    try {
      conversations = writeSyntheticEvents(database, {
        messages: 4000,
        endMs: nowMs - HOUR,
        days: 6,
        knownQuestions: parsed.entries.flatMap((entry) => entry.questions),
        entryIds: parsed.entries.map((entry) => entry.id),
        seed: 11,
      }).conversations;
    } finally {
      database.close();
    }
    browser = await newBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an admin the figures, charts, agents, knowledge gaps and proposals, and approves one', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1800 },
      acceptDownloads: true,
    });
    const { page, problems } = await openPage(context, `${server.baseUrl}/dashboard`);
    await logIn(page, 'admin');
    await page.locator('#kpis .kpi').first().waitFor();
    await page.locator('#gap-rows tr').first().waitFor();
    // The key figures are the API's own numbers.
    await expect
      .poll(() => page.locator('#kpis .kpi').first().locator('.value').textContent(), WAIT)
      .toBe(String(conversations));
    expect(await page.locator('#kpis .kpi').count()).toBe(9);
    // Every chart is drawn on its canvas.
    for (const id of [
      'chart-escalations',
      'chart-satisfaction',
      'chart-hours',
      'chart-weekdays',
      'chart-queue',
      'chart-response',
    ]) {
      const size = await page.locator(`#${id}`).evaluate((element) => {
        // The test's own types know no DOM: the canvas as far as this check needs it.
        const canvas = element as unknown as { width: number; toDataURL(): string };
        return { width: canvas.width, drawn: canvas.toDataURL().length };
      });
      expect(size.width, id).toBeGreaterThan(100);
      expect(size.drawn, id).toBeGreaterThan(3000);
    }
    await expect.poll(() => page.locator('#agent-rows tr').count(), WAIT).toBeGreaterThan(5);
    // A figure the week leaves without a sample shows "–" with its reason, never a bare dash.
    const unexplained = await page
      .locator('#operator-panel .missing')
      .evaluateAll(
        (elements) => elements.filter((element) => (element as { title?: string }).title === '').length,
      );
    expect(unexplained).toBe(0);
    // The biggest gap links to a new entry prefilled with its wordings.
    const link = page.locator('#gap-rows a.create-entry').first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href.startsWith('/admin?tab=entries&question=')).toBe(true);
    const label = (await page.locator('#gap-rows tr').first().locator('td').nth(1).textContent()) ?? '';
    expect(new URL(href, server.baseUrl).searchParams.get('question')?.split('\n')).toContain(label);

    await screenshot(page, 'dashboard-admin');

    // The learning loop: scan, then approve the most seen proposal.
    await page.locator('#scan-proposals').click();
    await page.locator('#proposal-rows tr[data-proposal]').first().waitFor();
    const before = await page.locator('#proposal-rows tr[data-proposal]').count();
    await page.locator('#content-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-admin-knowledge');
    await page
      .locator('#proposal-rows tr[data-proposal]')
      .first()
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect.poll(() => page.locator('#status-line').textContent(), WAIT).toContain('Phrasing added');
    await expect.poll(() => page.locator('#proposal-rows tr[data-proposal]').count(), WAIT).toBe(before - 1);

    // CSV export of a metric.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button.csv[data-metric="agents"]').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'agent_id,agent_name,conversations_handled,median_first_response_ms,median_handle_ms,messages,average_score,ratings,response_rate',
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('applies the room filter, and shows supervisors and editors only their part', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const { page, problems } = await openPage(context, `${server.baseUrl}/dashboard`);
    await logIn(page, 'supervisor');
    await page.locator('#kpis .kpi').first().waitFor();
    expect(await page.locator('#content-panel').isHidden()).toBe(true);
    const all = Number(await page.locator('#kpis .kpi .value').first().textContent());
    await page.locator('#filters input[name=room]').fill('room-3');
    await page.locator('#filters button[type=submit]').click();
    await expect
      .poll(async () => Number(await page.locator('#kpis .kpi .value').first().textContent()), WAIT)
      .toBeLessThan(all / 10);
    await screenshot(page, 'dashboard-supervisor-room');
    await page.locator('#logout').click();
    await logIn(page, 'editor');
    await page.locator('#gap-rows tr').first().waitFor();
    expect(await page.locator('#operator-panel').isHidden()).toBe(true);
    // An agent may not use the page at all.
    await page.locator('#logout').click();
    await logIn(page, 'agent');
    // A login is a scrypt hash on the server: allow it more than a second on a busy machine.
    await expect
      .poll(() => page.locator('#login-error').textContent(), { timeout: 10_000 })
      .toContain('cannot use this page');
    expect(problems).toEqual([]);
    await context.close();
  });
});
