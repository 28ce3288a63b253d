import WebSocket from 'ws';
import type { LivedeskClient, LivedeskEvent } from '../src/index.js';

/** `ws`'s WebSocket, as a Node 20 service passes it. */
export const NodeWebSocket = WebSocket;

/** Reads a client's events in the background, so a test can wait for one and look at all of them. */
export class EventRecorder {
  readonly seen: LivedeskEvent[] = [];
  private readonly waiters: {
    test: (event: LivedeskEvent) => boolean;
    resolve: (event: LivedeskEvent) => void;
  }[] = [];

  constructor(client: LivedeskClient) {
    void (async () => {
      for await (const event of client.events()) {
        this.seen.push(event);
        for (const waiter of [...this.waiters])
          if (waiter.test(event)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
      }
    })();
  }

  /** The count so far: `waitFor(test, mark)` looks only at what came after it. */
  mark(): number {
    return this.seen.length;
  }

  waitFor<T extends LivedeskEvent>(
    test: (event: LivedeskEvent) => event is T,
    from?: number,
    timeoutMs?: number,
  ): Promise<T>;
  waitFor(test: (event: LivedeskEvent) => boolean, from?: number, timeoutMs?: number): Promise<LivedeskEvent>;
  waitFor(test: (event: LivedeskEvent) => boolean, from = 0, timeoutMs = 15_000): Promise<LivedeskEvent> {
    const already = this.seen.slice(from).find(test);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such event; saw ${JSON.stringify(this.seen.slice(from))}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  /** The final answer of the next turn that ends after `from`. */
  async finalAnswer(from: number): Promise<string> {
    const answer = await this.waitFor((event) => event.type === 'answer' && event.final, from);
    return answer.type === 'answer' ? answer.text : '';
  }

  /** The sequences of the stored events seen after `from`, in the order they came. */
  sequencesSince(from: number): number[] {
    return this.seen
      .slice(from)
      .flatMap((event) => (event.type === 'event' && event.sequence !== undefined ? [event.sequence] : []));
  }
}
