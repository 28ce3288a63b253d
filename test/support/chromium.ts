import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.LIVEDESK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. CI installs Debian's Chromium (.ci/run), so there a missing browser
 * is a failure, not a skip.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; .ci/run installs it`);
  return false;
}

/** Debian's Chromium, headless, with no network chatter of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
