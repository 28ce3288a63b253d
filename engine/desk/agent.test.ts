import { describe, expect, it } from 'vitest';
import {
  AgentProfileSchema,
  AgentUpdateSchema,
  applyAgentUpdate,
  createAgent,
  freeSlots,
  hasTeamOrSkill,
  viewAgent,
} from './agent.js';

describe('agent model', () => {
  it('fills defaults for a minimal profile: offline, capacity 3, no skills or teams', () => {
    expect(AgentProfileSchema.parse({ id: 'a1', name: 'Ana' })).toEqual({
      id: 'a1',
      name: 'Ana',
      presence: 'offline',
      capacity: 3,
      skills: [],
      teams: [],
    });
  });

  it('rejects a blank id, an unknown presence and a fractional or negative capacity', () => {
    expect(AgentProfileSchema.safeParse({ id: ' ', name: 'Ana' }).success).toBe(false);
    expect(AgentProfileSchema.safeParse({ id: 'a1', name: 'Ana', presence: 'busy' }).success).toBe(false);
    expect(AgentProfileSchema.safeParse({ id: 'a1', name: 'Ana', capacity: 1.5 }).success).toBe(false);
    expect(AgentProfileSchema.safeParse({ id: 'a1', name: 'Ana', capacity: -1 }).success).toBe(false);
  });

  it('has free slots only while online, never fewer than zero after a capacity cut', () => {
    const agent = createAgent(
      AgentProfileSchema.parse({ id: 'a1', name: 'Ana', presence: 'online', capacity: 2 }),
    );
    expect(freeSlots(agent)).toBe(2);
    agent.activeConversationIds.add('c1');
    agent.offeredConversationIds.add('c2');
    expect(freeSlots(agent)).toBe(0);
    applyAgentUpdate(agent, AgentUpdateSchema.parse({ capacity: 1 }));
    expect(freeSlots(agent)).toBe(0);
    applyAgentUpdate(agent, { capacity: 5, presence: 'away' });
    expect(freeSlots(agent)).toBe(0);
    expect(viewAgent(agent)).toMatchObject({ load: 2, freeSlots: 0, presence: 'away', capacity: 5 });
  });

  it('qualifies for a team through its teams or its skills', () => {
    const agent = createAgent(
      AgentProfileSchema.parse({ id: 'a1', name: 'Ana', teams: ['support'], skills: ['finance'] }),
    );
    expect(hasTeamOrSkill(agent, 'support')).toBe(true);
    expect(hasTeamOrSkill(agent, 'finance')).toBe(true);
    expect(hasTeamOrSkill(agent, 'vip-care')).toBe(false);
  });

  it('leaves fields an update does not name as they were', () => {
    const agent = createAgent(AgentProfileSchema.parse({ id: 'a1', name: 'Ana', teams: ['support'] }));
    applyAgentUpdate(agent, AgentUpdateSchema.parse({ skills: ['refunds'] }));
    expect(viewAgent(agent)).toMatchObject({
      name: 'Ana',
      teams: ['support'],
      skills: ['refunds'],
      presence: 'offline',
    });
  });
});
