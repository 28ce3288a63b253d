import { describe, expect, it } from 'vitest';
import {
  aiMaySpeak,
  transition,
  type ConversationState,
  type TransitionCommand,
} from './conversation-state.js';

describe('conversation state machine', () => {
  it.each<[ConversationState, TransitionCommand, ConversationState]>([
    ['ai', { type: 'escalate', reasons: ['anger'] }, 'pending_human'],
    ['pending_human', { type: 'assign', agentId: 'a1' }, 'human'],
    ['human', { type: 'hand-back', agentId: 'a1' }, 'ai'],
    ['human', { type: 'requeue', reason: 'agent offline' }, 'pending_human'],
    ['pending_human', { type: 'hand-back', agentId: 'a1' }, 'ai'],
    ['human', { type: 'close', by: 'a1' }, 'closed'],
    ['ai', { type: 'close', by: 'viewer' }, 'closed'],
    ['closed', { type: 'reopen' }, 'ai'],
  ])('moves from %s on %o to %s', (from, command, to) => {
    expect(transition(from, command)).toEqual({ ok: true, from, to });
  });

  it.each<[ConversationState, TransitionCommand]>([
    ['ai', { type: 'assign', agentId: 'a1' }],
    ['human', { type: 'escalate', reasons: ['anger'] }],
    ['closed', { type: 'assign', agentId: 'a1' }],
    ['ai', { type: 'hand-back', agentId: 'a1' }],
    ['closed', { type: 'close', by: 'a1' }],
    ['ai', { type: 'reopen' }],
  ])('refuses, from %s, %o', (from, command) => {
    const result = transition(from, command);
    expect(result.ok).toBe(false);
  });

  it('lets the AI speak only while it owns the conversation', () => {
    expect(aiMaySpeak('ai')).toBe(true);
    for (const state of ['pending_human', 'human', 'closed'] as const) expect(aiMaySpeak(state)).toBe(false);
  });
});
