import { describe, expect, it } from 'vitest';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import { packet } from '../../engine/desk/desk-test-fixtures.js';
import { StaffRoleSchema, type StaffRole } from '../auth/principal.js';
import { mayReachConversation, mayReachTicket, type ConversationAgents } from './conversation-access.js';
import { mayAct, type DeskAction } from './desk-permissions.js';

const actor = (role: StaffRole, userId = 'u-me') => ({ userId, role });

const never: ConversationAgents = { history: { assignedAgentId: 'u-other', agentIds: ['u-other'] } };

describe('mayReachConversation', () => {
  it('lets supervisors and admins reach every conversation, known or not', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(mayReachConversation(actor(role), never)).toBe(true);
      expect(mayReachConversation(actor(role), {})).toBe(true);
    }
  });

  it('refuses an agent who never held it, and editors always', () => {
    expect(mayReachConversation(actor('agent'), never)).toBe(false);
    expect(mayReachConversation(actor('agent'), {})).toBe(false);
    expect(
      mayReachConversation(actor('editor'), {
        live: { agentId: 'u-me', status: 'active' },
        history: { assignedAgentId: 'u-me', agentIds: ['u-me'] },
      }),
    ).toBe(false);
  });

  it('lets an agent reach what is offered to or held by them on the desk now', () => {
    for (const status of ['offered', 'active', 'needs-reassignment'] as const)
      expect(mayReachConversation(actor('agent'), { ...never, live: { agentId: 'u-me', status } })).toBe(
        true,
      );
    expect(
      mayReachConversation(actor('agent'), { ...never, live: { agentId: 'u-other', status: 'active' } }),
    ).toBe(false);
    expect(mayReachConversation(actor('agent'), { live: { agentId: undefined, status: 'queued' } })).toBe(
      false,
    );
  });

  it('lets an agent reach what the log says they held, were offered or wrote in', () => {
    expect(mayReachConversation(actor('agent'), { history: { assignedAgentId: 'u-me', agentIds: [] } })).toBe(
      true,
    );
    expect(
      mayReachConversation(actor('agent'), { history: { assignedAgentId: null, agentIds: ['a', 'u-me'] } }),
    ).toBe(true);
  });
});

describe('mayReachTicket', () => {
  const ticket = { assigneeId: null, createdBy: 'u-other', department: 'finance', conversationId: 'c1' };

  it('lets an agent reach tickets assigned to them, made by them, or in their departments', () => {
    const none = { teams: [] };
    expect(mayReachTicket(actor('agent'), ticket, none)).toBe(false);
    expect(mayReachTicket(actor('agent'), { ...ticket, assigneeId: 'u-me' }, none)).toBe(true);
    expect(mayReachTicket(actor('agent'), { ...ticket, createdBy: 'u-me' }, none)).toBe(true);
    expect(mayReachTicket(actor('agent'), ticket, { teams: ['support', 'finance'] })).toBe(true);
  });

  it('follows the conversation rule for a linked conversation', () => {
    expect(mayReachTicket(actor('agent'), ticket, { teams: [], conversation: never })).toBe(false);
    expect(
      mayReachTicket(actor('agent'), ticket, {
        teams: [],
        conversation: { history: { assignedAgentId: null, agentIds: ['u-me'] } },
      }),
    ).toBe(true);
    expect(
      mayReachTicket(
        actor('agent'),
        { ...ticket, conversationId: undefined },
        { teams: [], conversation: { history: { assignedAgentId: 'u-me', agentIds: [] } } },
      ),
    ).toBe(false);
  });

  it('lets supervisors and admins reach every ticket and editors none', () => {
    expect(mayReachTicket(actor('supervisor'), ticket, { teams: [] })).toBe(true);
    expect(mayReachTicket(actor('admin'), ticket, { teams: [] })).toBe(true);
    expect(mayReachTicket(actor('editor'), { ...ticket, assigneeId: 'u-me' }, { teams: ['finance'] })).toBe(
      false,
    );
  });
});

describe('the desk permissions within the rule', () => {
  const ACTIONS: DeskAction[] = [
    'watch',
    'accept',
    'decline',
    'reply',
    'transfer',
    'escalate',
    'hand-back',
    'close',
    'requeue',
  ];
  const STATUSES: DeskConversationView['status'][] = ['queued', 'offered', 'active', 'needs-reassignment'];

  // Agent frames are checked by mayAct; whatever it allows must be reachable by the conversation rule.
  it('never lets a frame act on a conversation the rule keeps from the caller', () => {
    for (const role of StaffRoleSchema.options)
      for (const status of STATUSES)
        for (const holder of ['u-me', 'u-other', undefined])
          for (const action of ACTIONS) {
            const view = {
              conversationId: 'c1',
              packet: packet('c1'),
              status,
              lane: 'normal',
              team: 'support',
              enqueuedAt: '2026-01-01T00:00:00.000Z',
              agentId: holder,
              pinnedAgentId: undefined,
              transfers: [],
              laneReasons: [],
              sla: { kind: 'first-response', dueAt: '2026-01-01T00:05:00.000Z', breached: false },
              offerExpiresAt: undefined,
              flagged: false,
            } satisfies DeskConversationView;
            if (mayAct(actor(role), action, view))
              expect(mayReachConversation(actor(role), { live: view }), `${role} ${action} ${status}`).toBe(
                true,
              );
          }
  });
});
