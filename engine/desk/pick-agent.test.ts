import { describe, expect, it } from 'vitest';
import { AgentProfileSchema, createAgent, type Agent } from './agent.js';
import { pickAgent } from './pick-agent.js';

const agent = (id: string, load = 0, lastOfferedAtMs = 0): Agent => {
  const created = createAgent(AgentProfileSchema.parse({ id, name: id, presence: 'online', capacity: 5 }));
  for (let index = 0; index < load; index++) created.activeConversationIds.add(`${id}-${index}`);
  created.lastOfferedAtMs = lastOfferedAtMs;
  return created;
};

describe('pick agent', () => {
  it('round robin takes the next candidate after the last one offered, wrapping around', () => {
    const [a, b, c] = [agent('a'), agent('b'), agent('c')];
    const rotation = ['a', 'b', 'c'];
    expect(
      pickAgent({ candidates: [a, b, c], selection: 'round-robin', rotation, lastAgentId: undefined })?.id,
    ).toBe('a');
    expect(
      pickAgent({ candidates: [a, b, c], selection: 'round-robin', rotation, lastAgentId: 'a' })?.id,
    ).toBe('b');
    expect(pickAgent({ candidates: [a, c], selection: 'round-robin', rotation, lastAgentId: 'a' })?.id).toBe(
      'c',
    );
    expect(pickAgent({ candidates: [a, b], selection: 'round-robin', rotation, lastAgentId: 'c' })?.id).toBe(
      'a',
    );
  });

  it('least busy takes the agent holding the fewest conversations', () => {
    const chosen = pickAgent({
      candidates: [agent('a', 2), agent('b', 1), agent('c', 3)],
      selection: 'least-busy',
      rotation: [],
      lastAgentId: undefined,
    });
    expect(chosen?.id).toBe('b');
  });

  it('least busy breaks ties by who waited longest since their last offer', () => {
    const chosen = pickAgent({
      candidates: [agent('a', 1, 50), agent('b', 1, 10)],
      selection: 'least-busy',
      rotation: [],
      lastAgentId: undefined,
    });
    expect(chosen?.id).toBe('b');
  });

  it('picks nobody from no candidates', () => {
    expect(
      pickAgent({ candidates: [], selection: 'least-busy', rotation: [], lastAgentId: undefined }),
    ).toBeUndefined();
  });
});
