import { describe, expect, it } from 'vitest';
import { deskExtras, parseAgentServerFrame } from './agent-frames-client.js';

describe('agent frames in the console', () => {
  it('reads notice frames field by field and drops malformed or unknown frames', () => {
    expect(parseAgentServerFrame('{"type":"notice","code":"auto-away","missedOffers":3}')).toEqual({
      type: 'notice',
      code: 'auto-away',
      missedOffers: 3,
    });
    expect(parseAgentServerFrame('{"type":"notice","code":7}')).toBeUndefined();
    expect(parseAgentServerFrame('{"type":"teleport"}')).toBeUndefined();
    expect(parseAgentServerFrame('not json')).toBeUndefined();
    expect(parseAgentServerFrame('{"type":"pong"}')).toEqual({ type: 'pong' });
  });

  it('takes the desk’s newer fields when present and well formed, one by one', () => {
    const extras = deskExtras({
      conversationId: 'c',
      viewerName: 'Mia',
      agentName: 42,
      laneReasons: ['anger', 'vip'],
      sla: { kind: 'first-response', dueAt: '2026-06-01T12:05:00.000Z', breached: false },
      offerExpiresAt: '2026-06-01T12:00:30.000Z',
    });
    expect(extras).toEqual({
      viewerName: 'Mia',
      laneReasons: ['anger', 'vip'],
      sla: { kind: 'first-response', dueAt: '2026-06-01T12:05:00.000Z', breached: false },
      offerExpiresAt: '2026-06-01T12:00:30.000Z',
    });
    expect(deskExtras({ sla: { kind: 'soon' } })).toEqual({});
    expect(deskExtras(undefined)).toEqual({});
  });
});
