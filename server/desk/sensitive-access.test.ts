import { describe, expect, it } from 'vitest';
import { mayReachConversation, mayReachTicket, type ConversationAgents } from './conversation-access.js';

const agent = (userId: string) => ({ userId, role: 'agent' as const });
const history = (assignedAgentId: string | null, agentIds: string[]) => ({ assignedAgentId, agentIds });
const ticket = { assigneeId: 'ana', createdBy: 'ana', department: 'general', conversationId: 'c1' };

describe('a sensitive conversation in the access rule', () => {
  it('lets only its current holder among agents in; having held it grants nothing', () => {
    const live: ConversationAgents = {
      live: { agentId: 'bo', status: 'active' },
      history: history('bo', ['ana', 'bo']),
      sensitive: true,
    };
    expect(mayReachConversation(agent('bo'), live)).toBe(true);
    expect(mayReachConversation(agent('ana'), live)).toBe(false);
    expect(mayReachConversation(agent('ana'), { ...live, sensitive: false })).toBe(true);
    expect(mayReachConversation({ userId: 'sam', role: 'supervisor' }, live)).toBe(true);
    expect(mayReachConversation({ userId: 'root', role: 'admin' }, live)).toBe(true);
    expect(mayReachConversation({ userId: 'ed', role: 'editor' }, live)).toBe(false);
    // Off the desk: the log's current holder, nobody else.
    const stored: ConversationAgents = { history: history('bo', ['ana', 'bo']), sensitive: true };
    expect(mayReachConversation(agent('bo'), stored)).toBe(true);
    expect(mayReachConversation(agent('ana'), stored)).toBe(false);
  });

  it("closes its ticket to the ticket's assignee, author and department unless they hold the conversation", () => {
    const conversation: ConversationAgents = {
      live: { agentId: 'bo', status: 'active' },
      history: history('bo', ['ana', 'bo']),
      sensitive: true,
    };
    expect(mayReachTicket(agent('ana'), ticket, { teams: ['general'], conversation })).toBe(false);
    expect(mayReachTicket(agent('bo'), ticket, { teams: [], conversation })).toBe(true);
    expect(
      mayReachTicket(agent('ana'), ticket, {
        teams: ['general'],
        conversation: { ...conversation, sensitive: false },
      }),
    ).toBe(true);
  });

  it("keeps a viewer's report that could not be linked to its conversation from agents, unless assigned it", () => {
    const report = {
      assigneeId: null,
      createdBy: 'viewer:v-1',
      department: 'general',
      tags: ['viewer-report', 'report:harassment'],
    };
    expect(mayReachTicket(agent('ana'), report, { teams: ['general'] })).toBe(false);
    expect(mayReachTicket(agent('ana'), { ...report, assigneeId: 'ana' }, { teams: ['general'] })).toBe(true);
    expect(mayReachTicket({ userId: 'sam', role: 'supervisor' }, report, { teams: [] })).toBe(true);
    // Any other unlinked ticket of the department stays the department's.
    expect(mayReachTicket(agent('ana'), { ...report, tags: ['refund'] }, { teams: ['general'] })).toBe(true);
  });
});
