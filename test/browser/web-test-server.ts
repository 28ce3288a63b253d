import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { launchChromium } from '../support/chromium.js';

export const DEMO_PASSWORD = 'livedesk-demo';
export const SCREENSHOT_FOLDER = path.resolve('reports/screenshots');

export interface WebTestServer {
  url: string;
  dataDir: string;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The whole product on 127.0.0.1, port 0, in a fresh data folder with the demo knowledge base and demo
 * accounts, as `npm start` would run it.
 */
export async function startWebTestServer(environment: Record<string, string> = {}): Promise<WebTestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'livedesk-web-'));
  const config = loadConfig({
    PORT: '0',
    LIVEDESK_DATA_DIR: dataDir,
    LIVEDESK_SECRET: 'a-test-secret-that-is-long-enough-for-hmac-0123456789',
    ...environment,
  });
  const server = await startServer({ config, hostname: '127.0.0.1' });
  return {
    url: server.url,
    dataDir,
    server,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page that records script errors and refused resources (a CSP violation shows up here). */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

export async function openPage(context: BrowserContext, url: string): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

export async function newBrowser(): Promise<Browser> {
  return launchChromium();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_FOLDER, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_FOLDER, `${name}.png`), fullPage: false });
}

/** Logs in through the page's own form. */
export async function logIn(page: Page, username: string): Promise<void> {
  await page.locator('#login-form input[name=username]').fill(username);
  await page.locator('#login-form input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('#login-form button[type=submit]').click();
}

interface BrowserGlobals {
  localStorage: { getItem(key: string): string | null };
  __xss?: unknown;
}

/** A value the page keeps in localStorage (tests run without DOM types, hence the narrow shape). */
export function readLocalStorage(page: Page, key: string): Promise<string | null> {
  return page.evaluate((name) => (globalThis as unknown as BrowserGlobals).localStorage.getItem(name), key);
}

/** What a hostile text would have set had the page run it as markup; undefined when nothing ran. */
export function injectedMarker(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).__xss);
}
