import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startDemoShop } from '../../server/demo-shop/demo-shop-server.js';
import { loadDemoTools } from '../../server/demo-shop/demo-tools.js';
import { createHttpToolRunner } from '../../server/tools/http-tool-runner.js';
import { ToolDefinitionSchema } from '../../server/tools/tool-definition.js';

/**
 * What a commerce tool call costs beyond the shop (issue 15): the runner's p50 against the local demo shop,
 * minus a plain node:http GET of the same URL on the same connection policy (a new connection per call),
 * which is the shop's own time plus the loopback round trip. Then the timeout: a tool with a 200 ms limit
 * against a shop that answers in 2 s. `npx tsx bench/tools/tool-overhead.ts [calls]`.
 */
const calls = Number(process.argv[2] ?? 2000);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const shop = await startDemoShop({ token: 'bench-token' });
const tools = new Map((await loadDemoTools(shop.url)).map((tool) => [tool.name, tool]));
const runner = createHttpToolRunner({
  tools: () => tools,
  privateHosts: ['127.0.0.1'],
  secrets: { LIVEDESK_TOOL_SECRET_DEMO_SHOP: 'bench-token' },
});
const context = {
  conversationId: 'bench',
  verified: { platformId: 'bench', userId: 'u1001' },
  liveContext: {},
};
const url = `${shop.url}/api/users/u1001/orders/latest`;

function plainGet(): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(
        url,
        { agent: false, headers: { authorization: 'Bearer bench-token', accept: 'application/json' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve();
          });
        },
      )
      .on('error', reject);
  });
}

// Warm both paths (JIT, sockets), then interleave so both see the same machine load.
for (let index = 0; index < 200; index++) {
  await plainGet();
  await runner.run('order', context, new AbortController().signal);
}
const plain: number[] = [];
const runs: number[] = [];
for (let index = 0; index < calls; index++) {
  let started = performance.now();
  await plainGet();
  plain.push(performance.now() - started);
  started = performance.now();
  const result = await runner.run('order', context, new AbortController().signal);
  runs.push(performance.now() - started);
  if (!result.ok) throw new Error(`tool failed: ${result.code}`);
}
await shop.close();

const slow = http.createServer((_request, response) => {
  setTimeout(() => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"id":"late"}');
  }, 2_000);
});
await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
const slowTool = ToolDefinitionSchema.parse({
  name: 'slow',
  description: 'a shop that answers in 2 s',
  url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`,
  allowedHosts: ['127.0.0.1'],
  timeoutMs: 200,
  response: { id: { pointer: '/id', type: 'string' } },
});
const slowRunner = createHttpToolRunner({
  tools: () => new Map([['slow', slowTool]]),
  privateHosts: ['127.0.0.1'],
});
const timeouts: number[] = [];
for (let index = 0; index < 20; index++) {
  const started = performance.now();
  const result = await slowRunner.run('slow', context, new AbortController().signal);
  timeouts.push(performance.now() - started);
  if (result.ok || result.code !== 'timeout') throw new Error('expected a timeout');
}
slow.closeAllConnections();
slow.close();

const format = (value: number) => `${value.toFixed(3)} ms`;
console.log(`calls: ${calls} (order tool, demo shop on loopback, new connection per call)`);
console.log(
  `plain node:http GET  p50 ${format(percentile(plain, 50))}  p99 ${format(percentile(plain, 99))}`,
);
console.log(`tool runner          p50 ${format(percentile(runs, 50))}  p99 ${format(percentile(runs, 99))}`);
console.log(
  `runner overhead p50 (runner p50 - plain p50): ${format(percentile(runs, 50) - percentile(plain, 50))}`,
);
console.log(
  `timeout 200 ms vs a 2 s shop (20 calls): p50 ${format(percentile(timeouts, 50))}  max ${format(Math.max(...timeouts))}`,
);
