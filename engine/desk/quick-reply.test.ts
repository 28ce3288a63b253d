import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../conversation/conversation-events.js';
import {
  QuickReplyInputSchema,
  quickReplyMatches,
  renderQuickReply,
  type QuickReply,
} from './quick-reply.js';
import { templateVariables } from './quick-reply-template.js';
import { quickReplyValues } from './quick-reply-values.js';

const reply = (overrides: Partial<QuickReply> = {}): QuickReply => ({
  id: 'qr-1',
  shortcut: '/wait',
  locale: 'en',
  team: null,
  title: 'Wait apology',
  text: 'Sorry {viewerName}, about {waitMinutes} minutes more. — {agentName}',
  updatedAt: '2026-06-01T00:00:00.000Z',
  updatedBy: 'editor',
  ...overrides,
});

describe('quick reply rendering', () => {
  it('fills every variable it has a value for', () => {
    expect(renderQuickReply(reply(), { viewerName: 'Lin', waitMinutes: 3, agentName: 'Ana' })).toEqual({
      text: 'Sorry Lin, about 3 minutes more. — Ana',
      missing: [],
    });
  });

  it('reports variables without a value and leaves them visible instead of blank', () => {
    expect(renderQuickReply(reply(), { agentName: 'Ana', viewerName: '  ' })).toEqual({
      text: 'Sorry {viewerName}, about {waitMinutes} minutes more. — Ana',
      missing: ['viewerName', 'waitMinutes'],
    });
  });

  it('puts values in as plain text, never as template syntax', () => {
    const rendered = renderQuickReply(reply({ text: 'Hi {viewerName}' }), {
      viewerName: '<b>{agentName}</b>',
      agentName: 'x',
    });
    expect(rendered.text).toBe('Hi <b>{agentName}</b>');
  });

  it('leaves braces that are not variables alone', () => {
    expect(templateVariables('Use code {A1} or { x } or {}')).toEqual(['A1']);
    expect(renderQuickReply(reply({ text: 'price {} {1}' }), {})).toEqual({
      text: 'price {} {1}',
      missing: [],
    });
  });

  it('refuses to save a template naming an unknown variable', () => {
    const parsed = QuickReplyInputSchema.safeParse({
      shortcut: '/hi',
      locale: 'en',
      title: 'Hi',
      text: 'Hi {viewername}',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('unknown variables {viewername}');
  });

  it('wants a slash shortcut', () => {
    const input = { locale: 'zh', title: '充值', text: '步骤' };
    expect(QuickReplyInputSchema.safeParse({ ...input, shortcut: '/充值' }).success).toBe(true);
    expect(QuickReplyInputSchema.safeParse({ ...input, shortcut: 'topup' }).success).toBe(false);
    expect(QuickReplyInputSchema.safeParse({ ...input, shortcut: '/top up' }).success).toBe(false);
  });
});

describe('quick reply filters', () => {
  it('finds replies by language, team scope and text', () => {
    const zh = reply({ locale: 'zh', team: 'finance', text: '退款说明' });
    expect(quickReplyMatches(zh, { locale: 'zh-TW' })).toBe(true);
    expect(quickReplyMatches(zh, { locale: 'en' })).toBe(false);
    expect(quickReplyMatches(zh, { team: 'finance' })).toBe(true);
    expect(quickReplyMatches(zh, { team: 'tech' })).toBe(false);
    expect(quickReplyMatches(reply(), { team: 'tech' })).toBe(true);
    expect(quickReplyMatches(reply(), { text: 'APOLOGY' })).toBe(true);
    expect(quickReplyMatches(zh, { text: '退款' })).toBe(true);
    expect(quickReplyMatches(zh, { text: 'refund' })).toBe(false);
  });
});

describe('quick reply values from a conversation', () => {
  it('prefers the handoff packet, falls back to the opening, and leaves out what is unknown', () => {
    const opened: ConversationEvent = {
      type: 'conversation-opened',
      profile: { viewerId: 'v1', tier: 'regular' },
      liveContext: { roomId: 'room-1' },
      at: '2026-06-01T00:00:00.000Z',
    };
    expect(quickReplyValues({ conversationId: 'c1', events: [opened] })).toEqual({
      conversationId: 'c1',
      roomId: 'room-1',
    });
    expect(quickReplyValues({ conversationId: 'c1', events: [opened], ticketId: 'T-9' })).toMatchObject({
      ticketId: 'T-9',
    });
  });
});
