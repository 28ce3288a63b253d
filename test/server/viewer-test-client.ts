import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import { ViewerServerFrameSchema, type ViewerServerFrame } from '../../server/realtime/viewer-frames.js';
import { SocketTestClient } from './desk-socket-client.js';

type EventFrame = Extract<ViewerServerFrame, { type: 'event' }>;
type EventOf<T extends ViewerEvent['type']> = Extract<ViewerEvent, { type: T }>;

/** A viewer's socket on `/ws/viewer`. */
export class ViewerTestClient extends SocketTestClient<ViewerServerFrame> {
  static async connect(url: string): Promise<ViewerTestClient> {
    return new ViewerTestClient(await SocketTestClient.open(url), ViewerServerFrameSchema);
  }

  /** Sends `join` and resolves to the `joined` frame. */
  async join(frame: Record<string, unknown>): Promise<Extract<ViewerServerFrame, { type: 'joined' }>> {
    const from = this.mark();
    this.send({ type: 'join', ...frame });
    return this.waitForType('joined', { from });
  }

  async waitForEvent<T extends ViewerEvent['type']>(
    type: T,
    options: { from?: number; where?: (event: EventOf<T>) => boolean } = {},
  ): Promise<{ sequence?: number | undefined; event: EventOf<T>; index: number }> {
    const index = await this.waitForIndex(
      (frame) =>
        frame.type === 'event' &&
        frame.event.type === type &&
        (options.where?.(frame.event as EventOf<T>) ?? true),
      options.from,
    );
    const frame = this.frames[index] as EventFrame;
    return { sequence: frame.sequence, event: frame.event as EventOf<T>, index };
  }

  async waitForError(code: string, from = 0): Promise<Extract<ViewerServerFrame, { type: 'error' }>> {
    return this.waitForType('error', { from, where: (frame) => frame.code === code });
  }

  events(from = 0, to = this.frames.length): EventFrame[] {
    return this.frames.slice(from, to).filter((frame): frame is EventFrame => frame.type === 'event');
  }
}
