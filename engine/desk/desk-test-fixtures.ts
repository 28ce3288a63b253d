import type { HandoffPacket } from '../handoff/handoff-packet.js';
import { AgentProfileSchema, type AgentProfileInput } from './agent.js';
import { DeskConfigSchema, type DeskConfigInput } from './desk-config.js';
import { Desk } from './desk.js';

/** A clock the test moves by hand. */
export interface FakeClock {
  now: () => Date;
  advance: (ms: number) => void;
}

export function fakeClock(startIso = '2025-01-01T00:00:00.000Z'): FakeClock {
  let nowMs = Date.parse(startIso);
  return {
    now: () => new Date(nowMs),
    advance: (ms) => {
      nowMs += ms;
    },
  };
}

export function packet(conversationId: string, overrides: Partial<HandoffPacket> = {}): HandoffPacket {
  return {
    conversationId,
    createdAt: '2025-01-01T00:00:00.000Z',
    reasons: ['human_request'],
    details: [],
    priority: 'normal',
    team: 'support',
    summary: { text: 'wants a person', source: 'extractive' },
    sentiment: { angerByTurn: [0], trend: 'steady' },
    aiAttempts: [],
    viewer: { viewerId: `viewer-${conversationId}`, tier: 'regular', locale: 'en' },
    liveContext: {},
    transcript: [],
    ...overrides,
  };
}

export function agentProfile(input: Partial<AgentProfileInput> & { id: string }) {
  return AgentProfileSchema.parse({ name: input.id, presence: 'online', teams: ['support'], ...input });
}

export function createTestDesk(
  config: DeskConfigInput = {},
  clock: FakeClock = fakeClock(),
): { desk: Desk; clock: FakeClock } {
  return { desk: new Desk({ config: DeskConfigSchema.parse(config), clock: clock.now }), clock };
}
