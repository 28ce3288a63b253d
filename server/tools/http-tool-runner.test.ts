import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpToolRunner, type ToolCallObserver } from './http-tool-runner.js';
import type { ToolCallContext } from './tool-call.js';
import { ToolDefinitionSchema, type ToolDefinition, type ToolDefinitionInput } from './tool-definition.js';

/** A real shop stand-in on loopback with the ways a real one goes wrong. */
let server: http.Server;
let origin: string;
const seen: { url: string; authorization: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ url: request.url ?? '', authorization: request.headers.authorization, body });
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(value));
      };
      if (path.startsWith('/orders/'))
        return json(200, { order: { id: decodeURIComponent(path.slice(8)), total: 59 } });
      if (path === '/echo') return json(200, { order: { id: 'posted', total: 1 } });
      if (path === '/slow')
        return void setTimeout(() => json(200, { order: { id: 'late', total: 1 } }), 1_000);
      if (path === '/fail') return json(503, { error: 'down' });
      if (path === '/html') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html>login</html>');
      }
      if (path === '/huge') {
        // No content-length: the limit must hold on a streamed body too.
        response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        response.write('{"order":{"id":"');
        const timer = setInterval(() => response.write('x'.repeat(4096)), 1);
        response.on('close', () => clearInterval(timer));
        return;
      }
      if (path === '/malformed') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end('{"order": {"id": ');
      }
      if (path === '/wrong-shape') return json(200, { order: { id: 42, total: 'many' } });
      json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const definition = (input: Partial<ToolDefinitionInput> & { path?: string }): ToolDefinition =>
  ToolDefinitionSchema.parse({
    name: 'order',
    description: 'the order',
    url: `${origin}${input.path ?? '/orders/{{viewer.userId}}'}`,
    allowedHosts: ['127.0.0.1', 'localhost'],
    timeoutMs: 300,
    maxResponseBytes: 2048,
    response: {
      id: { pointer: '/order/id', type: 'string' },
      total: { pointer: '/order/total', type: 'number' },
    },
    ...input,
  });

const verified: ToolCallContext = {
  conversationId: 'c-1',
  verified: { platformId: 'demo', userId: 'u 1/../admin?x=1' },
  liveContext: { roomId: 'room-1' },
};

function runnerFor(
  tool: ToolDefinition,
  options: { privateHosts?: string[]; secrets?: Record<string, string> } = {},
) {
  const calls: Parameters<ToolCallObserver>[0][] = [];
  const runner = createHttpToolRunner({
    tools: () => new Map([[tool.name, tool]]),
    privateHosts: options.privateHosts ?? ['127.0.0.1'],
    secrets: options.secrets,
    onCall: (call) => calls.push(call),
  });
  return { runner, calls };
}

