import type { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ViewerEventSchema,
  type ViewerEvent as ServerViewerEvent,
} from '../../server/realtime/viewer-event.js';
import type {
  ViewerErrorCodeSchema,
  ViewerFrameSchema,
  ViewerServerFrame,
} from '../../server/realtime/viewer-frames.js';
import {
  parseServerFrame,
  VIEWER_EVENT_TYPES,
  type ClientFrame,
  type ServerFrame,
  type ViewerErrorCode,
  type ViewerEvent,
} from '../src/protocol.js';

/** `true` when every A is a B; a type error at the use otherwise. */
type Fits<A, B> = [A] extends [B] ? true : false;

/**
 * The SDK writes the viewer channel's types out so it stands alone; these checks (by `tsc -p sdk` and by
 * vitest) fail when the server's frames change and the SDK's do not.
 */
describe('the SDK speaks the server’s viewer protocol', () => {
  it('has the same frame and event types (checked by the compiler)', () => {
    const fits: [
      Fits<ViewerServerFrame, ServerFrame>,
      Fits<ServerViewerEvent, ViewerEvent>,
      Fits<ClientFrame, z.input<typeof ViewerFrameSchema>>,
    ] = [true, true, true];
    expect(fits).toEqual([true, true, true]);
    expectTypeOf<ViewerErrorCode>().toEqualTypeOf<z.infer<typeof ViewerErrorCodeSchema>>();
  });

  it('knows every viewer event type the server may send', () => {
    const serverTypes = ViewerEventSchema.options.map((option) => option.shape.type.value);
    expect([...VIEWER_EVENT_TYPES].sort()).toEqual([...serverTypes].sort());
  });

  it('takes well-formed frames and drops the rest', () => {
    const event = { type: 'event', sequence: 3, event: { type: 'turn-start', turnId: 't', question: 'q' } };
    expect(parseServerFrame(JSON.stringify(event))).toEqual(event);
    expect(parseServerFrame('{"type":"ack","clientMessageId":"m-1","sequence":2}')).toMatchObject({
      sequence: 2,
    });
    for (const bad of [
      'not json',
      'null',
      '{"type":"surprise"}',
      '{"type":"event","sequence":-1,"event":{"type":"turn-start"}}',
      '{"type":"event","event":"text"}',
      '{"type":"ack"}',
      '{"type":"joined","conversationId":7,"state":"ai"}',
      '{"type":"error","code":"rate_limited"}',
    ])
      expect(parseServerFrame(bad), bad).toBeUndefined();
  });
});
