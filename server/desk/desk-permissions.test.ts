import { describe, expect, it } from 'vitest';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import { packet } from '../../engine/desk/desk-test-fixtures.js';
import { mayAct, type DeskAction } from './desk-permissions.js';

function view(status: DeskConversationView['status'], agentId: string | undefined): DeskConversationView {
  return {
    conversationId: 'c1',
    packet: packet('c1'),
    status,
    lane: 'normal',
    team: 'support',
    enqueuedAt: '2026-01-01T00:00:00.000Z',
    agentId,
    pinnedAgentId: undefined,
    transfers: [],
    laneReasons: [],
    sla: { kind: 'first-response', dueAt: '2026-01-01T00:05:00.000Z', breached: false },
    offerExpiresAt: undefined,
    flagged: false,
  };
}

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
const allowed = (
  actor: Parameters<typeof mayAct>[0],
  target: DeskConversationView | undefined,
): DeskAction[] => ACTIONS.filter((action) => mayAct(actor, action, target));

describe('mayAct', () => {
  const ann = { userId: 'ann', role: 'agent' as const };
  const sue = { userId: 'sue', role: 'supervisor' as const };

  it('lets an agent decide on an offer made to them, and nothing more', () => {
    expect(allowed(ann, view('offered', 'ann'))).toEqual(['watch', 'accept', 'decline']);
  });

  it('lets an agent work a conversation they accepted, but not requeue it', () => {
    expect(allowed(ann, view('active', 'ann'))).toEqual([
      'watch',
      'reply',
      'transfer',
      'escalate',
      'hand-back',
      'close',
    ]);
  });

  it('gives an agent nothing on someone else’s or a waiting conversation', () => {
    expect(allowed(ann, view('active', 'bob'))).toEqual([]);
    expect(allowed(ann, view('queued', undefined))).toEqual([]);
    expect(allowed(ann, undefined)).toEqual([]);
  });

  it('lets a supervisor watch anything and move any conversation on the desk, but not answer for another agent', () => {
    expect(allowed(sue, view('active', 'bob'))).toEqual([
      'watch',
      'transfer',
      'escalate',
      'hand-back',
      'close',
      'requeue',
    ]);
    expect(allowed(sue, undefined)).toEqual(['watch']);
    expect(allowed({ userId: 'root', role: 'admin' }, view('queued', undefined))).toContain('requeue');
  });
});
