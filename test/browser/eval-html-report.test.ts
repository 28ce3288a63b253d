import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/run-cli.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

const KB = [
  {
    id: 'refund',
    questions: ['how do I get a refund', 'I want my money back', 'refund my order'],
    answer: 'Tap Refund.',
  },
  {
    id: 'shipping',
    questions: ['when will my package arrive', 'how long does shipping take'],
    answer: 'Two days.',
  },
  {
    id: 'topup',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里充值', '充值入口在哪'],
    answer: '我的 > 钱包 > 充值。',
  },
];
const CASES = [
  { text: 'refund please', expected: 'refund' },
  { text: 'where is my parcel, it is late', expected: 'shipping' },
  { text: '在哪充值', expected: 'topup' },
  { text: '<img src=x onerror="window.__injected = true">refund?', expected: 'shipping' },
  { text: 'what is the weather like', expected: null },
];

describe.runIf(chromiumAvailable())('eval HTML report in Chromium', () => {
  let folder: string;
  let reportPath: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'livedesk-eval-html-'));
    const kbPath = path.join(folder, 'kb.jsonl');
    const casesPath = path.join(folder, 'cases.jsonl');
    reportPath = path.join(folder, 'report.html');
    await writeFile(kbPath, KB.map((entry) => JSON.stringify(entry)).join('\n'));
    await writeFile(casesPath, CASES.map((entry) => JSON.stringify(entry)).join('\n'));
    const lines: string[] = [];
    const output = {
      log: (line: string) => lines.push(line),
      error: (line: string) => lines.push(line),
      write: (text: string) => lines.push(text),
    };
    const code = await runCli(
      ['eval', '--kb', kbPath, '--cases', casesPath, '--vector-index', 'exact', '--html', reportPath],
      { env: {}, output },
    );
    expect(code, lines.join('\n')).toBe(0);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('draws its charts, lists the misses and runs no viewer text as markup', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(reportPath).href);
      await page.waitForLoadState('load');
      const charts = await page.locator('svg').count();
      expect(charts).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg path, svg polyline, svg rect').count()).toBeGreaterThan(3);
      const text = await page.locator('body').innerText();
      expect(text).toContain('<img src=x onerror=');
      expect(await page.evaluate(() => (globalThis as { __injected?: boolean }).__injected)).toBeUndefined();
      expect(errors).toEqual([]);
      mkdirSync('reports', { recursive: true });
      await page.screenshot({ path: 'reports/eval-report.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