describe('the HTTP tool runner against a real local server', () => {
  it('maps the response to typed fields and URL-encodes the viewer id into one path segment', async () => {
    const { runner, calls } = runnerFor(definition({}));
    const result = await runner.run('order', verified, new AbortController().signal);
    expect(result).toMatchObject({ ok: true, fields: { id: 'u 1/../admin?x=1', total: 59 } });
    expect(seen.at(-1)!.url).toBe('/orders/u%201%2F..%2Fadmin%3Fx%3D1');
    expect(calls).toEqual([expect.objectContaining({ tool: 'order', outcome: 'ok' })]);
  });

  it('sends the auth header from the named secret, and fails without reaching out when it is not set', async () => {
    const tool = definition({
      auth: { header: 'Authorization', env: 'LIVEDESK_TOOL_SECRET_SHOP', prefix: 'Bearer ' },
    });
    const withSecret = runnerFor(tool, { secrets: { LIVEDESK_TOOL_SECRET_SHOP: 's3cret' } }).runner;
    expect((await withSecret.run('order', verified, new AbortController().signal)).ok).toBe(true);
    expect(seen.at(-1)!.authorization).toBe('Bearer s3cret');
    const before = seen.length;
    const without = await runnerFor(tool).runner.run('order', verified, new AbortController().signal);
    expect(without).toMatchObject({ ok: false, code: 'auth_missing' });
    expect(seen.length).toBe(before);
  });

  it('refuses a dot segment as a URL value, so a room id of ".." cannot climb the path', async () => {
    const tool = definition({ path: '/rooms/{{conversation.roomId}}/orders' });
    for (const roomId of ['..', '.', '%2e%2E']) {
      const before = seen.length;
      const result = await runnerFor(tool).runner.run(
        'order',
        { ...verified, liveContext: { roomId } },
        new AbortController().signal,
      );
      expect(result).toMatchObject({ ok: false, code: 'missing_argument' });
      expect(seen.length).toBe(before);
    }
  });

  it('reads auth secrets only from LIVEDESK_TOOL_SECRET_* variables', async () => {
    const parsed = ToolDefinitionSchema.safeParse({
      ...definition({}),
      auth: { header: 'Authorization', env: 'LIVEDESK_SECRET' },
    });
    expect(parsed.success).toBe(false);
    // A definition built in code past the schema still cannot read another variable.
    const tool = { ...definition({}), auth: { header: 'Authorization', env: 'LIVEDESK_SECRET', prefix: '' } };
    const result = await runnerFor(tool, { secrets: { LIVEDESK_SECRET: 'main' } }).runner.run(
      'order',
      verified,
      new AbortController().signal,
    );
    expect(result).toMatchObject({ ok: false, code: 'auth_missing' });
  });

  it('posts a JSON body built from the template, values never pasted into JSON text', async () => {
    const tool = definition({
      method: 'POST',
      path: '/echo',
      body: { user: '{{viewer.userId}}', room: '{{conversation.roomId}}' },
    });
    const result = await runnerFor(tool).runner.run(
      'order',
      { ...verified, verified: { platformId: 'demo', userId: 'a","admin":true,"x":"' } },
      new AbortController().signal,
    );
    expect(result.ok).toBe(true);
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ user: 'a","admin":true,"x":"', room: 'room-1' });
  });

  it('times out a slow shop at the definition timeout', async () => {
    const { runner, calls } = runnerFor(definition({ path: '/slow', timeoutMs: 150 }));
    const started = performance.now();
    const result = await runner.run('order', verified, new AbortController().signal);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, code: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(600);
    expect(calls[0]).toMatchObject({ outcome: 'timeout' });
  });

  it('throws on the caller abort (barge-in) instead of returning a failure', async () => {
    const controller = new AbortController();
    const { runner } = runnerFor(definition({ path: '/slow', timeoutMs: 5_000 }));
    setTimeout(() => controller.abort(), 50);
    await expect(runner.run('order', verified, controller.signal)).rejects.toMatchObject({ code: 'aborted' });
  });

  it.each([
    ['/fail', 'http_status'],
    ['/html', 'content_type'],
    ['/huge', 'too_large'],
    ['/malformed', 'malformed'],
    ['/wrong-shape', 'mapping'],
  ])('turns %s into a %s failure', async (path, code) => {
    const { runner } = runnerFor(definition({ path }));
    expect(await runner.run('order', verified, new AbortController().signal)).toMatchObject({
      ok: false,
      code,
    });
  });

  it('refuses a loopback address unless its host is explicitly allowed, by IP and after DNS', async () => {
    const byAddress = runnerFor(definition({}), { privateHosts: [] }).runner;
    expect(await byAddress.run('order', verified, new AbortController().signal)).toMatchObject({
      ok: false,
      code: 'address_refused',
    });
    const byName = definition({
      url: `${origin.replace('127.0.0.1', 'localhost')}/orders/{{viewer.userId}}`,
    });
    const before = seen.length;
    const refused = await runnerFor(byName, { privateHosts: [] }).runner.run(
      'order',
      verified,
      new AbortController().signal,
    );
    expect(refused).toMatchObject({ ok: false, code: 'address_refused' });
    expect(seen.length).toBe(before);
  });

  it('runs nothing for an anonymous viewer when the URL reads the verified identity', async () => {
    const before = seen.length;
    const result = await runnerFor(definition({})).runner.run(
      'order',
      { conversationId: 'c-1', liveContext: {} },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ ok: false, code: 'not_verified' });
    expect(seen.length).toBe(before);
  });
});

describe('tool definitions', () => {
  const base = {
    name: 'order',
    description: 'the order',
    url: 'https://shop.example/orders/{{viewer.userId}}',
    allowedHosts: ['shop.example'],
    response: { id: { pointer: '/id', type: 'string' } },
  };
  it.each([
    ['a host off the allow-list', { url: 'https://evil.example/orders/{{viewer.userId}}' }],
    ['a templated host', { url: 'https://{{viewer.userId}}.shop.example/x', allowedHosts: ['shop.example'] }],
    ['an argument Livedesk does not offer', { url: 'https://shop.example/search?q={{viewer.message}}' }],
    ['credentials in the URL', { url: 'https://user:pw@shop.example/orders' }],
    ['a reserved name', { name: 'viewer' }],
    ['a file URL', { url: 'file:///etc/passwd', allowedHosts: ['shop.example'] }],
    ['a body on GET', { body: { a: 1 } }],
    ['no mapped field', { response: {} }],
  ])('refuses %s', (_name, change) => {
    expect(ToolDefinitionSchema.safeParse({ ...base, ...change }).success).toBe(false);
  });
  it('accepts the documented shape', () => {
    expect(ToolDefinitionSchema.safeParse(base).success).toBe(true);
  });
});
