import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import type { Benchmark, BenchmarkContext, BenchmarkReport } from '../benchmark.js';
import { startServerProcess } from '../load/server-process.js';
import { formatMs, summarizeLatencies, type LatencySummary } from '../statistics.js';
import { anonymousViewerToken } from '../stall/local-client.js';
import { silentWav } from '../../test/support/media-fixtures.js';

interface Sample {
  name: string;
  /** What the files are, for the table. */
  shape: string;
  files: Buffer[];
}

interface Run {
  name: string;
  shape: string;
  concurrency: number;
  uploads: number;
  failed: number;
  uploadsPerSecond: number;
  inputMiBPerSecond: number;
  meanInputKiB: number;
  latency: LatencySummary;
  serverCpuPercent: number;
  /** Server CPU time (all its threads, libvips' included) per stored upload: what a busy machine cannot hide. */
  serverCpuMsPerUpload: number;
}

/** A phone screenshot: flat panels, a photo band and text-like noise; each one different (no dedup). */
async function screenshot(): Promise<Buffer> {
  const band = await sharp({
    create: {
      width: 1170,
      height: 900,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width: 1170, height: 2532, channels: 3, background: { r: 245, g: 246, b: 250 } } })
    .composite([{ input: band, top: 400, left: 0 }])
    .png()
    .toBuffer();
}

/** A 12-megapixel phone photo with EXIF (camera and GPS), as a camera writes it. */
async function photo(): Promise<Buffer> {
  return sharp({
    create: {
      width: 4032,
      height: 3024,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 120, sigma: 12 },
    },
  })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'BenchPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 0/1' } })
    .toBuffer();
}

async function samples(count: number): Promise<Sample[]> {
  const screenshots: Buffer[] = [];
  const photos: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    screenshots.push(await screenshot());
    photos.push(await photo());
  }
  const clips = Array.from({ length: count }, (_, index) => {
    const clip = silentWav(10);
    clip.writeUInt32LE(index, 44); // a different clip each time, so none is stored once for all
    return clip;
  });
  return [
    { name: 'screenshot', shape: 'PNG 1170×2532 (phone screenshot)', files: screenshots },
    { name: 'photo', shape: 'JPEG 4032×3024 with EXIF/GPS', files: photos },
    { name: 'voice', shape: 'WAV 10 s 16 kHz (stored as is)', files: clips },
  ];
}

/** A viewer's conversation to upload into: joined over the viewer socket, as the widget does. */
async function openConversation(url: string, token: string): Promise<string> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/viewer`, { perMessageDeflate: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'join', token })));
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { type: string; conversationId?: string };
        if (frame.type === 'joined' && frame.conversationId) resolve(frame.conversationId);
      });
    });
  } finally {
    socket.close();
  }
}

async function measure(
  context: { url: string; token: string; conversationId: string; cpuMs: () => number },
  sample: Sample,
  options: { concurrency: number; ms: number },
): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  let inputBytes = 0;
  let next = 0;
  const started = performance.now();
  const cpuBefore = context.cpuMs();
  const until = started + options.ms;
  const worker = async () => {
    while (performance.now() < until) {
      const file = sample.files[next++ % sample.files.length]!;
      const sentAt = performance.now();
      const response = await fetch(
        `${context.url}/api/media?conversationId=${encodeURIComponent(context.conversationId)}`,
        { method: 'POST', headers: { authorization: `Bearer ${context.token}` }, body: file },
      );
      await response.arrayBuffer();
      if (response.status === 201) {
        latencies.push(performance.now() - sentAt);
        inputBytes += file.length;
      } else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    name: sample.name,
    shape: sample.shape,
    concurrency: options.concurrency,
    uploads: latencies.length,
    failed,
    uploadsPerSecond: latencies.length / seconds,
    inputMiBPerSecond: inputBytes / 1024 / 1024 / seconds,
    meanInputKiB: latencies.length === 0 ? 0 : inputBytes / latencies.length / 1024,
    latency: summarizeLatencies(latencies),
    serverCpuPercent: ((context.cpuMs() - cpuBefore) / 1000 / seconds) * 100,
    serverCpuMsPerUpload: latencies.length === 0 ? 0 : (context.cpuMs() - cpuBefore) / latencies.length,
  };
}

/**
 * Upload throughput with thumbnails (issue 17): one server process (`npm start`), a viewer's conversation,
 * uploads over HTTP one at a time and four at once. Each image is sniffed, checked for a decompression bomb,
 * re-encoded without its metadata, previewed as a 320 px WebP, stored content-addressed and recorded, and its
 * media-message event committed, before the 201.
 */
export const mediaBenchmark: Benchmark = {
  name: 'media',
  description: 'media upload throughput with re-encoding and thumbnails (images/s, MB/s, p50/p99)',
  async run({ quick, progress }: BenchmarkContext): Promise<BenchmarkReport> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-media-'));
    const secret = randomBytes(32).toString('hex');
    progress('  making sample files');
    const files = await samples(quick ? 3 : 8);
    const server = await startServerProcess({
      LIVEDESK_DATA_DIR: dataDir,
      LIVEDESK_SECRET: secret,
      LIVEDESK_LOG_LEVEL: 'warn',
      LIVEDESK_HTTP_RATE_PER_SECOND: '100000',
      LIVEDESK_HTTP_RATE_BURST: '100000',
      LIVEDESK_MEDIA_UPLOADS_PER_SECOND: '10000',
      LIVEDESK_ADDRESS_MEDIA_UPLOADS_PER_SECOND: '10000',
    });
    const runs: Run[] = [];
    try {
      const token = await anonymousViewerToken(secret, 'bench-media-room');
      const conversationId = await openConversation(server.url, token);
      const context = { url: server.url, token, conversationId, cpuMs: () => server.cpuMs() };
      // A warm-up: sharp's first image loads libvips' codecs.
      await measure(context, files[0]!, { concurrency: 1, ms: 1_000 });
      for (const sample of files) {
        for (const concurrency of [1, 4]) {
          progress(`  ${sample.name}, ${concurrency} at once`);
          runs.push(await measure(context, sample, { concurrency, ms: quick ? 3_000 : 15_000 }));
        }
      }
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    const rows = runs.map(
      (run) =>
        `| ${run.shape} | ${run.concurrency} | ${run.meanInputKiB.toFixed(0)} KiB | ${run.uploadsPerSecond.toFixed(1)} | ${run.inputMiBPerSecond.toFixed(1)} | ${formatMs(run.latency.p50Ms)} | ${formatMs(run.latency.p99Ms)} | ${run.serverCpuPercent.toFixed(0)}% | ${run.serverCpuMsPerUpload.toFixed(0)} ms | ${run.uploads}${run.failed > 0 ? ` (${run.failed} failed)` : ''} |`,
    );
    const markdown = [
      '| upload | at once | mean size | uploads/s | MiB/s in | p50 | p99 | server CPU | CPU per upload | uploads |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
    return { markdown, targets: [], results: runs };
  },
};
