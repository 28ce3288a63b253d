import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebTestServer, type WebTestServer } from '../../test/browser/web-test-server.js';
import { endpointUrl } from '../src/base-url.js';
import { connect, type LivedeskClient } from '../src/index.js';
import { viewerChannelUrl } from '../src/socket.js';
import { startPrefixProxy, type PrefixProxy } from './prefix-proxy.js';
import { EventRecorder, NodeWebSocket } from './sdk-test-helpers.js';

const TOP_UP_ANSWER_ZH = '打开 App，进入 我的 > 钱包 > 充值';

describe('endpoint URLs keep the base URL’s path', () => {
  it.each([
    ['https://x.example', 'https://x.example/api/viewer/session', 'wss://x.example/ws/viewer'],
    ['https://x.example/', 'https://x.example/api/viewer/session', 'wss://x.example/ws/viewer'],
    [
      'https://x.example/support',
      'https://x.example/support/api/viewer/session',
      'wss://x.example/support/ws/viewer',
    ],
    [
      'http://x.example:8080/a/b/?q=1#top',
      'http://x.example:8080/a/b/api/viewer/session',
      'ws://x.example:8080/a/b/ws/viewer',
    ],
  ])('%s', (baseUrl, session, socket) => {
    expect(endpointUrl(baseUrl, '/api/viewer/session').toString()).toBe(session);
    expect(viewerChannelUrl(baseUrl)).toBe(socket);
  });
});

describe('the SDK behind a proxy that serves Livedesk under /support', () => {
  let server: WebTestServer;
  let proxy: PrefixProxy;
  const clients: LivedeskClient[] = [];

  beforeAll(async () => {
    server = await startWebTestServer();
    proxy = await startPrefixProxy(server.url, '/support');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await proxy?.close();
    await server?.close();
  });

  it.each([['without'], ['with']])(
    'opens the session and the socket under the prefix (%s a trailing slash) and gets an answer',
    async (slash) => {
      const from = proxy.requested.length;
      const client = await connect({
        baseUrl: slash === 'with' ? `${proxy.url}/` : proxy.url,
        roomId: 'prefixed-room',
        locale: 'zh-CN',
        WebSocket: NodeWebSocket,
      });
      clients.push(client);
      const recorder = new EventRecorder(client);
      const mark = recorder.mark();
      await client.send('怎么充值');
      expect(await recorder.finalAnswer(mark)).toContain(TOP_UP_ANSWER_ZH);
      expect(proxy.requested.slice(from)).toEqual(['/support/api/viewer/session', '/support/ws/viewer']);
      client.close();
    },
  );
});
