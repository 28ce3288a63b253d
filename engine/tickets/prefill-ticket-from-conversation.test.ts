import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../conversation/conversation-events.js';
import { conversationSatisfaction } from './conversation-satisfaction.js';
import { prefillTicketFromConversation } from './prefill-ticket-from-conversation.js';
import { DEPARTMENT_RULES } from './ticket-test-fixtures.js';

const opened: ConversationEvent = {
  type: 'conversation-opened',
  profile: { viewerId: 'v-1', tier: 'regular', locale: 'en', displayName: 'Lin' },
  liveContext: { roomId: 'room-3' },
  at: '2026-06-01T12:00:00.000Z',
};
const said = (text: string): ConversationEvent => ({
  type: 'viewer-message',
  text,
  channel: 'text',
  at: '2026-06-01T12:00:01.000Z',
});

describe('prefilling a ticket from conversation events', () => {
  it('quotes the viewer when there was no handoff, and takes the viewer and room from the opening', () => {
    const result = prefillTicketFromConversation(
      'c-1',
      [opened, said('hi'), said('my parcel is lost'), said('order 123'), said('please help')],
      {
        departments: DEPARTMENT_RULES,
      },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'my parcel is lost',
        description: 'The viewer wrote:\n> my parcel is lost\n> order 123\n> please help',
        priority: 'normal',
        assigneeId: null,
        tags: [],
        viewer: { viewerId: 'v-1', tier: 'regular', displayName: 'Lin', locale: 'en' },
        roomId: 'room-3',
        conversationId: 'c-1',
      },
    });
  });

  it('titles a handed-off conversation with the viewer’s first question, in their own words', () => {
    const handoff: ConversationEvent = {
      type: 'handoff',
      turnId: 't-2',
      packet: {
        conversationId: 'c-1',
        createdAt: '2026-06-01T12:00:05.000Z',
        reasons: ['human_request'],
        details: ['asked for a person (转人工)'],
        priority: 'normal',
        team: 'support',
        summary: { text: 'First question: "充值了50元没到账".', source: 'extractive' },
        sentiment: { angerByTurn: [0, 0], trend: 'steady' },
        aiAttempts: [],
        viewer: { viewerId: 'v-1', tier: 'regular', locale: 'zh' },
        liveContext: { roomId: 'room-3' },
        transcript: [
          { at: '2026-06-01T12:00:01.000Z', speaker: 'viewer', text: '充值了50元没到账' },
          { at: '2026-06-01T12:00:04.000Z', speaker: 'viewer', text: '转人工' },
        ],
      },
    };
    const result = prefillTicketFromConversation('c-1', [opened, said('充值了50元没到账'), handoff], {
      departments: DEPARTMENT_RULES,
    });
    expect(result).toMatchObject({
      ok: true,
      value: { title: '充值了50元没到账', description: expect.stringContaining('First question') as unknown },
    });
  });

  it('lets the fields given win over the prefilled ones', () => {
    const result = prefillTicketFromConversation('c-1', [opened, said('x')], {
      departments: DEPARTMENT_RULES,
      overrides: { title: 'Lost parcel', department: 'logistics', priority: 'high', tags: ['parcel'] },
    });
    expect(result).toMatchObject({
      ok: true,
      value: { title: 'Lost parcel', department: 'logistics', priority: 'high', tags: ['parcel'] },
    });
  });

  it('names the viewer in the title when nothing was said', () => {
    expect(prefillTicketFromConversation('c-1', [opened], { departments: DEPARTMENT_RULES })).toMatchObject({
      ok: true,
      value: { title: 'Conversation with Lin', description: '' },
    });
  });

  it('refuses a conversation without events', () => {
    expect(prefillTicketFromConversation('c-9', [], { departments: DEPARTMENT_RULES })).toEqual({
      ok: false,
      code: 'not_found',
      message: 'no conversation c-9',
    });
  });
});

describe('conversation satisfaction', () => {
  it('keeps every rating and knows when one is awaited after a reopen', () => {
    const events: ConversationEvent[] = [
      { type: 'satisfaction-request', at: '1' },
      { type: 'satisfaction', score: 2, comment: 'slow', at: '2' },
      { type: 'satisfaction-request', at: '3' },
    ];
    expect(conversationSatisfaction(events)).toEqual({
      requested: true,
      awaiting: true,
      rating: { score: 2, comment: 'slow', at: '2' },
      ratings: [{ score: 2, comment: 'slow', at: '2' }],
    });
    expect(conversationSatisfaction([opened])).toEqual({
      requested: false,
      awaiting: false,
      rating: null,
      ratings: [],
    });
  });
});

describe('personal data in a prefilled ticket', () => {
  it('masks email addresses and phone numbers copied from the viewer into the title and description', () => {
    const result = prefillTicketFromConversation(
      'c-1',
      [opened, said('reach me at lin.wei@example.com'), said('or call 13812345678')],
      { departments: DEPARTMENT_RULES },
    );
    if (!result.ok) throw new Error('refused');
    const text = `${result.value.title}\n${result.value.description}`;
    expect(text).not.toContain('lin.wei@example.com');
    expect(text).not.toContain('13812345678');
    expect(result.value.description).toContain('The viewer wrote:');
  });

  it('masks them in a handoff summary too, and leaves what the agent typed alone', () => {
    const handoff: ConversationEvent = {
      type: 'handoff',
      turnId: 't-2',
      packet: {
        conversationId: 'c-1',
        createdAt: '2026-06-01T12:00:05.000Z',
        reasons: ['human_request'],
        details: ['viewer gave lin.wei@example.com'],
        priority: 'normal',
        team: 'support',
        summary: {
          text: 'First question: "mail lin.wei@example.com, tel 13812345678".',
          source: 'extractive',
        },
        sentiment: { angerByTurn: [0], trend: 'steady' },
        aiAttempts: [],
        viewer: { viewerId: 'v-1', tier: 'regular', locale: 'en' },
        liveContext: { roomId: 'room-3' },
        transcript: [],
      },
    };
    const result = prefillTicketFromConversation('c-1', [opened, handoff], { departments: DEPARTMENT_RULES });
    if (!result.ok) throw new Error('refused');
    expect(JSON.stringify(result.value)).not.toMatch(/lin\.wei@example\.com|13812345678/);
    const typed = prefillTicketFromConversation('c-1', [opened, handoff], {
      departments: DEPARTMENT_RULES,
      overrides: { description: 'call back 13812345678' },
    });
    expect(typed.ok && typed.value.description).toBe('call back 13812345678');
  });
});
