import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../test/support/chromium.js';
import type { Benchmark, BenchmarkContext, BenchmarkReport } from '../benchmark.js';
import { startServerProcess } from '../load/server-process.js';
import { formatMs } from '../statistics.js';

/** DevTools' "Fast 3G"-like link, as the issue asks: 1.6 Mbps down, 750 kbps up, 150 ms round trip. */
const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const QUESTION = '怎么充值';
const ANSWER = '打开 App，进入 我的 > 钱包 > 充值';

interface LoadTiming {
  /** Milliseconds from the start of navigation (the page's time origin). */
  widgetDownloadedMs: number;
  launcherShownMs: number;
  joinedMs: number;
  answerShownMs: number;
  /** From the click on Send to the answer on screen. */
  askToAnswerMs: number;
}

interface WidgetResults {
  bundle: { rawBytes: number; gzipBytes: number; gzip9Bytes: number };
  network: typeof FAST_3G;
  runs: LoadTiming[];
  median: LoadTiming;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One cold page load of /embed-demo on the throttled link: a fresh browser context, nothing cached. */
async function measureOnce(
  url: string,
  browser: Awaited<ReturnType<typeof launchChromium>>,
): Promise<LoadTiming> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    const now = () => page.evaluate(() => performance.now());
    await page.goto(`${url}/embed-demo?lang=zh`, { waitUntil: 'commit' });
    const host = page.locator('livedesk-widget');
    await host.locator('.launcher').waitFor({ timeout: 60_000 });
    const launcherShownMs = await now();
    await host.locator('.launcher').click();
    await host.locator('.send:not([disabled])').waitFor({ timeout: 60_000 });
    const joinedMs = await now();
    await host.locator('.input').fill(QUESTION);
    const askedMs = await now();
    await host.locator('.send').click();
    await host.locator('.message.assistant', { hasText: ANSWER }).waitFor({ timeout: 60_000 });
    const answerShownMs = await now();
    // Resource timing's responseEnd (Node's types do not have the browser's PerformanceResourceTiming).
    const widgetDownloadedMs = await page.evaluate(() => {
      const entry = performance.getEntriesByType('resource').find((item) => item.name.includes('/widget.js'));
      return entry ? (entry as unknown as { responseEnd: number }).responseEnd : Number.NaN;
    });
    return {
      widgetDownloadedMs,
      launcherShownMs,
      joinedMs,
      answerShownMs,
      askToAnswerMs: answerShownMs - askedMs,
    };
  } finally {
    await context.close();
  }
}

async function run(context: BenchmarkContext): Promise<BenchmarkReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-widget-bench-'));
  const server = await startServerProcess({
    LIVEDESK_DATA_DIR: dataDir,
    LIVEDESK_SECRET: randomBytes(32).toString('base64url'),
  });
  const browser = await launchChromium();
  try {
    const script = new Uint8Array(await (await fetch(`${server.url}/widget.js`)).arrayBuffer());
    const bundle = {
      rawBytes: script.byteLength,
      gzipBytes: gzipSync(script).byteLength,
      gzip9Bytes: gzipSync(script, { level: 9 }).byteLength,
    };
    context.progress(`  widget.js: ${bundle.rawBytes} B raw, ${bundle.gzipBytes} B gzip`);
    // One warm-up load: the server's first answer pays for lazy start-up work the viewer never sees twice.
    await measureOnce(server.url, browser);
    const runs: LoadTiming[] = [];
    for (let index = 0; index < (context.quick ? 2 : 5); index += 1) {
      const timing = await measureOnce(server.url, browser);
      context.progress(`  load ${index + 1}: answer shown at ${formatMs(timing.answerShownMs)}`);
      runs.push(timing);
    }
    const keys = Object.keys(runs[0]!) as (keyof LoadTiming)[];
    const middle = Object.fromEntries(
      keys.map((key) => [key, median(runs.map((timing) => timing[key]))]),
    ) as unknown as LoadTiming;
    const results: WidgetResults = { bundle, network: FAST_3G, runs, median: middle };
    const markdown = [
      `widget.js: **${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzip** (${(bundle.gzip9Bytes / 1024).toFixed(1)} KiB at -9), ${(bundle.rawBytes / 1024).toFixed(1)} KiB raw.`,
      '',
      `Cold loads of /embed-demo in headless Chromium on an emulated 1.6 Mbps / 750 kbps / 150 ms RTT link, cache off, median of ${runs.length}:`,
      '',
      '| from navigation start | median (ms) |',
      '| --- | --- |',
      `| widget.js downloaded | ${formatMs(middle.widgetDownloadedMs)} |`,
      `| launcher shown | ${formatMs(middle.launcherShownMs)} |`,
      `| joined (send enabled, panel opened at once) | ${formatMs(middle.joinedMs)} |`,
      `| first answer shown ("${QUESTION}" sent as soon as possible) | ${formatMs(middle.answerShownMs)} |`,
      `| send → answer shown | ${formatMs(middle.askToAnswerMs)} |`,
    ].join('\n');
    return { markdown, targets: [], results };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const widgetBenchmark: Benchmark = {
  name: 'widget',
  description:
    'the embeddable widget: bundle size and time to the first answer on a throttled link in Chromium',
  run,
};
