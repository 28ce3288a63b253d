// npx tsx bench/load/sdk-frame-cost.ts [questions]: what the SDK costs the load generator per question, apart
// from the server and the network. A socket stand-in feeds one client the frames a FAQ answer brings (as the
// server sends them), and the app loop reads the SDK's events as the load benchmark's swarm does; parsing
// alone (`parseServerFrame`) is timed too.
import { connect, type LivedeskClient, type ViewerSession, type WebSocketLike } from '../../sdk/src/index.js';
import { parseServerFrame } from '../../sdk/src/protocol.js';

const ANSWER = '打开 App，进入 我的 > 钱包 > 充值，选择金额后支付即可。';

/** The frames one FAQ question brings, in the order the server sends them. */
function framesOf(question: number, sequence: number): string[] {
  const turnId = `t-${question}`;
  const clientMessageId = `q-${question}`;
  return [
    { type: 'ack', clientMessageId, sequence },
    {
      type: 'event',
      sequence,
      event: {
        type: 'viewer-message',
        text: '怎么充值金币？',
        channel: 'text',
        at: new Date(0).toISOString(),
        clientMessageId,
      },
    },
    {
      type: 'event',
      sequence: sequence + 1,
      event: { type: 'turn-start', turnId, question: '怎么充值金币？' },
    },
    { type: 'event', event: { type: 'text-delta', turnId, text: ANSWER, uninterruptible: false } },
    {
      type: 'event',
      sequence: sequence + 2,
      event: { type: 'answer-source', turnId, entryIds: ['coins.top-up'], composer: 'entry' },
    },
    {
      type: 'event',
      sequence: sequence + 3,
      event: { type: 'turn-end', turnId, reason: 'done', delivered: ANSWER },
    },
  ].map((frame) => JSON.stringify(frame));
}

/** A socket that delivers what the test hands it; what the SDK sends is dropped. */
class FeedSocket implements WebSocketLike {
  static last: FeedSocket | undefined;
  readyState = 0;
  private readonly listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  constructor() {
    FeedSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.emit('open', {});
    });
  }
  send(data: string): void {
    if (data.includes('"join"'))
      setTimeout(() => this.deliver(JSON.stringify({ type: 'joined', conversationId: 'c-1', state: 'ai' })));
  }
  close(): void {
    this.readyState = 3;
  }
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  deliver(data: string): void {
    this.emit('message', { data });
  }
  private emit(type: string, event: { data?: unknown }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const questions = Number(process.argv[2] ?? 20_000);
const session: ViewerSession = {
  token: 'not-checked-here',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  viewerId: 'v-1',
  roomId: 'r-1',
};
const client: LivedeskClient = await connect({
  baseUrl: 'http://127.0.0.1:1',
  roomId: 'r-1',
  session,
  WebSocket: FeedSocket,
  pingIntervalMs: 3_600_000,
});
const socket = FeedSocket.last!;
let answers = 0;
let answered: () => void = () => undefined;
void (async () => {
  for await (const event of client.events()) {
    if (event.type === 'answer' && event.final) {
      answers += 1;
      answered();
    }
  }
})();

async function run(count: number, firstSequence: number): Promise<number> {
  const before = process.cpuUsage();
  for (let question = 0; question < count; question += 1) {
    const done = new Promise<void>((resolve) => (answered = resolve));
    // Back to back, as a corked server write arrives; the app loop reads the events as they come.
    for (const frame of framesOf(question, firstSequence + question * 4)) socket.deliver(frame);
    await done;
  }
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1000 / count;
}

await run(2000, 1); // warm-up
const sdkMs = await run(questions, 1 + 2000 * 4);
const sample = framesOf(0, 1);
const parseRounds = questions;
const parseBefore = process.cpuUsage();
for (let round = 0; round < parseRounds; round += 1) for (const frame of sample) parseServerFrame(frame);
const parseCpu = process.cpuUsage(parseBefore);
const parseMs = (parseCpu.user + parseCpu.system) / 1000 / parseRounds;
client.close();
console.log(
  [
    `| SDK, per question (${sample.length} frames: parse, dedupe, events, app loop) | ${(sdkMs * 1000).toFixed(1)} µs |`,
    `| of which parsing (parseServerFrame) | ${(parseMs * 1000).toFixed(1)} µs |`,
    `| answers read | ${answers} |`,
  ].join('\n'),
);
